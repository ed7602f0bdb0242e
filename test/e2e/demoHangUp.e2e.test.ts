/**
 * The demo leaves nothing behind however it ends, not only with q: a
 * terminal closed under it (outside tmux, and inside tmux where the
 * dashboard runs in the user's own pane), and a detached demo ended with
 * the `tmux -L orch-demo-N kill-server` it printed. Each terminal points
 * the demo's tmux sockets, state and scratch directories into a temp
 * directory, so the test sees everything it made.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { CLI, openTerminal, type DashboardPane } from './dashboardPane.js';

let server: TestServer;
let dir: string;
const paths = () => ({ sockets: path.join(dir, `tmux-${process.getuid?.() ?? 0}`), state: path.join(dir, 'state'), tmp: path.join(dir, 'tmp') });
const WORKERS_SHOWN = /backend · .*docs · /s;

async function demoSockets(): Promise<string[]> {
  return (await readdir(paths().sockets).catch(() => [] as string[])).filter((name) => name.startsWith('orch-demo-'));
}

/** A demo server still answering, a task journal, a lock or a scratch directory: anything the demo made. */
async function leftovers(): Promise<string[]> {
  const live: string[] = [];
  for (const socket of await demoSockets()) {
    const run = await execa('tmux', ['-S', path.join(paths().sockets, socket), 'list-sessions'], { reject: false });
    live.push(run.exitCode === 0 ? `server ${socket}` : `socket ${socket}`);
  }
  const state = (await readdir(path.join(paths().state, 'orch-tui')).catch(() => [] as string[])).filter((n) => n !== 'locks');
  const locks = await readdir(path.join(paths().state, 'orch-tui', 'locks')).catch(() => [] as string[]);
  // A server whose socket was removed while it ran cannot be asked: its processes name the test's directory.
  const running = (await execa('pgrep', ['-f', dir], { reject: false })).stdout.split('\n').filter(Boolean).map((pid) => `process ${pid}`);
  return [...live, ...running, ...state.map((n) => `state ${n}`), ...locks.map((n) => `lock ${n}`), ...(await readdir(paths().tmp)).map((n) => `tmp ${n}`)];
}

/**
 * Until the demo's dashboard holds its control clients: its command channel
 * and one output client per worker session. A person who detaches (or
 * closes the terminal) while one of those is still identifying itself to
 * tmux 3.3a crashes the demo's server (tmux issue 4980; orch-tui gates only
 * what it does itself: README, How it works). A person does not act within
 * milliseconds of the first frame; a test must wait to act like one.
 */
async function untilDashboardConnected(): Promise<void> {
  await waitFor(async () => {
    const [socket] = await demoSockets();
    expect(socket).toBeDefined();
    const at = ['-S', path.join(paths().sockets, socket!)];
    const workers = (await execa('tmux', [...at, 'list-sessions', '-F', '#{session_name}'])).stdout.split('\n').filter((name) => name !== 'orch-tui' && !name.startsWith('orch-tui-ctl-'));
    const clients = (await execa('tmux', [...at, 'list-clients', '-F', '#{client_flags}'])).stdout.split('\n');
    expect(clients.filter((flags) => flags.includes('control-mode')).length, `${workers.join(' ')} | ${clients.join(' ')}`).toBe(workers.length + 1);
  }, { timeoutMs: 15_000 });
}

async function openUserTerminal(): Promise<DashboardPane> {
  return openTerminal(server, 120, 40, [`TMUX_TMPDIR=${dir}`, `XDG_STATE_HOME=${paths().state}`, `TMPDIR=${paths().tmp}`]);
}

beforeAll(async () => {
  server = await startTestServer();
});

// Each case its own directories: what one case left cannot fail the next.
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-demo-hangup-'));
  await mkdir(paths().tmp);
});

afterEach(async () => {
  for (const socket of await demoSockets()) {
    await execa('tmux', ['-S', path.join(paths().sockets, socket), 'kill-server'], { reject: false });
    // A socket a failed case left must not fail the next one too.
    await rm(path.join(paths().sockets, socket), { force: true });
  }
  await server.tmux('kill-session', '-t', 'dash').catch(() => undefined);
  await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

afterAll(async () => {
  await server?.kill();
});

/** Nothing left: a failure names what was. */
async function nothingLeft(): Promise<void> {
  await waitFor(async () => expect((await leftovers()).join(', ')).toBe(''), { timeoutMs: 15_000 });
}

describe('the demo ended without q leaves nothing behind', () => {
  it('outside tmux, when its terminal is closed', async () => {
    const term = await openUserTerminal();
    await term.type(`env -u TMUX '${process.execPath}' '${CLI}' demo`);
    await term.keys('Enter');
    await term.waitForScreen((s) => expect(s).toMatch(WORKERS_SHOWN), 15_000);
    expect((await leftovers()).length).toBeGreaterThan(0);
    await untilDashboardConnected();
    await server.tmux('kill-pane', '-t', term.paneId);
    await nothingLeft();
  }, 40_000);

  it('inside tmux, when the pane it runs in is closed', async () => {
    const term = await openUserTerminal();
    await term.type(`'${process.execPath}' '${CLI}' demo`);
    await term.keys('Enter');
    await term.waitForScreen((s) => expect(s).toMatch(WORKERS_SHOWN), 15_000);
    await untilDashboardConnected();
    await server.tmux('kill-pane', '-t', term.paneId);
    await nothingLeft();
  }, 40_000);

  it('detached, then ended with the kill-server command it printed', async () => {
    const term = await openUserTerminal();
    await term.type(`env -u TMUX '${process.execPath}' '${CLI}' demo`);
    await term.keys('Enter');
    await term.waitForScreen((s) => expect(s).toMatch(WORKERS_SHOWN), 15_000);
    await untilDashboardConnected();
    await term.keys('C-b', 'd');
    const screen = await term.waitForScreen((s) => expect(s).toMatch(/End it with: tmux -L orch-demo-\d+ kill-server/));
    const socket = /End it with: tmux -L (orch-demo-\d+) kill-server/.exec(screen)![1]!;
    // As the user would type it, in the same terminal (its TMUX_TMPDIR).
    await term.type(`tmux -L ${socket} kill-server`);
    await term.keys('Enter');
    await nothingLeft();
  }, 40_000);
});
