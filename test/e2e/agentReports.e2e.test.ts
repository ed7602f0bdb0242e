/**
 * Issue 15's "done when", with real parts: Claude Code workers started by
 * `orch-tui new` on a private tmux server, against the scripted fake model,
 * read by the built CLI, the MCP server and a dashboard in a pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest } from '../harness/fakeAnthropic.js';
import { claudeArgv, makeClaudeHome, sendPrompt, startClaudeInTmux, type ClaudeEnv } from '../harness/claudeWorker.js';
import { startOrchMcp } from '../mcp/mcpClient.js';
import { CLI, openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let state: string;
let dash: DashboardPane;
let userLog: string;

interface Row {
  id: string; name: string; state: string; source: string; reason: string; evidence: string; since: string;
  prompt?: { command?: string }; context?: { tokens: number; window?: number; percent?: number; source: string }; cost_usd?: number;
}

function orch(args: string[], options: { timeout?: number; stateHome?: string } = {}) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false, timeout: options.timeout ?? 60_000, env: { XDG_STATE_HOME: options.stateHome ?? state },
  });
}
async function ls(name: string, stateHome?: string): Promise<Row> {
  const out = await orch(['ls', '--json'], { ...(stateHome ? { stateHome } : {}) });
  const row = (JSON.parse(out.stdout) as Row[]).find((r) => r.name === name);
  if (!row) throw new Error(`${name} is not listed`);
  return row;
}
const agent = claudeArgv().map((w) => `'${w}'`).join(' ');
const envArgs = (extra: Record<string, string> = {}) =>
  Object.entries({ ...env.env, CLAUDE_CODE_MAX_RETRIES: '0', ...extra }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);

/** Creates a Claude worker with `orch-tui new` and waits until it is idle. */
async function newClaude(name: string, stateHome = state): Promise<string> {
  const made = await orch(['new', name, '--cwd', env.cwd, '--agent', agent, ...envArgs()], { stateHome });
  expect(made.exitCode, made.stderr).toBe(0);
  const waited = await orch(['wait', name, '--until', 'idle', '--timeout', '40'], { stateHome, timeout: 50_000 });
  expect(waited.exitCode, waited.stderr + waited.stdout).toBe(0);
  return made.stdout.trim();
}
async function reportDirOf(name: string, stateHome = state): Promise<string> {
  const record = JSON.parse(await readFile(await workerRecordPath(name, stateHome), 'utf8')) as { reportDir: string };
  return record.reportDir;
}
async function workerRecordPath(name: string, stateHome: string): Promise<string> {
  const root = path.join(stateHome, 'orch-tui');
  for (const dir of await readdir(root)) {
    const file = path.join(root, dir, 'workers', `${name}.json`);
    if (await readFile(file).then(() => true, () => false)) return file;
  }
  throw new Error(`no record of ${name}`);
}
const mainRequests = () => fake.requests.filter((r) => r.kind === 'main');

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  state = path.join(env.home, 'state');
  // The user's own status line and hook, in their own settings: they must keep working.
  userLog = path.join(env.home, 'user-hook.log');
  await writeFile(path.join(env.configDir, 'settings.json'), JSON.stringify({
    statusLine: { type: 'command', command: 'printf "USER-STATUS %s" "$(cat | head -c 12)"' },
    hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: `cat >> '${userLog}'; echo >> '${userLog}'` }] }] },
  }));
  await newClaude('w');
  dash = await openTerminal(server, 180, 40, [`XDG_STATE_HOME=${state}`]);
  await startOrchTui(dash, ['--no-bell', '--interval', '250']);
  await dash.waitForScreen((s) => expect(s).toContain('w ◆ · '));
}, 120_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

/** The worker's header line on the dashboard. */
const headerOf = (screen: string, name: string) => screen.split('\n').find((l) => new RegExp(`[│║]\\s*(▶ )?${name} (◆ )?· `).test(l)) ?? '';

describe('a Claude orch-tui started reports to it', () => {
  it('is idle from its own SessionStart hook, with its conversation id known in advance', async () => {
    const row = await ls('w');
    expect(row).toMatchObject({ state: 'idle', source: 'hooks' });
    expect(row.evidence).toMatch(/^hook SessionStart source: "startup"/);
    const record = JSON.parse(await readFile(await workerRecordPath('w', state), 'utf8')) as { claudeSessionId: string; argv: string[] };
    expect(record.argv).toContain('--session-id');
    expect(record.argv[record.argv.indexOf('--session-id') + 1]).toBe(record.claudeSessionId);
  });

  it('150,000 tokens: ls --json and list_workers say the percent and window of its own status line, and the header shows it', async () => {
    fake.enqueue({ kind: 'text', text: 'The context is full of notes.', usage: { input_tokens: 1000, cache_read_input_tokens: 149_000 } });
    const sent = await orch(['send', 'w', '--json', '--', 'read all the notes']);
    expect(sent.exitCode, sent.stderr).toBe(0);
    // Delivery confirmed by the hook that carried the prompt.
    expect(JSON.parse(sent.stdout).evidence).toBe('its UserPromptSubmit hook carried the whole message');
    const row = await waitFor(async () => {
      const r = await ls('w');
      // Until the status line has run after the reply, the transcript says the same.
      expect(r.context).toMatchObject({ tokens: 150_000, source: 'statusline' });
      return r;
    }, { timeoutMs: 20_000 });
    const own = JSON.parse(await readFile(path.join(await reportDirOf('w'), 'status.json'), 'utf8'));
    expect(own.context_window.context_window_size).toBe(1_000_000);
    expect(row.context).toMatchObject({ window: own.context_window.context_window_size, source: 'statusline' });
    expect(Math.abs(row.context!.percent! - own.context_window.used_percentage)).toBeLessThanOrEqual(1);
    expect(row.cost_usd).toBe(own.cost.total_cost_usd);
    const mcp = await startOrchMcp({ socket: server.socket, stateHome: state });
    try {
      const listed = await mcp.data<{ workers: Row[] }>('list_workers');
      expect(listed.workers.find((w) => w.name === 'w')).toMatchObject({ context: row.context, cost_usd: row.cost_usd });
    } finally {
      await mcp.close();
    }
    await dash.waitForScreen((s) => expect(headerOf(s, 'w')).toMatch(/w ◆ · ● idle(?: for \S+)? · ctx 15% · /), 10_000);
    const table = (await orch(['ls'])).stdout.split('\n');
    expect(table[0]).toMatch(/ CONTEXT +MANAGED$/);
    expect(table.find((l) => /^%\d+ +w /.test(l))).toMatch(/ 15% +◆$/);
    const status = await orch(['status']);
    expect(status.stdout).toMatch(/📊 Context: 15% of 1M tokens \(150k\) · cost \$/);
    expect(status.stdout).toMatch(/Total cost: \$/);
  }, 60_000);

  it("the user's own status line still shows, and the user's own hook still runs", async () => {
    await waitFor(async () => expect(await server.capture((await ls('w')).id)).toMatch(/USER-STATUS \{"session_id/), { timeoutMs: 10_000 });
    const logged = (await readFile(userLog, 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { prompt: string });
    expect(logged.map((e) => e.prompt)).toContain('read all the notes');
  });

  it('a task sent from the queue (the dashboard dispatches): its result is what Stop said the answer was', async () => {
    fake.enqueue({ kind: 'text', text: 'SIGNATURES: Login(user, pass) Token', delayMs: 200, chunks: 3 });
    const added = await orch(['task', 'add', 'w', 'List the API signatures']);
    expect(added.exitCode, added.stderr).toBe(0);
    const task = await waitFor(async () => {
      const [t] = JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as Array<{ state: string; result: string }>;
      expect(t!.state).toBe('done');
      return t;
    }, { timeoutMs: 60_000, intervalMs: 300 });
    expect(task!.result).toBe('SIGNATURES: Login(user, pass) Token');
    const events = (await readFile(path.join(await reportDirOf('w'), 'events.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(events.filter((e) => e.event.hook_event_name === 'Stop').at(-1).event.last_assistant_message).toBe(task!.result);
  }, 90_000);

  it('waits on a permission prompt with its command, from its hooks; refused with Escape, it is idle again', async () => {
    fake.enqueue({ kind: 'tool', tool: 'Bash', input: { command: 'rm -rf build && npm test', description: 'clean and test' } });
    const sent = await orch(['send', 'w', '--', 'clean the build']);
    expect(sent.exitCode, sent.stderr).toBe(0);
    const row = await waitFor(async () => {
      const r = await ls('w');
      expect(r.state).toBe('waiting');
      return r;
    }, { timeoutMs: 15_000 });
    expect(row).toMatchObject({ source: 'hooks', prompt: { command: 'rm -rf build && npm test' } });
    expect(row.evidence).toMatch(/^hook PermissionRequest command: "rm -rf build && npm test"/);
    await orch(['interrupt', 'w']);
    await waitFor(async () => expect((await ls('w')).state).toBe('idle'), { timeoutMs: 15_000 });
  }, 60_000);

  it.each([
    [401, 'invalid x-api-key', /\(authentication_failed\): Invalid API key/],
    [429, 'Rate limited', /\(rate_limit\): API Error: Request rejected \(429\)/],
    [529, 'Overloaded', /\(server_error\): API Error: 529 Overloaded/],
  ] as const)('a %i from the model makes it error with the reason within a second', async (status, message, reason) => {
    // Start from a good turn, so the error is news.
    fake.enqueue({ kind: 'text', text: 'fine' });
    expect((await orch(['send', 'w', '--when-idle', '--', `warm up before ${status}`])).exitCode).toBe(0);
    await waitFor(async () => expect((await ls('w')).state).toBe('idle'), { timeoutMs: 15_000 });
    const waiting = orch(['wait', 'w', '--until', 'error', '--timeout', '30']);
    fake.enqueue({ kind: 'error', status, message });
    const before = mainRequests().length;
    expect((await orch(['send', 'w', '--', `try ${status}`])).exitCode).toBe(0);
    const failed: RecordedRequest = await fake.waitForRequest((r) => r.kind === 'main' && mainRequests().indexOf(r) >= before, 15_000);
    const result = await waiting;
    const seenAfter = Date.now() - failed.receivedAt;
    console.log(`${status}: error seen by orch-tui wait ${seenAfter} ms after the model answered`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(seenAfter).toBeLessThan(1000);
    const row = await ls('w');
    expect(row).toMatchObject({ state: 'error', source: 'hooks' });
    expect(row.reason).toMatch(reason);
  }, 60_000);
});

describe('a Claude orch-tui did not start', () => {
  let plainPane: string;
  beforeAll(async () => {
    plainPane = (await startClaudeInTmux({ socket: server.socket, env, name: 'plain', extraEnv: { CLAUDE_CODE_MAX_RETRIES: '0' } })).paneId;
  }, 60_000);

  it('a 429 and a 401 are still errors, from its screen (this 401 says "Please run /login")', async () => {
    for (const [status, words] of [[429, /API Error: Request rejected \(429\) · no$/], [401, /Please run \/login · API Error: 401 no$/]] as const) {
      fake.enqueue({ kind: 'error', status, message: 'no' });
      await sendPrompt(server.socket, plainPane, `plain ${status}`);
      const row = await waitFor(async () => {
        const r = await ls('plain');
        expect(r.state).toBe('error');
        return r;
      }, { timeoutMs: 15_000 });
      expect(row.source).toBe('screen');
      expect(row.reason).toMatch(words);
      fake.enqueue({ kind: 'text', text: 'fine' });
      await sendPrompt(server.socket, plainPane, `plain ok after ${status}`);
      await waitFor(async () => expect((await ls('plain')).state).toBe('idle'), { timeoutMs: 15_000 });
    }
  }, 60_000);

  it('its context comes from its transcript, with the window a status line told for that model', async () => {
    fake.enqueue({ kind: 'text', text: 'Plenty of context.', usage: { input_tokens: 2000, cache_creation_input_tokens: 8000, cache_read_input_tokens: 190_000 } });
    await sendPrompt(server.socket, plainPane, 'plain fill');
    const row = await waitFor(async () => {
      const r = await ls('plain');
      expect(r.context?.tokens).toBe(200_000);
      return r;
    }, { timeoutMs: 15_000 });
    expect(row.context).toEqual({ tokens: 200_000, window: 1_000_000, percent: 20, source: 'transcript' });
    expect(row.cost_usd).toBeUndefined();
    // A state dir that never heard of the model: tokens, no percent, no guess.
    const elsewhere = path.join(env.home, 'other-state');
    const fresh = await ls('plain', elsewhere);
    expect(fresh.context).toEqual({ tokens: 200_000, source: 'transcript' });
  }, 60_000);
});

describe('a hook that cannot write', () => {
  /** A turn that completes: the model is asked, and the worker is idle again with the answer on screen. */
  async function turnCompletes(name: string, paneId: string, text: string, stateHome: string) {
    const before = mainRequests().length;
    fake.enqueue({ kind: 'text', text: `answer to ${text}` });
    const started = Date.now();
    await sendPrompt(server.socket, paneId, text);
    await fake.waitForRequest((r) => r.kind === 'main' && r.lastUserText === text, 10_000);
    expect(mainRequests().length).toBe(before + 1);
    await waitFor(async () => expect(await server.capture(paneId)).toContain(`answer to ${text}`), { timeoutMs: 10_000 });
    await waitFor(async () => expect((await ls(name, stateHome)).state).toBe('idle'), { timeoutMs: 10_000 });
    const screen = await server.capture(paneId);
    expect(screen).not.toMatch(/hook (failed|error)|reported a problem/i);
    return Date.now() - started;
  }

  it('its report directory gone: the worker answers as before, its state from its session file, the user status line still shows', async () => {
    const paneId = (await ls('w')).id;
    await rm(await reportDirOf('w'), { recursive: true, force: true });
    const ms = await turnCompletes('w', paneId, 'after the state dir went away', state);
    console.log(`turn with no report directory: ${ms} ms`);
    expect((await ls('w')).source).toBe('session-file');
    await waitFor(async () => expect(await server.capture(paneId)).toMatch(/USER-STATUS \{"session_id/), { timeoutMs: 10_000 });
  }, 60_000);

  it('a full disk: the worker answers as before', async (ctx) => {
    const mount = path.join(env.home, 'full');
    await mkdir(mount);
    if ((await execa('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount], { reject: false })).exitCode !== 0) ctx.skip();
    try {
      const paneId = await newClaude('full', mount);
      await turnCompletes('full', paneId, 'before the disk fills', mount);
      await execa('dd', ['if=/dev/zero', `of=${path.join(mount, 'fill')}`, 'bs=4k'], { reject: false });
      const ms = await turnCompletes('full', paneId, 'after the disk filled', mount);
      console.log(`turn on a full disk: ${ms} ms`);
      const events = await readFile(path.join(await reportDirOf('full', mount), 'events.jsonl'), 'utf8');
      expect(events).not.toContain('after the disk filled');
    } finally {
      await orch(['kill', 'full', '--yes'], { stateHome: mount });
      await execa('umount', ['-l', mount], { reject: false });
    }
  }, 120_000);
});
