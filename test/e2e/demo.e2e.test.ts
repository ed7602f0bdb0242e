/**
 * `npx orch-tui demo` as a new user meets it: typed into a terminal that is
 * not inside tmux, watched for a minute without a key pressed, then
 * answered, given a task, and quit. Everything is read from the screen.
 * The terminal's environment points the demo's tmux socket, task journal
 * and scratch repositories into a temp directory, so the test can see that
 * nothing is left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { CLI, focusWorker, openTerminal, type DashboardPane } from './dashboardPane.js';

let server: TestServer;
let term: DashboardPane;
let dir: string;
const paths = () => ({ sockets: path.join(dir, `tmux-${process.getuid?.() ?? 0}`), state: path.join(dir, 'state'), tmp: path.join(dir, 'tmp') });

const NAMES = ['backend', 'frontend', 'tests', 'docs'] as const;
const HEADER = /(?:▶ )?(backend|frontend|tests|docs) · \S (starting|working|idle|waiting|compacting|error|exited|unknown)/g;

/** Each worker's state as its pane header shows it now. */
function statesOn(screen: string): Map<string, string> {
  return new Map([...screen.matchAll(HEADER)].map((m) => [m[1]!, m[2]!]));
}

/** The header line of one worker's tile: its half of the screen row. */
function headerOf(screen: string, name: string): string {
  const line = screen.split('\n').find((l) => new RegExp(`(?:▶ )?${name} · `).test(l)) ?? '';
  const cells = line.split(/[║│]/).filter((cell) => cell.includes(`${name} · `));
  return cells[0] ?? '';
}

/** The demo's own tmux servers (their sockets in the terminal's TMUX_TMPDIR). */
async function demoSockets(): Promise<string[]> {
  return (await readdir(paths().sockets).catch(() => [] as string[])).filter((name) => name.startsWith('orch-demo-'));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-demo-test-'));
  await mkdir(paths().tmp);
  server = await startTestServer();
  term = await openTerminal(server, 120, 40, [`TMUX_TMPDIR=${dir}`, `XDG_STATE_HOME=${paths().state}`, `TMPDIR=${paths().tmp}`]);
});

afterAll(async () => {
  // A demo a failed test left running ends here.
  for (const socket of await demoSockets()) {
    await execa('tmux', ['-S', path.join(paths().sockets, socket), 'kill-server'], { reject: false });
  }
  await server?.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('orch-tui demo, as the README starts it', () => {
  it('shows in a minute, without a key pressed, what orch-tui is for', async () => {
    // Typed as a person would, outside tmux: the demo attaches this terminal to its own server.
    await term.type(`env -u TMUX '${process.execPath}' '${CLI}' demo`);
    await term.keys('Enter');
    const started = Date.now();
    // No lone spinner: the four workers, each with its state, within seconds.
    await term.waitForScreen((s) => expect([...statesOn(s).keys()].sort()).toEqual([...NAMES].sort()), 8_000);

    const seen = new Map<string, string[]>(NAMES.map((n) => [n, []]));
    const sawOnScreen = { errors: false, question: false, result: false, progress83: false };
    await waitFor(async () => {
      const screen = await term.screen();
      for (const [name, state] of statesOn(screen)) {
        const states = seen.get(name)!;
        if (states.at(-1) !== state) states.push(state);
      }
      if (/✗\d/.test(headerOf(screen, 'backend'))) sawOnScreen.errors = true;
      if (/⚠ tests asks: Do you want to proceed\? `npm test -- tests\/auth\.test\.ts`/.test(screen)) sawOnScreen.question = true;
      // The frontend's task was sent with the backend's result in it, and it answers from it.
      if (/build against the backend's API/.test(screen)) sawOnScreen.result = true;
      if (/4 workers · progress 83%/.test(screen)) sawOnScreen.progress83 = true;
      expect(sawOnScreen).toEqual({ errors: true, question: true, result: true, progress83: true });
      const cycled = (name: string) => seen.get(name)!.join(' ').includes('working idle working');
      expect({ backend: cycled('backend'), docs: cycled('docs') }).toEqual({ backend: true, docs: true });
      expect(seen.get('tests')!.at(-1)).toBe('waiting');
    }, { timeoutMs: 90_000, intervalMs: 300, message: `the demo did not show its story (${JSON.stringify({ sawOnScreen, seen: Object.fromEntries(seen) })})` });
    expect(Date.now() - started).toBeLessThan(75_000);
    // The build failed and was fixed: the error count is what the screen shows now, not a total.
    await term.waitForScreen((s) => expect(headerOf(s, 'backend')).not.toMatch(/✗/));
    expect(seen.get('frontend')).toEqual(expect.arrayContaining(['idle', 'working']));
  }, 120_000);

  it('the status report has filled up: done tasks by their titles, what each changed', async () => {
    await term.keys('s');
    // The report shows at once; what each worker changed follows when git has answered.
    await term.waitForScreen((s) => {
      expect(s).toContain('🎯 Orchestration Status');
      for (const line of ['✅ Auth API', '✅ Login form', '✅ Auth docs', '✅ UI guide', '📝 Files: auth/jwt.go (+112 −0)', '🔄 Currently: Login tests']) {
        expect(s).toContain(line);
      }
    });
    await term.keys('Escape');
    await term.waitForScreen((s) => expect(s).not.toContain('🎯 Orchestration Status'));
  });

  it('the permission question is answered with the dashboard keys: g goes there, y shows it, y again answers', async () => {
    await term.keys('g');
    await term.waitForScreen((s) => expect(s).toMatch(/▶ tests · /));
    await term.keys('y');
    await term.waitForScreen((s) => expect(s).toContain('y answers 1. Yes'));
    await term.keys('y');
    await term.waitForScreen((s) => expect(s).toContain('Answered 1. Yes to tests.'));
    // The tests run, one fails, it is fixed, all pass: every task is done.
    await term.waitForScreen((s) => expect(s).toContain('4 workers · progress 100%'), 40_000);
  }, 60_000);

  it('a task typed with t is taken and answered like an agent', async () => {
    await focusWorker(term, 'docs');
    await term.keys('t');
    await term.waitForScreen((s) => expect(s).toContain('Task for docs'));
    await term.type('explain the refresh flow');
    await term.waitForScreen((s) => expect(s).toContain('explain the refresh flow'));
    await term.keys('Enter');
    await term.waitForScreen((s) => expect(s).toMatch(/Delivered to docs \(the text left its input box\)/), 20_000);
    await term.waitForScreen((s) => expect(s).toContain('About "explain the refresh flow"'), 20_000);
  }, 60_000);

  it('a broadcast reaches all four agents and each answers; r clears one and gives it a new task', async () => {
    await term.waitForScreen((s) => expect([...statesOn(s).values()]).toEqual(['idle', 'idle', 'idle', 'idle']), 30_000);
    // Nothing is marked: b asks before it goes to all of them.
    await term.keys('b');
    await term.waitForScreen((s) => expect(s).toContain('No workers are marked (Space marks). Broadcast to all 4 workers? [y/N]'));
    await term.keys('y');
    await term.waitForScreen((s) => expect(s).toContain('Broadcast to 4 workers'));
    await term.type('summarise your work');
    await term.keys('Enter');
    await term.waitForScreen((s) => expect(s).toContain('Delivered to 4 of 4 workers'), 30_000);
    await term.waitForScreen((s) => expect(s.match(/About "summarise your work"/g) ?? []).toHaveLength(4), 30_000);
    // docs is focused (the t test went there): r is /clear, then this task.
    await term.waitForScreen((s) => expect(statesOn(s).get('docs')).toBe('idle'), 20_000);
    await term.keys('r');
    await term.waitForScreen((s) => expect(s).toContain('Reset with /clear, then this task, for docs'));
    await term.type('write the changelog');
    await term.keys('Enter');
    // Its conversation is gone (the broadcast's answer with it) and the new task is answered.
    await term.waitForScreen((s) => {
      expect(s).toContain('About "write the changelog"');
      expect(s.match(/About "summarise your work"/g) ?? []).toHaveLength(3);
    }, 30_000);
  }, 90_000);

  it('q ends it and leaves nothing behind: no demo server, task journal or scratch repository', async () => {
    expect(await demoSockets()).toHaveLength(1);
    await term.keys('q');
    await term.waitForScreen((s) => expect(s).toMatch(/\[server exited\]\n\$ ?$/m), 15_000);
    await waitFor(async () => expect(await demoSockets()).toEqual([]));
    const state = await readdir(path.join(paths().state, 'orch-tui')).catch(() => [] as string[]);
    expect(state.filter((name) => name !== 'locks')).toEqual([]);
    expect(await readdir(path.join(paths().state, 'orch-tui', 'locks')).catch(() => [] as string[])).toEqual([]);
    expect(await readdir(paths().tmp)).toEqual([]);
  }, 30_000);
});
