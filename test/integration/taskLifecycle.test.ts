/**
 * The queue's life cycle through the real CLI, against real shells in a
 * private tmux server: what is refused at `task add`, when a shell's task is
 * done and what its result is, re-running and removing tasks, `run --once`'s
 * exit, sends to different workers at once, tasks that belong to a server
 * that is gone, and `broadcast` past a dead pane.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { runTmux, startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { serverKey } from '../../src/stateDir.js';

const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let dir: string;

interface TaskRow { id: string; state: string; worker: string; result?: string; reason?: string; text: string }

function orch(args: string[], timeout = 60_000) {
  return execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', ...args], {
    reject: false, timeout, env: { XDG_STATE_HOME: path.join(dir, 'state') },
  });
}

async function tasks(): Promise<TaskRow[]> {
  return JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as TaskRow[];
}
const task = async (id: string) => (await tasks()).find((t) => t.id === id);

async function addTask(...args: string[]): Promise<string> {
  const out = await orch(['task', 'add', ...args]);
  expect(out.exitCode, out.stderr).toBe(0);
  return out.stdout.trim();
}

/** A bash at its prompt, as a person's shell: `root@vm:/tmp/x# `. */
async function shell(name: string): Promise<string> {
  const id = await server.tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', '-c', dir, '-P', '-F', '#{pane_id}',
    '--', 'env', 'PS1=root@vm:/tmp/x# ', 'bash', '--norc', '--noprofile', '-i');
  await waitFor(async () => expect(await server.capture(id)).toContain('root@vm:/tmp/x#'));
  return id;
}

const journal = () => path.join(dir, 'state', 'orch-tui', serverKey({ socketName: server.socket }), 'tasks.jsonl');
async function events(): Promise<Array<{ type: string; id: string }>> {
  return (await readFile(journal(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { type: string; id: string });
}

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-task-life-'));
  await writeFile(path.join(dir, 'long.sh'), '#!/bin/bash\nfor i in $(seq 1 12); do echo "step $i of 12"; sleep 0.4; done\n');
  await chmod(path.join(dir, 'long.sh'), 0o755);
  await shell('sh1');
}, 30_000);

afterEach(async () => {
  await orch(['task', 'clear', '--all']);
});

afterAll(async () => {
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('task add refuses what would never run', () => {
  it('a missing worker, a dead one, and {{result:X}} without after X, each with a sentence', async () => {
    const missing = await orch(['task', 'add', 'nope', 'hello']);
    expect([missing.exitCode, missing.stderr.trim()]).toEqual([1, 'orch-tui: No worker named "nope" (see orch-tui ls); create it first (orch-tui new nope), then queue its tasks.']);
    const dead = await server.tmux('new-session', '-d', '-s', 'dead', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'exit 3', ';', 'set-option', '-p', 'remain-on-exit', 'on');
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', dead, '#{pane_dead}')).toBe('1'));
    const refused = await orch(['task', 'add', 'dead', 'hello']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^orch-tui: Worker dead \\(${dead}\\) has exited.*; a task for it would wait for ever\\.$`));
    await server.tmux('kill-session', '-t', '=dead');
    const first = await addTask('sh1', 'echo one');
    const ref = await orch(['task', 'add', 'sh1', `echo {{result:${first}}}`]);
    expect(ref.exitCode).toBe(1);
    expect(ref.stderr).toContain(`{{result:${first}}} names ${first}, which this task does not wait for`);
    expect((await tasks()).map((t) => t.id)).toEqual([first]);
    // A pane id names the worker as ls does.
    const paneId = await server.tmux('display-message', '-p', '-t', '=sh1:', '#{pane_id}');
    const byId = await addTask(paneId, 'echo two', '--after', first);
    expect((await task(byId))?.worker).toBe('sh1');
  });
});

describe('a task sent to a shell', () => {
  it('is done when its command finished, not while a script still prints; its result is the output without the prompt', async () => {
    const script = await addTask('sh1', './long.sh');
    const echo = await addTask('sh1', 'echo task-one-result', '--after', script);
    const run = orch(['run', '--until-done']);
    // Looked at while the script prints: never done before its last step is on screen.
    let midway = 0;
    for (let look = 0; look < 100; look++) {
      const state = (await task(script))?.state;
      const screen = await server.capture('=sh1:');
      if (state === 'done') {
        expect(screen).toContain('step 12 of 12');
        break;
      }
      if (state === 'sent' && /step ([1-9]|1[01]) of 12\s*$/.test(screen)) midway++;
    }
    expect(midway).toBeGreaterThan(0);
    const finished = await run;
    expect(finished.exitCode, finished.stderr).toBe(0);
    const done = await task(script);
    expect(done?.state).toBe('done');
    expect(done?.result).toBe(Array.from({ length: 12 }, (_, i) => `step ${i + 1} of 12`).join('\n'));
    expect(await task(echo)).toMatchObject({ state: 'done', result: 'task-one-result' });
  }, 60_000);

  it('task retry runs a done task again; task ls says why a task failed; rm and clear take tasks off the queue', async () => {
    const id = await addTask('sh1', 'echo again-$((1+1))');
    expect((await orch(['run', '--until-done'])).exitCode).toBe(0);
    expect((await orch(['task', 'retry', id])).stdout.trim()).toBe(`Task ${id} is queued.`);
    expect((await orch(['run', '--until-done'])).exitCode).toBe(0);
    expect(await task(id)).toMatchObject({ state: 'done', result: 'again-2' });
    expect((await events()).filter((e) => e.type === 'sending' && e.id === id)).toHaveLength(2);

    await server.tmux('new-session', '-d', '-s', 'brief', '--', 'sleep', '100000');
    const doomed = await addTask('brief', 'never sent');
    const waiting = await addTask('sh1', 'echo x', '--after', doomed);
    await server.tmux('kill-session', '-t', '=brief');
    const once = await orch(['run', '--once']);
    expect(once.exitCode).toBe(1);
    expect(once.stderr).toBe(`orch-tui: Task ${doomed} failed: its worker brief is gone.`);
    const again = await orch(['run', '--once']);
    expect([again.exitCode, again.stderr]).toEqual([1, `orch-tui: Task ${waiting} failed: ${doomed} failed.`]);
    const table = (await orch(['task', 'ls'])).stdout;
    expect(table).toMatch(new RegExp(`^${doomed}\\s+failed\\s+brief .*\\n\\s+↳ why: its worker brief is gone$`, 'm'));
    expect(table).toMatch(new RegExp(`↳ why: ${doomed} failed$`, 'm'));

    const keep = await orch(['task', 'rm', doomed]);
    expect(keep.exitCode, keep.stderr).toBe(0);
    expect((await orch(['task', 'rm', 'zz'])).stderr.trim()).toBe('orch-tui: No task zz (see orch-tui task ls).');
    const cleared = await orch(['task', 'clear']);
    expect(cleared.stdout).toBe(`Removed 2 tasks: ${id}, ${waiting}.`);
    expect((await orch(['task', 'ls'])).stdout.trim()).toBe('No tasks.');
    // Ids are never handed out twice.
    const next = await addTask('sh1', 'echo next');
    expect([id, doomed, waiting]).not.toContain(next);
  }, 60_000);

  it('a queued task that another waits for cannot be removed alone; a sent one must be cancelled first', async () => {
    const a = await addTask('sh1', 'sleep 3');
    const b = await addTask('sh1', 'echo b', '--after', a);
    const lone = await orch(['task', 'rm', a]);
    expect(lone.stderr.trim()).toBe(`orch-tui: Task ${b} waits for ${a}; remove ${b} too, or cancel it first.`);
    expect((await orch(['run', '--once'])).exitCode).toBe(0);
    const sent = await orch(['task', 'rm', a, b]);
    expect(sent.stderr.trim()).toBe(`orch-tui: Task ${a} was sent to sh1 and is being worked on; cancel it first (orch-tui task cancel ${a}).`);
    expect((await orch(['task', 'rm', b])).exitCode).toBe(0);
    expect((await orch(['run', '--until-done'])).exitCode).toBe(0);
    expect((await task(a))?.state).toBe('done');
  }, 60_000);
});

describe('run --once', () => {
  it('exits 0 when nothing is due, 1 with one sentence when a due task is not sent', async () => {
    const nothing = await orch(['run', '--once']);
    expect([nothing.exitCode, nothing.stdout.trim()]).toEqual([0, 'Nothing was due.']);

    const busy = await addTask('sh1', 'echo after-the-sleep');
    await server.tmux('send-keys', '-t', '=sh1:', 'sleep 30', 'Enter');
    await waitFor(async () => expect((await orch(['ls', '--json'])).stdout).toContain('`sleep` runs in the foreground'));
    const held = await orch(['run', '--once']);
    expect(held.exitCode).toBe(1);
    expect(held.stderr).toBe(`orch-tui: Task ${busy} is due but was not sent: sh1 is working (\`sleep\` runs in the foreground of the shell (bash)).`);
    expect((await task(busy))?.state).toBe('queued');
    await server.tmux('send-keys', '-t', '=sh1:', 'C-c');
  }, 60_000);

  it('with no server: one sentence and exit 1, at once', async () => {
    const stray = await startTestServer();
    const env = { XDG_STATE_HOME: path.join(dir, 'state-stray') };
    const cli = (args: string[]) => execa(process.execPath, [CLI, '-L', stray.socket, ...args], { reject: false, env, timeout: 20_000 });
    await stray.tmux('new-session', '-d', '-s', 'w', '--', 'sleep', '100000');
    expect((await cli(['task', 'add', 'w', 'hello'])).exitCode).toBe(0);
    await stray.kill();
    const started = Date.now();
    const out = await cli(['run', '--once']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect([out.exitCode, out.stderr]).toEqual([1, `orch-tui: No tmux server is running on socket -L ${stray.socket}; nothing was sent.`]);
  }, 30_000);
});

describe('dispatching', () => {
  it('sends due tasks to different workers together, one at a time per worker', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await Promise.all(names.map(shell));
    const ids: string[] = [];
    for (const name of names) ids.push(await addTask(name, `echo from-${name}`));
    const second = await addTask('p1', 'echo p1-second');
    const before = (await events()).length;
    const once = await orch(['run', '--once']);
    expect(once.exitCode).toBe(1);
    expect(once.stderr).toBe(`orch-tui: Task ${second} is due but was not sent: p1 is still on task ${ids[0]}.`);
    const round = (await events()).slice(before);
    const sending = round.filter((e) => e.type === 'sending').map((e) => e.id);
    expect(sending.sort()).toEqual([...ids].sort());
    // Together: every send began before the first one was confirmed.
    const lastSending = round.map((e) => e.type).lastIndexOf('sending');
    const firstSent = round.map((e) => e.type).indexOf('sent');
    expect(lastSending).toBeLessThan(firstSent);
    expect((await orch(['run', '--until-done'])).exitCode).toBe(0);
    for (const [i, name] of names.entries()) expect(await task(ids[i]!)).toMatchObject({ state: 'done', result: `from-${name}` });
    expect(await task(second)).toMatchObject({ state: 'done', result: 'p1-second' });
    await Promise.all(names.map((name) => server.tmux('kill-session', '-t', `=${name}`)));
  }, 90_000);

  it('never sends a task of a server that is gone to a new server with the same socket', async () => {
    const socket = `${server.socket}-ghost`;
    const env = { XDG_STATE_HOME: path.join(dir, 'state-ghost') };
    const cli = (args: string[]) => execa(process.execPath, [CLI, '-L', socket, '--interval', '200', ...args], { reject: false, env, timeout: 30_000 });
    const tmux = (...args: string[]) => runTmux(socket, args);
    const ghost = ['new-session', '-d', '-s', 'ghost', '-x', '80', '-y', '20', '--', 'env', 'PS1=$ ', 'bash', '--norc', '--noprofile', '-i'];
    try {
      await tmux(...ghost);
      const id = (await cli(['task', 'add', 'ghost', 'echo GHOST-GOT-IT'])).stdout.trim();
      await tmux('kill-server');
      await tmux(...ghost);
      const once = await cli(['run', '--once']);
      expect(once.exitCode).toBe(1);
      expect(once.stderr).toMatch(new RegExp(`^orch-tui: Task ${id} failed: it was queued on another tmux server \\(pid \\d+, started .*\\), which is gone; orch-tui task retry ${id} queues it on this one\\.$`));
      expect(await tmux('capture-pane', '-p', '-t', 'ghost')).not.toContain('GHOST-GOT-IT');
      // Asked for, it goes to this server.
      expect((await cli(['task', 'retry', id])).exitCode).toBe(0);
      expect((await cli(['run', '--until-done'])).exitCode).toBe(0);
      await waitFor(async () => expect(await tmux('capture-pane', '-p', '-t', 'ghost')).toMatch(/^GHOST-GOT-IT$/m));
    } finally {
      const socketPath = await tmux('display-message', '-p', '#{socket_path}').catch(() => '');
      await tmux('kill-server').catch(() => undefined);
      if (socketPath.includes(socket)) await rm(socketPath, { force: true });
    }
  }, 60_000);
});

describe('broadcast', () => {
  it('exits 0 when every live worker got the text, passing over a dead pane', async () => {
    const dead = await server.tmux('new-session', '-d', '-s', 'zdead', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'exit 2',
      ';', 'set-option', '-p', 'remain-on-exit', 'on');
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', dead, '#{pane_dead}')).toBe('1'));
    await shell('zlive');
    const out = await orch(['broadcast', '--session', 'z*', '--json', '--', 'echo to-every-live-one']);
    expect(out.exitCode, out.stderr).toBe(0);
    const outcomes = JSON.parse(out.stdout) as Array<{ worker: string; delivered: boolean; skipped?: boolean; message: string }>;
    // In the workers' order (by session name), the dead one named as skipped.
    expect(outcomes.map((o) => [o.worker, o.delivered, o.skipped ?? false])).toEqual([['zdead', false, true], ['zlive', true, false]]);
    await waitFor(async () => expect(await server.capture('=zlive:')).toMatch(/^to-every-live-one$/m));
    await server.tmux('kill-session', '-t', '=zdead');
    const none = await orch(['broadcast', '--session', 'zdead*', '--', 'x']);
    expect([none.exitCode, none.stderr]).toEqual([1, 'orch-tui: No workers to broadcast to.']);
  }, 30_000);
});
