/**
 * Plain programs run from a real shell: a script, a loop, a build, `sleep`
 * are `working`, the shell at its prompt is `idle`, and `ls`, `classify`
 * (on the same screen), `wait` and the dashboard agree. tmux's current
 * command says `bash` for the script and the shell alike: only the
 * terminal's foreground process group tells them apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { CLI, openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

let server: TestServer;
let dash: DashboardPane;
let dir: string;
let shell: string;

interface Seen { state: string; reason: string; command: string; source: string }

function orch(args: string[], input?: string) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], { reject: false, input, env: { XDG_STATE_HOME: path.join(dir, 'state') } });
}

async function lsShell(): Promise<Seen> {
  const out = await orch(['ls', '--json']);
  expect(out.exitCode, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as Array<Seen & { name: string }>).find((w) => w.name === 'sh1')!;
}

/** What `classify` says of the shell's screen, captured now. */
async function classifyShell(): Promise<{ state: string; reason: string }> {
  const out = await orch(['classify', '--json', '-'], await server.capture(shell));
  expect(out.exitCode, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as { state: string; reason: string };
}

async function typeLine(text: string): Promise<void> {
  await server.tmux('send-keys', '-t', shell, '-l', '--', text);
  await server.tmux('send-keys', '-t', shell, 'Enter');
}

async function backToPrompt(): Promise<void> {
  await server.tmux('send-keys', '-t', shell, 'C-c');
  await waitFor(async () => expect((await lsShell()).state).toBe('idle'), { timeoutMs: 10_000 });
}

/** The state word in sh1's pane header on the dashboard. */
const headerState = (screen: string) => /sh1 · \S+ (\w+)/.exec(screen)?.[1];

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-shell-states-'));
  await writeFile(path.join(dir, 'long.sh'), '#!/bin/bash\nfor i in $(seq 1 400); do echo "step $i of 400"; sleep 0.3; done\n');
  await chmod(path.join(dir, 'long.sh'), 0o755);
  await writeFile(path.join(dir, 'Makefile'), 'all:\n\t@for i in 1 2 3 4 5 6 7 8 9 10; do echo "cc -c part$$i.c"; sleep 1; done\n');
  shell = await server.tmux('new-session', '-d', '-s', 'sh1', '-x', '100', '-y', '20', '-c', dir, '-P', '-F', '#{pane_id}',
    '--', 'env', 'PS1=dev@box:~/p$ ', 'bash', '--norc', '--noprofile', '-i');
  dash = await openTerminal(server, 160, 40);
  await startOrchTui(dash);
  await dash.waitForScreen((s) => expect(headerState(s)).toBe('idle'), 15_000);
}, 60_000);

afterAll(async () => {
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a shell and what runs in it', () => {
  it('at its prompt: idle, from the terminal\'s foreground group; classify agrees on its screen', async () => {
    expect(await lsShell()).toMatchObject({ state: 'idle', reason: 'the shell (bash) is at its prompt', source: 'proc' });
    expect((await classifyShell()).state).toBe('idle');
  });

  it('a script: working while it runs (tmux still says bash), in ls, classify and the dashboard; idle after', async () => {
    await typeLine('./long.sh');
    const seen = await waitFor(async () => {
      const w = await lsShell();
      expect(w.state).toBe('working');
      return w;
    });
    expect(seen).toMatchObject({ reason: '`long.sh` runs in the foreground of the shell (bash)', command: 'bash' });
    await waitFor(async () => expect(await server.capture(shell)).toMatch(/step \d+ of 400\s*$/));
    expect(await classifyShell()).toMatchObject({ state: 'working' });
    await dash.waitForScreen((s) => expect(headerState(s)).toBe('working'));
    // Looked at again and again while it prints: never idle.
    for (let i = 0; i < 5; i++) expect((await lsShell()).state).toBe('working');
    await backToPrompt();
    await dash.waitForScreen((s) => expect(headerState(s)).toBe('idle'));
  }, 60_000);

  it('a loop typed at the prompt: working on every look, though the shell itself holds the terminal between its commands', async () => {
    await typeLine('while true; do echo x; sleep 0.2; done');
    await waitFor(async () => expect((await lsShell()).state).toBe('working'));
    const states = [];
    for (let i = 0; i < 8; i++) states.push((await lsShell()).state);
    expect(states).toEqual(Array(8).fill('working'));
    await dash.waitForScreen((s) => expect(headerState(s)).toBe('working'));
    await backToPrompt();
  }, 60_000);

  it('a loop of builtins only: the shell runs it itself, working', async () => {
    await typeLine('while :; do :; done');
    await waitFor(async () => expect(await lsShell()).toMatchObject({ state: 'working', reason: 'the shell (bash) is running a command itself' }));
    await backToPrompt();
  }, 30_000);

  it('sleep: working; wait --until idle waits for it and returns when it is back at the prompt', async () => {
    await typeLine('sleep 30');
    await waitFor(async () => expect(await lsShell()).toMatchObject({ state: 'working', reason: '`sleep` runs in the foreground of the shell (bash)' }));
    const timedOut = await orch(['wait', 'sh1', '--until', 'idle', '--timeout', '1']);
    expect(timedOut.exitCode).toBe(1);
    expect(timedOut.stderr).toContain('did not become idle within 1 s; it is working');
    const waiting = orch(['wait', 'sh1', '--until', 'idle', '--timeout', '20']);
    await server.tmux('send-keys', '-t', shell, 'C-c');
    const done = await waiting;
    expect(done.exitCode, done.stderr).toBe(0);
    expect(done.stdout).toContain('sh1 is idle');
  }, 60_000);

  it('a build (make running its recipe): working', async () => {
    await typeLine('make');
    await waitFor(async () => expect(await lsShell()).toMatchObject({ state: 'working', reason: '`make` runs in the foreground of the shell (bash)' }));
    await waitFor(async () => expect(await server.capture(shell)).toMatch(/cc -c part\d+\.c\s*$/));
    expect((await classifyShell()).state).toBe('working');
    await backToPrompt();
  }, 60_000);

  it('`sh -c` running a script without job control: working (its commands run in the shell\'s own group)', async () => {
    await server.tmux('new-session', '-d', '-s', 'ticker', '--', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.3; done');
    await waitFor(async () => {
      const out = await orch(['ls', '--json']);
      const ticker = (JSON.parse(out.stdout) as Array<Seen & { name: string }>).find((w) => w.name === 'ticker');
      expect(ticker).toMatchObject({ state: 'working', source: 'proc' });
    });
    await server.tmux('kill-session', '-t', '=ticker');
  }, 30_000);
});

describe('sending to a shell', () => {
  it('send --when-idle waits for a running job to end instead of typing into it', async () => {
    const slept = path.join(dir, 'slept');
    await typeLine(`sleep 4; touch ${slept}`);
    await waitFor(async () => expect((await lsShell()).state).toBe('working'));
    const started = Date.now();
    const out = await orch(['send', 'sh1', '--when-idle', '--timeout', '30', '--json', '--', `echo after-the-sleep-$((6*7))`]);
    expect(out.exitCode, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ delivered: true });
    // Typed ahead, it would have been "delivered" while sleep ran, before the file existed.
    await expect(stat(slept)).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThan(2000);
    await waitFor(async () => expect(await server.capture(shell)).toMatch(/^after-the-sleep-42$/m));
  }, 60_000);

  it('a plain send still reaches a REPL started from the shell (a foreground job that waits for input)', async () => {
    await typeLine('python3 -q');
    await waitFor(async () => expect(await lsShell()).toMatchObject({ state: 'working', reason: expect.stringMatching(/^`python3/) }));
    await waitFor(async () => expect(await server.capture(shell)).toMatch(/>>> $/m));
    const out = await orch(['send', 'sh1', '--json', '--', 'print(6*7, "from-the-repl")']);
    expect(out.exitCode, out.stderr).toBe(0);
    await waitFor(async () => expect(await server.capture(shell)).toMatch(/^42 from-the-repl$/m));
    // --when-idle believes the job: it waits, and says so when its time runs out.
    const refused = await orch(['send', 'sh1', '--when-idle', '--timeout', '1', '--', 'print(1)']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/sh1 stayed busy \(working: `python3.* runs in the foreground of the shell \(bash\)\) for 1 s; nothing was sent\./);
    await typeLine('exit()');
    await waitFor(async () => expect((await lsShell()).state).toBe('idle'));
  }, 60_000);
});
