import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../harness/fakeAnthropic.js';
import { makeClaudeHome, sendPrompt, startClaudeInTmux, type ClaudeEnv, type ClaudePane } from '../harness/claudeWorker.js';
import { openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let claude: ClaudePane;
let dash: DashboardPane;

interface LsRow { id: string; name: string; state: string; agent: string; since: string; reason: string; prompt?: { command?: string } }

async function ls(): Promise<LsRow> {
  const out = await execa(process.execPath, [CLI, '-L', server.socket, 'ls', '--json']);
  const row = (JSON.parse(out.stdout) as LsRow[]).find((r) => r.name === 'api');
  if (!row) throw new Error('api is not listed');
  return row;
}

/** Wait until `ls --json` shows the state; returns how long it took. */
async function lsShows(state: string, since: number, timeoutMs = 5000): Promise<number> {
  await waitFor(async () => expect((await ls()).state).toBe(state), { timeoutMs, intervalMs: 50 });
  return Date.now() - since;
}

/** The api pane's header in the dashboard, e.g. "api · ⠋ working 2s · claude.exe …". */
function headerOf(screen: string): string {
  return screen.split('\n').find((l) => /[▶│║]\s*(▶ )?api · /.test(l) || /^.?▶ api · /.test(l)) ?? '';
}

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  claude = await startClaudeInTmux({ socket: server.socket, env, name: 'api', remainOnExit: true });
  dash = await openTerminal(server, 160, 40);
  await startOrchTui(dash, ['--no-bell', '--interval', '250']);
  await dash.waitForScreen((s) => expect(s).toContain('api · '));
}, 90_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

describe('a real Claude Code as orch-tui sees it', () => {
  it('is idle at its prompt, a claude agent, decided by its session file', async () => {
    const row = await ls();
    expect(row).toMatchObject({ state: 'idle', agent: 'claude' });
    expect(row.reason).not.toBe('');
    await dash.waitForScreen((s) => expect(headerOf(s)).toMatch(/● idle/));
  });

  it('is working during a slow turn, never idle, then idle again (a finished turn)', async () => {
    // The reply hangs until released: the turn lasts as long as the test needs.
    fake.enqueue({ kind: 'hang' });
    const sent = await sendPrompt(server.socket, claude.paneId, 'think slowly');
    const latency = await lsShows('working', sent, 10_000);
    await dash.waitForScreen((s) => expect(headerOf(s)).toMatch(/working/), 5000);
    console.log(`working shown by ls --json ${latency} ms after Enter`);
    // Never idle while the turn is in progress.
    const during: string[] = [];
    for (let i = 0; i < 5; i++) during.push((await ls()).state);
    expect(during).toEqual(['working', 'working', 'working', 'working', 'working']);
    fake.releaseHangs();
    await lsShows('idle', Date.now(), 30_000);
    await dash.waitForScreen((s) => expect(s).toMatch(/api finished its turn/));
  }, 90_000);

  it('waits on a permission prompt, with its command in ls and in the attention strip', async () => {
    fake.enqueue({ kind: 'tool', tool: 'Bash', input: { command: 'rm -rf build && npm test', description: 'clean and test' } });
    const sent = await sendPrompt(server.socket, claude.paneId, 'clean the build and run the tests');
    const latency = await lsShows('waiting', sent, 10_000);
    console.log(`waiting shown by ls --json ${latency} ms after Enter`);
    expect((await ls()).prompt?.command).toBe('rm -rf build && npm test');
    await dash.waitForScreen((s) => {
      expect(s).toMatch(/⚠ api asks: Do you want to proceed\? `rm -rf build && npm test`/);
      expect(headerOf(s)).toMatch(/waiting/);
    });
  }, 60_000);

  it('answers No from the dashboard after showing the question, and goes back to idle', async () => {
    for (let i = 0; i < 3 && !/▶ api ·/.test(await dash.screen()); i++) {
      await dash.keys('g');
      await dash.waitForScreen((s) => expect(s).toMatch(/▶ api ·/), 2000).catch(() => undefined);
    }
    // n shows the question and what y and n would answer; n again answers no.
    await dash.keys('n');
    await dash.waitForScreen((s) => {
      expect(s).toMatch(/api asks: Do you want to proceed\? `rm -rf build && npm test`/);
      expect(s).toContain('y answers 1. Yes  n answers 4. No  Esc cancels');
    });
    await dash.keys('n');
    await dash.waitForScreen((s) => expect(s).toContain('Answered 4. No to api.'));
    await lsShows('idle', Date.now(), 15_000);
    await dash.waitForScreen((s) => expect(s).not.toContain('⚠ api asks'));
  }, 60_000);

  it('shows compacting during /compact', async () => {
    fake.enqueue({ kind: 'hang' });
    const started = Date.now();
    const result = await execa(process.execPath, [CLI, '-L', server.socket, 'compact', 'api', 'keep the API notes'], { reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    const latency = await lsShows('compacting', started, 15_000);
    console.log(`compacting shown by ls --json ${latency} ms after the send`);
    await dash.waitForScreen((s) => expect(headerOf(s)).toMatch(/compacting/), 5000);
    fake.releaseHangs();
    await lsShows('idle', Date.now(), 40_000);
  }, 90_000);

  it('wait returns 0 when the state is reached and 1 on timeout', async () => {
    const reached = await execa(process.execPath, [CLI, '-L', server.socket, 'wait', 'api', '--until', 'idle,waiting', '--timeout', '5'], { reject: false });
    expect(reached.exitCode, reached.stderr).toBe(0);
    expect(reached.stdout).toMatch(/^api is idle/);
    const timedOut = await execa(process.execPath, [CLI, '-L', server.socket, 'wait', 'api', '--until', 'working', '--timeout', '1'], { reject: false });
    expect(timedOut.exitCode).toBe(1);
    expect(timedOut.stderr).toMatch(/api did not become working within 1 s; it is idle/);
  }, 30_000);
});
