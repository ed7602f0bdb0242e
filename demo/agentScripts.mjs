// What a simulated agent does with a task: a list of steps it plays at a
// human pace. The demo's own tasks get scripts that show what orch-tui is
// for (a build that fails and is fixed, a permission question, an answer
// another task uses); any other task gets a short look-around and an answer.
//
// Steps: { spin, ms } a spinner line; { tool, arg, out, lines } a tool call
// and its output (a Write or Edit with `lines` really writes that many
// placeholder lines, in the worker's scratch repository); { bash, out } a command run; { ask, why } a permission
// question (the script goes on only after a yes); { say } the final answer.

const firstSentence = (text) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return (end === -1 ? flat : flat.slice(0, end)).slice(0, 120);
};

const backendApi = () => [
  { spin: 'Reading the auth package', ms: 1800 },
  { tool: 'Read', arg: 'auth/handler.go', out: ['Read 64 lines'] },
  { tool: 'Write', arg: 'auth/jwt.go', out: ['Wrote 112 lines to auth/jwt.go'], lines: 112 },
  { spin: 'Wiring the middleware', ms: 1800 },
  { tool: 'Write', arg: 'auth/middleware.go', out: ['Wrote 67 lines to auth/middleware.go'], lines: 67 },
  {
    bash: 'go build ./...',
    out: ['# example.com/app/auth', 'auth/middleware.go:42:15: error: undefined: jwt.ParseWithClaimz', 'FAIL\texample.com/app/auth [build failed]'],
  },
  { spin: 'Fixing the build error', ms: 5000 },
  { tool: 'Edit', arg: 'auth/middleware.go', out: ['Updated auth/middleware.go with 1 addition and 1 removal'], lines: 1 },
  { bash: 'go build ./... && go test ./auth/...', out: ['ok  \texample.com/app/auth\t0.412s'] },
  { spin: 'Writing up the endpoints', ms: 1200 },
  {
    say:
      'The auth API is in place. Endpoints: POST /auth/login {user, password} returns {token}; ' +
      'POST /auth/refresh {token} returns {token}; every /api route needs "Authorization: Bearer <token>".',
  },
];

const testsWithPermission = () => [
  { spin: 'Reading the login flow', ms: 1500 },
  { tool: 'Read', arg: 'auth/handler.go', out: ['Read 176 lines'] },
  { tool: 'Write', arg: 'tests/auth.test.ts', out: ['Wrote 98 lines to tests/auth.test.ts'], lines: 98 },
  { ask: 'npm test -- tests/auth.test.ts', why: 'Run the new auth tests' },
  {
    bash: 'npm test -- tests/auth.test.ts',
    out: [' ✓ logs in with valid credentials (41 ms)', ' ✗ refreshes an expired token (8 ms)', '   AssertionError: expected 401 to be 200', ' Tests  1 failed | 1 passed (2)'],
  },
  { spin: 'Looking at the refresh failure', ms: 3000 },
  { tool: 'Edit', arg: 'tests/auth.test.ts', out: ['Updated tests/auth.test.ts with 3 additions and 1 removal'], lines: 3 },
  { bash: 'npm test -- tests/auth.test.ts', out: [' ✓ logs in with valid credentials (39 ms)', ' ✓ refreshes an expired token (11 ms)', ' Tests  2 passed (2)'] },
  { say: 'Both auth tests pass: a login with valid credentials, and a refresh of an expired token.' },
];

const frontendForm = (text) => {
  // The backend's answer came in the task's text ({{result:t1}}): say what was taken from it.
  const fromBackend = /POST \/auth\/login/.test(text);
  const api = fromBackend ? 'POST /auth/login' : 'the auth API';
  return [
    ...(fromBackend ? [{ say: "I'll build against the backend's API: POST /auth/login, then /auth/refresh." }] : []),
    { spin: 'Reading the UI code', ms: 1500 },
    { tool: 'Read', arg: 'ui/App.tsx', out: ['Read 128 lines'] },
    { spin: 'Designing the form', ms: 2000 },
    { tool: 'Write', arg: 'ui/LoginForm.tsx', out: ['Wrote 87 lines to ui/LoginForm.tsx'], lines: 87 },
    { tool: 'Edit', arg: 'ui/App.tsx', out: ['Updated ui/App.tsx with 4 additions and 1 removal'], lines: 4 },
    { bash: 'npm run lint', out: ['✔ no lint errors in 14 files'] },
    { say: `The login form is in ui/LoginForm.tsx: user and password fields, validation, and a submit that calls ${api}.` },
  ];
};

const docs = (text) => [
  { spin: 'Reading what there is', ms: 1500 },
  { tool: 'Read', arg: 'docs/README.md', out: ['Read 40 lines'] },
  { spin: 'Writing', ms: 2000 },
  { tool: 'Write', arg: /form|guide/i.test(text) ? 'docs/ui-guide.md' : 'docs/auth.md', out: ['Wrote 31 lines'], lines: 31 },
  { say: `Done: ${firstSentence(text).replace(/^\w/, (ch) => ch.toLowerCase())}.` },
];

const review = () => [
  { spin: 'Reading the form and the API', ms: 1500 },
  { tool: 'Read', arg: 'ui/LoginForm.tsx', out: ['Read 87 lines'] },
  { tool: 'Read', arg: 'auth/handler.go', out: ['Read 176 lines'] },
  { spin: 'Comparing the calls', ms: 2000 },
  { say: 'The form calls POST /auth/login with the fields the API expects and stores the token; nothing to change.' },
];

const commit = () => [
  { spin: 'Looking at the changes', ms: 1200 },
  { bash: 'git status --short', out: ['M  src/app.ts', '?? src/feature.ts'] },
  { bash: 'git add -A && git commit -m "Work in progress"', out: ['[main 3f2a9c1] Work in progress', ' 2 files changed, 41 insertions(+)'] },
  { say: 'Committed my changes (2 files). (Simulated: nothing was committed.)' },
];

const generic = (text) => [
  { spin: 'Reading the codebase', ms: 1500 },
  { tool: 'Search', arg: 'pattern: "TODO"', out: ['Found 3 files'] },
  { spin: 'Thinking', ms: 2500 },
  {
    say:
      `About "${firstSentence(text)}": I read the code around it and know what to change. ` +
      '(This is a simulated agent in the orch-tui demo: it changes nothing.)',
  },
];

/** The steps for one task, chosen by what it asks. */
export function scriptFor(text) {
  if (/\breview\b/i.test(text)) return review();
  if (/\bcommit\b/i.test(text)) return commit();
  if (/\b(document|docs|guide)\b/i.test(text)) return docs(text);
  if (/login form/i.test(text)) return frontendForm(text);
  if (/\btests?\b/i.test(text)) return testsWithPermission();
  if (/\b(jwt|auth api)\b/i.test(text)) return backendApi();
  return generic(text);
}

/** How the finished line names the time spent, as Claude Code varies it. */
export const DONE_VERBS = ['Cooked', 'Brewed', 'Baked', 'Worked', 'Crunched'];
