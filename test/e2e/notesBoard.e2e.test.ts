import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, type TestServer } from '../harness/tmuxServer.js';
import { CLI, openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

/**
 * The notes board on the dashboard, as a person sees it in a tmux pane:
 * a note from the CLI shows as an unread count in its worker's header; N
 * opens the board, a adds a note addressed to the focused worker, f
 * filters by worker; the status report lists the latest notes.
 */
let server: TestServer;
let dash: DashboardPane;
let state: string;

const cli = (...args: string[]) => execa(process.execPath, [CLI, '-L', server.socket, ...args], { reject: false, env: { XDG_STATE_HOME: state } });
/** The header of a worker's pane: its box's first row (boxes stand side by side). */
const header = (screen: string, name: string) =>
  screen.split('\n').flatMap((line) => line.split(/[│║]/)).find((cell) => new RegExp(`^(▶ )?${name} `).test(cell)) ?? '';

beforeAll(async () => {
  server = await startTestServer();
  state = await mkdtemp(path.join(tmpdir(), 'orch-notes-dash-'));
  for (const name of ['alpha', 'beta']) await server.tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '20', '--', 'sleep', '100000');
  dash = await openTerminal(server, 140, 40, [`XDG_STATE_HOME=${state}`]);
  await startOrchTui(dash);
  await dash.waitForScreen((s) => expect(s).toMatch(/▶ alpha ·/));
}, 30_000);

afterAll(async () => {
  await server?.kill();
  if (state) await rm(state, { recursive: true, force: true });
});

describe('the notes board on the dashboard', () => {
  it('a worker\'s header counts the notes for it that it has not read', async () => {
    expect((await cli('note', 'add', '--to', 'beta', '--topic', 'ports', '--', 'Beta: the port is 8080.')).exitCode).toBe(0);
    const screen = await dash.waitForScreen((s) => expect(header(s, 'beta')).toContain('✉1'));
    expect(header(screen, 'alpha')).not.toContain('✉');
  });

  it('N opens the board; a adds a note addressed to the focused worker; f filters by worker', async () => {
    await dash.keys('N');
    await dash.waitForScreen((s) => {
      expect(s).toContain('Notes (1) · all');
      expect(s).toMatch(/n1 .* you +→ beta .*\[ports\] Beta: the port is 8080\./);
    });
    await dash.keys('a');
    await dash.waitForScreen((s) => {
      expect(s).toContain('New note');
      expect(s).toMatch(/To.*alpha/);
    });
    await dash.type('Alpha: use the new schema.');
    await dash.keys('Enter');
    let screen = await dash.waitForScreen((s) => {
      expect(s).toContain('Note n2 posted to alpha.');
      expect(s).toContain('Notes (2) · all');
    });
    // Newest first.
    expect(screen.indexOf('Alpha: use the new schema.')).toBeLessThan(screen.indexOf('Beta: the port is 8080.'));
    await dash.keys('f');
    screen = await dash.waitForScreen((s) => expect(s).toContain('Notes (1) · for alpha'));
    expect(screen).not.toContain('Beta: the port is 8080.');
    await dash.keys('f');
    screen = await dash.waitForScreen((s) => expect(s).toContain('Notes (1) · for beta'));
    expect(screen).not.toContain('Alpha: use the new schema.');
    await dash.keys('Escape');
    await dash.waitForScreen((s) => {
      expect(header(s, 'alpha')).toContain('✉1');
      expect(header(s, 'beta')).toContain('✉1');
    });
    const listed = JSON.parse((await cli('note', 'ls', '--json')).stdout) as Array<{ id: string; from: string; to: string[] }>;
    expect(listed.map((n) => [n.id, n.from, n.to])).toEqual([['n2', 'you', ['alpha']], ['n1', 'you', ['beta']]]);
  });

  it('the status report lists the latest notes', async () => {
    await dash.keys('s');
    await dash.waitForScreen((s) => {
      expect(s).toContain('🗒 Latest notes:');
      expect(s).toContain('n2 you → alpha: Alpha: use the new schema.');
    });
    await dash.keys('Escape');
  });
});
