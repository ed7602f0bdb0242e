/**
 * `up` on a fresh server (after the old one died) restores the team's
 * recorded workers and keeps its tasks as they were; `--fresh` makes them
 * anew; `down` forgets them. Real tmux, the built CLI, shell workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readdir } from 'node:fs/promises';
import { execa } from 'execa';
import { runTmux, startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { CLI, openTerminal, startOrchTui } from './dashboardPane.js';

let server: TestServer;
let dir: string;
let team: string;

function orch(args: string[]) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], { reject: false, timeout: 60_000, env: { XDG_STATE_HOME: path.join(dir, 'state') } });
}
const taskRow = async (id: string) => (JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as Array<{ id: string; state: string; reason?: string; result?: string }>).find((t) => t.id === id);
async function recordNames(): Promise<string[]> {
  const root = path.join(dir, 'state', 'orch-tui');
  const names: string[] = [];
  for (const key of await readdir(root)) names.push(...(await readdir(path.join(root, key, 'workers')).catch(() => [] as string[])));
  return names.sort();
}
const taskState = async (id: string) => (JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as Array<{ id: string; state: string }>).find((t) => t.id === id)?.state;

beforeAll(async () => {
  server = await startTestServer();
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'orch-restore-team-')));
  team = path.join(dir, 'orch.yaml');
  await writeFile(team, [
    'workers:',
    '  tsh: { agent: "bash --norc --noprofile", cwd: . }',
    'tasks:',
    '  - id: hello',
    '    worker: tsh',
    '    text: echo HELLO-FROM-TEAM',
    '',
  ].join('\n'));
});

afterAll(async () => {
  await server?.kill();
});

describe('up on a fresh server', () => {
  it('restores the team\'s worker (a shell: fresh, and said so) and leaves its done task done', async () => {
    const up = await orch(['up', '-f', team]);
    expect(up.stdout, up.stderr).toMatch(/^created tsh /m);
    const ran = await orch(['run', '--until-done']);
    expect(ran.exitCode, ran.stderr + ran.stdout).toBe(0);
    await server.kill();
    const again = await orch(['up', '-f', team]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^restored tsh \\(%\\d+\\) in ${dir}: started fresh \\(bash keeps no conversation orch-tui can resume\\)$`, 'm'));
    expect(again.stdout).toMatch(/^already done hello \(orch-tui task retry hello runs it again\)$/m);
    expect(await taskState('hello')).toBe('done');
  });

  it('the dashboard, started on a fresh server, offers in one line to restore the recorded worker, and R does it', async () => {
    await server.kill();
    const dash = await openTerminal(server, 140, 30, [`XDG_STATE_HOME=${path.join(dir, 'state')}`]);
    await startOrchTui(dash, ['--no-bell']);
    await dash.waitForScreen((s) => expect(s).toContain('1 recorded worker is missing from this tmux server (tsh): press R to restore it (a Claude resumes its conversation).'));
    await dash.keys('R');
    await dash.waitForScreen((s) => expect(s).toContain('Restored tsh (fresh).'));
    await dash.waitForScreen((s) => expect(s).toMatch(/tsh .*· /));
    await dash.keys('q');
    await dash.waitForScreen((s) => expect(s).toMatch(/^terminal-before-orch-tui$/m));
    expect(await taskState('hello')).toBe('done');
  }, 60_000);

  it('a task in flight on a shell when the server died is interrupted (nothing shows it arrived), and --retry-interrupted sends it again', async () => {
    const id = (await orch(['task', 'add', 'tsh', 'sleep 4; echo SLOW-DONE'])).stdout.trim();
    const dispatcher = execa(process.execPath, [CLI, '-L', server.socket, 'run'], { reject: false, env: { XDG_STATE_HOME: path.join(dir, 'state') } });
    await waitFor(async () => expect(await taskState(id)).toBe('sent'), { timeoutMs: 15_000 });
    dispatcher.kill('SIGKILL');
    await dispatcher;
    await server.kill();
    const restored = await orch(['restore']);
    expect(restored.exitCode, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`task ${id} (tsh) was in flight: not sent again`);
    await orch(['run', '--once']);
    expect(await taskRow(id)).toMatchObject({ state: 'interrupted', reason: 'tsh came back without its conversation, so nothing shows the task had arrived' });
    expect((await orch(['task', 'ls'])).stdout).toContain('↳ why: tsh came back without its conversation');
    const again = await orch(['run', '--until-done', '--retry-interrupted']);
    expect(again.exitCode, again.stderr + again.stdout).toBe(0);
    expect(await taskRow(id)).toMatchObject({ state: 'done', result: 'SLOW-DONE' });
  }, 60_000);

  it('a session renamed with tmux: the dispatcher\'s record follows the name', async () => {
    await server.tmux('rename-session', '-t', '=tsh', 'tshell');
    await orch(['run', '--once']);
    expect(await recordNames()).toEqual(['tshell.json']);
    await server.tmux('rename-session', '-t', '=tshell', 'tsh');
    await orch(['run', '--once']);
    expect(await recordNames()).toEqual(['tsh.json']);
  });

  it('--fresh makes it anew and queues its tasks again', async () => {
    await server.kill();
    const fresh = await orch(['up', '-f', team, '--fresh']);
    expect(fresh.exitCode, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/^created tsh /m);
    expect(fresh.stdout).toMatch(/^queued hello$/m);
  });

  it('down forgets the team\'s workers: after the server is gone there is nothing to restore', async () => {
    expect((await orch(['down', '-f', team, '--yes'])).exitCode).toBe(0);
    await server.kill();
    const restore = await orch(['restore']);
    expect(restore.stdout).toContain('No worker is recorded for this server');
    expect(restore.exitCode).toBe(0);
    await expect(runTmux(server.socket, ['list-sessions'])).rejects.toThrow();
  });
});
