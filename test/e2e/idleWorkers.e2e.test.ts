import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

let server: TestServer;
let dash: DashboardPane;
let logFile: string;

async function tmuxInvocations(): Promise<string[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean);
}

beforeAll(async () => {
  server = await startTestServer();
  const bin = await mkdtemp(path.join(os.tmpdir(), 'orch-tmux-log-'));
  logFile = path.join(bin, 'invocations.log');
  const realTmux = (await execa('sh', ['-c', 'command -v tmux'])).stdout.trim();
  // A tmux first on orch-tui's PATH that logs every process started, then
  // runs the real one.
  await writeFile(path.join(bin, 'tmux'), `#!/bin/sh\necho "$*" >> '${logFile}'\nexec '${realTmux}' "$@"\n`);
  await chmod(path.join(bin, 'tmux'), 0o755);
  for (let i = 0; i < 50; i++) {
    await server.tmux('new-session', '-d', '-s', `idle${String(i).padStart(2, '0')}`, '-x', '80', '-y', '20', '--', 'sleep', '2147483647');
  }
  await server.tmux('new-session', '-d', '-s', 'clock', '-x', '80', '-y', '20', '--', 'sh', '-c',
    'i=0; while true; do i=$((i+1)); echo "beat $i"; sleep 0.5; done');
  dash = await openTerminal(server, 200, 50, [`PATH=${bin}:${process.env.PATH}`]);
  // 'clock' sorts first, so it is on the first page of the grid.
  await startOrchTui(dash, ['--interval', '200']);
});

afterAll(async () => {
  await server.kill();
});

describe('a dashboard over 50 idle panes', () => {
  it('starts no tmux process per tick: every command goes over the one control-mode channel', async () => {
    await dash.waitForScreen((s) => {
      expect(s).toMatch(/beat \d+/);
      // 50 idle panes, the clock and the harness's keeper session.
      expect(s).toContain('52 workers');
    });
    const beat = (s: string) => Math.max(...[...s.matchAll(/beat (\d+)/g)].map((m) => Number(m[1])));
    // Each pane on screen is its own session: one output client each, started once.
    const onScreen = new Set([...(await dash.screen()).matchAll(/(idle\d\d|clock|keeper) · /g)].map((m) => m[1])).size;
    expect(onScreen).toBeGreaterThan(10);
    const isOutputClient = (line: string) => line.includes('-C attach-session') && !line.includes('no-output');
    await waitFor(async () => expect((await tmuxInvocations()).filter(isOutputClient)).toHaveLength(onScreen), {
      message: 'one output client per session on screen',
    });
    const startBeat = beat(await dash.screen());
    const before = await tmuxInvocations();
    // Bootstrap: a look at the server, the command channel (a control
    // client without output), and nothing more.
    const bootstrap = before.filter((line) => !isOutputClient(line));
    expect(bootstrap.some((line) => line.includes('-C attach-session'))).toBe(true);
    expect(bootstrap.length).toBeLessThanOrEqual(4);
    // Let many seconds pass (the clock pane proves the dashboard kept watching).
    await dash.waitForScreen((s) => expect(beat(s)).toBeGreaterThanOrEqual(startBeat + 8), 15_000);
    expect(await tmuxInvocations()).toEqual(before);
    await dash.keys('q');
    await dash.waitForScreen((s) => expect(s).toContain('terminal-before-orch-tui'));
  });

  it('sees all 51 panes when not narrowed', async () => {
    const out = await execa(process.execPath, [path.resolve('dist/src/cli.js'), '-L', server.socket, 'ls', '--json']);
    const workers = JSON.parse(out.stdout) as Array<{ name: string }>;
    expect(workers.filter((w) => w.name.startsWith('idle'))).toHaveLength(50);
  });
});
