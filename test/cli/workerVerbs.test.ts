import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';

/** The built CLI against a private server, as a person or a script runs it. */
const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let dir: string;

const orch = (args: string[]) =>
  execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false, stdin: 'ignore', stripFinalNewline: false, env: { TMUX: '', XDG_STATE_HOME: path.join(dir, 'state') },
  });

/** A bash worker at its prompt, started as a person would in tmux. */
async function shellWorker(name: string): Promise<string> {
  const id = await server.tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '20', '-P', '-F', '#{pane_id}', '--', 'bash', '--noprofile', '--norc');
  await waitFor(async () => expect(await server.capture(id)).toMatch(/[$#]\s*$/));
  return id;
}

/**
 * How the message should say a dead pane ended, from what tmux recorded:
 * its status, or (when pty EOF won the race with SIGCHLD, about one death in
 * twenty) that tmux recorded none. The status must be the expected one.
 */
async function statusAsTmuxSays(session: string, expected: string): Promise<string> {
  const [status, screen] = await Promise.all([
    server.tmux('display-message', '-p', '-t', `=${session}:`, '#{pane_dead_status}'),
    server.tmux('capture-pane', '-p', '-t', `=${session}:`),
  ]);
  const known = status.trim() || /Pane is dead \(status (\d+)/.exec(screen)?.[1];
  if (known === undefined) return ' \\(tmux did not record its exit status\\)';
  expect(known).toBe(expected);
  return ` with status ${expected}`;
}

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-verbs-'));
});

afterAll(async () => {
  await server?.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('verbs that only make sense for an agent refuse a shell', () => {
  it('compact and clear say the worker runs bash, exit 1, and type nothing', async () => {
    const id = await shellWorker('sh1');
    const before = await server.capture(id);
    const compact = await orch(['compact', 'sh1', 'keep the notes']);
    expect(compact.exitCode).toBe(1);
    expect(compact.stderr).toBe('orch-tui: sh1 runs bash, which has no /compact; nothing was sent.\n');
    const clear = await orch(['clear', 'sh1', 'next task']);
    expect(clear.exitCode).toBe(1);
    expect(clear.stderr).toBe('orch-tui: sh1 runs bash, which has no /clear; nothing was sent.\n');
    expect(await server.capture(id)).toBe(before);
  });
});

describe('interrupt', () => {
  it('stops a shell command with Ctrl-C: the shell is back at its prompt', async () => {
    const id = await shellWorker('sh2');
    await server.tmux('send-keys', '-t', id, 'sleep 1000', 'Enter');
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', id, '#{pane_current_command}')).toBe('sleep'));
    const run = await orch(['interrupt', 'sh2']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('Sent Ctrl-C to sh2.\n');
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', id, '#{pane_current_command}')).toBe('bash'));
  });

  it('refuses a worker that has exited, as send does', async () => {
    const id = await server.tmux('new-session', '-d', '-s', 'gone', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'sleep 0.2; exit 3',
      ';', 'set-option', '-p', '-t', '=gone:', 'remain-on-exit', 'on');
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', id, '#{pane_dead}')).toBe('1'));
    const run = await orch(['interrupt', 'gone']);
    expect(run.exitCode).toBe(1);
    // "with status 3" when tmux recorded it: it does not always (pty EOF can win the race with SIGCHLD).
    const refused = /^orch-tui: gone has exited \(exited(?: with status 3)?\); nothing was sent\.\n$/;
    expect(run.stderr).toMatch(refused);
    const send = await orch(['send', 'gone', '--', 'hello']);
    expect(send.exitCode).toBe(1);
    expect(send.stderr).toMatch(refused);
  });
});

describe('new', () => {
  it('says so, with the last lines and the exit status, when its agent is not on PATH (exit 1)', async () => {
    const run = await orch(['new', 'ghost', '--cwd', dir, '--agent', 'no-such-agent-xyz']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    const ended = await statusAsTmuxSays('ghost', '127');
    expect(run.stderr).toMatch(new RegExp(`^orch-tui: ghost \\(%\\d+\\): \`no-such-agent-xyz\` exited at once${ended}; its last lines:\n {2}env: .no-such-agent-xyz.: No such file or directory\n`));
    expect(run.stderr).toContain('orch-tui kill ghost --yes removes it');
  });

  it('says so when its agent crashes at start', async () => {
    const run = await orch(['new', 'crash', '--cwd', dir, '--agent', "sh -c 'echo loading; echo fatal: no config >&2; exit 2'"]);
    expect(run.exitCode).toBe(1);
    const ended = await statusAsTmuxSays('crash', '2');
    expect(run.stderr).toMatch(new RegExp(`exited at once${ended}; its last lines:\n {2}loading\n {2}fatal: no config\n`));
  });

  it('types the first task only once the shell shows its prompt', async () => {
    // A shell that takes a moment before its prompt, as one with a heavy rc file does.
    const rc = path.join(dir, 'slow.rc');
    await writeFile(rc, "sleep 1.5\nPS1='READY$ '\n");
    const run = await orch(['new', 'slow', '--cwd', dir, '--agent', `bash --noprofile --rcfile ${rc}`, '--task', 'echo typed-$((6*7))']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^%\d+\n$/);
    const id = run.stdout.trim();
    await waitFor(async () => expect(await server.capture(id)).toContain('typed-42'));
    const lines = (await server.capture(id)).split('\n');
    // The command sits on the prompt's line: nothing was typed before the prompt.
    expect(lines[0]).toBe('READY$ echo typed-$((6*7))');
    expect(lines[1]).toBe('typed-42');
  });

  it('prints the pane id once a plain shell is ready', async () => {
    const run = await orch(['new', 'plain', '--cwd', dir, '--agent', 'bash --noprofile --norc']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^%\d+\n$/);
    expect(await server.capture(run.stdout.trim())).toMatch(/[$#]\s*$/);
  });
});
