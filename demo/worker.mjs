#!/usr/bin/env node
// A simulated coding agent for `orch-tui demo`: prints the way a busy agent
// does (progress lines, a spinner, a failing build, a finished turn) at a
// human pace, forever. Usage: node worker.mjs frontend|backend|tests
const profile = process.argv[2] ?? 'frontend';
const c = { dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m', bold: '\x1b[1m', off: '\x1b[0m' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (line = '') => process.stdout.write(line + '\n');
const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

async function spin(label, ms) {
  const start = Date.now();
  let i = 0;
  while (Date.now() - start < ms) {
    const secs = Math.floor((Date.now() - start) / 1000);
    process.stdout.write(`\r${c.cyan}${frames[i++ % frames.length]}${c.off} ${label}… ${c.dim}(${secs}s · esc to interrupt)${c.off}\x1b[K`);
    await sleep(120);
  }
  process.stdout.write('\r\x1b[K');
}

const scripts = {
  frontend: [
    ['task', 'Create the login form component in ui/LoginForm.tsx'],
    ['spin', 'Reading the codebase', 2500],
    ['tool', 'Read', 'ui/App.tsx (128 lines)'],
    ['tool', 'Read', 'ui/api/client.ts (64 lines)'],
    ['spin', 'Designing the form', 3000],
    ['tool', 'Write', 'ui/LoginForm.tsx (+87 lines)'],
    ['tool', 'Edit', 'ui/App.tsx (+4 -1)'],
    ['tool', 'Bash', 'npm run lint'],
    ['out', `${c.green}✔${c.off} no lint errors in 14 files`],
    ['spin', 'Adding form validation', 3500],
    ['tool', 'Edit', 'ui/LoginForm.tsx (+23 -2)'],
    ['say', 'The login form is in place: username and password fields, validation, and a submit handler calling POST /auth/login.'],
    ['done', 'Brewed for 19s'],
  ],
  backend: [
    ['task', 'Implement JWT issuing and validation middleware in auth/'],
    ['spin', 'Planning the middleware', 2500],
    ['tool', 'Write', 'auth/handler.go (+189 lines)'],
    ['tool', 'Write', 'auth/middleware.go (+67 lines)'],
    ['tool', 'Bash', 'go build ./...'],
    ['out', `${c.bold}# example.com/app/auth${c.off}`],
    ['out', `${c.red}auth/middleware.go:42:15: error: undefined: jwt.ParseWithClaimz${c.off}`],
    ['out', `${c.red}FAIL${c.off}	example.com/app/auth [build failed]`],
    ['spin', 'Fixing the build error', 3000],
    ['tool', 'Edit', 'auth/middleware.go (+1 -1)'],
    ['tool', 'Bash', 'go build ./... && go test ./auth/...'],
    ['out', `ok  	example.com/app/auth	0.412s`],
    ['say', 'Middleware done: tokens are issued by POST /auth/login and checked on every /api route.'],
    ['done', 'Cooked for 21s'],
  ],
  tests: [
    ['task', 'Write integration tests for the auth flow'],
    ['spin', 'Waiting for the API to settle', 2000],
    ['tool', 'Write', 'tests/auth.test.ts (+112 lines)'],
    ['tool', 'Bash', 'npm test -- tests/auth.test.ts'],
    ['out', ` ${c.green}✓${c.off} logs in with valid credentials ${c.dim}(41 ms)${c.off}`],
    ['out', ` ${c.green}✓${c.off} rejects a wrong password ${c.dim}(12 ms)${c.off}`],
    ['out', ` ${c.red}✗${c.off} refreshes an expired token ${c.dim}(8 ms)${c.off}`],
    ['out', `   ${c.red}AssertionError: expected 401 to be 200${c.off}`],
    ['out', ` ${c.red}Tests  1 failed${c.off} | 2 passed (3)`],
    ['spin', 'Investigating the refresh failure', 3500],
    ['tool', 'Edit', 'tests/auth.test.ts (+6 -2)'],
    ['out', ` ${c.green}Tests  3 passed${c.off} (3)`],
    ['done', 'Baked for 17s'],
  ],
};

async function run() {
  const steps = scripts[profile] ?? scripts.frontend;
  for (;;) {
    for (const [kind, a, b] of steps) {
      if (kind === 'task') say(`${c.bold}>${c.off} ${a}`);
      else if (kind === 'spin') await spin(a, b);
      else if (kind === 'tool') say(`${c.green}●${c.off} ${c.bold}${a}${c.off}(${b})`);
      else if (kind === 'out') say(`  ⎿  ${a}`);
      else if (kind === 'say') say(`${c.blue}●${c.off} ${a}`);
      else if (kind === 'done') {
        say(`${c.dim}✻ ${a}${c.off}`);
        say('');
        say(`${c.dim}──────────────────────────────────────────${c.off}`);
        say(`❯ ${c.dim}(waiting for the next task)${c.off}`);
        await sleep(5000);
        say('');
      }
      if (kind !== 'spin' && kind !== 'done') await sleep(700 + Math.random() * 900);
    }
  }
}

process.on('SIGINT', () => process.exit(130));
run();
