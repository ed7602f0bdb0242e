import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { CLI, openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

/**
 * A dashboard opened while another process dispatches (here `orch-tui run`;
 * an agent's MCP server does the same) says who does, and takes over once
 * that one gives the lock back: tasks queued later are still sent.
 */
let server: TestServer;
let dash: DashboardPane;
let state: string;

const orch = (...args: string[]) => execa(process.execPath, [CLI, '-L', server.socket, ...args], { reject: false, env: { XDG_STATE_HOME: state } });

beforeAll(async () => {
  server = await startTestServer();
  state = await mkdtemp(path.join(tmpdir(), 'orch-handover-'));
  await server.tmux('set-environment', '-g', 'XDG_STATE_HOME', state);
  await server.tmux('new-session', '-d', '-s', 'sh1', '-x', '100', '-y', '20', '--', 'env', 'PS1=sh1$ ', 'bash', '--norc', '--noprofile');
  dash = await openTerminal(server, 140, 40, [`XDG_STATE_HOME=${state}`]);
});

afterAll(async () => {
  await server?.kill();
  await rm(state, { recursive: true, force: true });
});

describe('the dashboard and another dispatcher', () => {
  it('says who dispatches while `run` does, and dispatches itself once `run` is gone', async () => {
    const run = execa(process.execPath, [CLI, '-L', server.socket, 'run'], { reject: false, env: { XDG_STATE_HOME: state } });
    await waitFor(async () => expect(JSON.parse((await orch('task', 'ls', '--json')).stdout || '[]')).toEqual([]));
    await startOrchTui(dash);
    await dash.waitForScreen((s) => expect(s).toContain('sh1'));
    await dash.keys('T');
    await dash.waitForScreen((s) => expect(s).toMatch(new RegExp(`dispatched by orch-tui run \\(pid ${run.pid}`)), 15_000);
    run.kill('SIGINT');
    await run;
    await dash.waitForScreen((s) => expect(s).not.toContain('dispatched by'), 15_000);
    const added = await orch('task', 'add', 'sh1', 'echo handed-$((20+22))');
    expect(added.exitCode, added.stderr).toBe(0);
    await waitFor(async () => expect(await server.capture('=sh1:')).toMatch(/^handed-42$/m), { timeoutMs: 20_000 });
    await waitFor(async () => {
      const [task] = JSON.parse((await orch('task', 'ls', '--json')).stdout) as Array<{ state: string; result?: string }>;
      expect(task).toMatchObject({ state: 'done', result: 'handed-42' });
    }, { timeoutMs: 20_000 });
    await dash.keys('Escape');
    await dash.keys('q');
  }, 90_000);
});
