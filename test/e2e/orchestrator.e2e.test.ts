import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest, type ScriptedReply } from '../harness/fakeAnthropic.js';
import { unframePaste } from '../harness/claudePaste.js';
import { makeClaudeHome, removeClaudeHome, sendPrompt, startClaudeInTmux, type ClaudeEnv, type ClaudePane } from '../harness/claudeWorker.js';
import { serverKey } from '../../src/stateDir.js';
import { claudeBinDir } from '../harness/claudeCode.js';

/**
 * The "done when": a real Claude Code as the orchestrator, set up
 * only by `orch-tui init`, runs the seed's frontend/backend/tests example
 * through the orch-tui MCP tools, with real Claude Code workers. One fake
 * model serves all three: the orchestrator's replies are a script of tool
 * calls (one per turn), each worker's reply depends on the task it got. The
 * backend's first answer hangs until the test has seen that nothing
 * depending on it was sent: the order is checked, not timed.
 */
const CLI = path.resolve('dist/src/cli.js');
const TOOL = (name: string) => `mcp__orch-tui__${name}`;
const JOB = 'Implement user authentication with a frontend UI and a backend API, then integration tests';

const API_TEXT = 'Create the authentication API in auth/handler.go with JWT middleware. When you are done, reply with the exported function signatures, nothing else.';
const UI_TEXT = 'Create a login UI component with username and password fields in ui/login.go.';
const INTEGRATE_TEXT = 'Connect the login component in ui/login.go to the backend. The backend reported this API:\n\n{{result:api}}';
const TESTS_TEXT = 'Write integration tests for the auth system: login, a wrong password, refreshing a token.';
const FILES_TEXT = 'Reply with the files you changed, one per line, nothing else.';
const SIGNATURES = 'SIGNATURES: Login(user, pass string) (Token, error); Middleware(next http.Handler) http.Handler';

/** The orchestrator's turns, in order: each a tool call, then the final answer. */
const ORCHESTRATOR_SCRIPT: ScriptedReply[] = [
  { kind: 'tool', tool: TOOL('list_workers'), input: {} },
  { kind: 'tool', tool: TOOL('create_worker'), input: { name: 'backend' } },
  { kind: 'tool', tool: TOOL('create_worker'), input: { name: 'frontend' } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'api', worker: 'backend', text: API_TEXT } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'ui', worker: 'frontend', text: UI_TEXT } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'integrate', worker: 'frontend', after: ['api', 'ui'], text: INTEGRATE_TEXT } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'tests', worker: 'backend', after: ['api', 'integrate'], text: TESTS_TEXT } },
  { kind: 'tool', tool: TOOL('wait_for_tasks'), input: { ids: ['api', 'ui', 'integrate', 'tests'], timeout_seconds: 150 } },
  { kind: 'tool', tool: TOOL('send_task'), input: { worker: 'frontend', text: FILES_TEXT, when_idle: true, timeout_seconds: 60 } },
  { kind: 'tool', tool: TOOL('wait_for_state'), input: { worker: 'frontend', states: ['idle'], timeout_seconds: 60 } },
  { kind: 'tool', tool: TOOL('wait_for_state'), input: { worker: 'backend', states: ['idle'], timeout_seconds: 60 } },
  { kind: 'tool', tool: TOOL('status_report'), input: {} },
  { kind: 'text', text: 'ORCHESTRATION FINISHED.' },
];

/** What each worker answers, by the task it was given. */
function workerReply(text: string): ScriptedReply | undefined {
  if (text.startsWith('Create the authentication API')) return { kind: 'hang' };
  if (text.startsWith('Create a login UI')) return { kind: 'text', text: 'Login form written in ui/login.go.' };
  if (text.startsWith('Connect the login component')) return { kind: 'text', text: 'The form now posts to Login.' };
  if (text.startsWith('Write integration tests')) return { kind: 'text', text: 'Integration tests written.' };
  if (text.startsWith('Reply with the files')) return { kind: 'text', text: 'ui/login.go' };
  return undefined;
}

const isOrchestrator = (r: RecordedRequest) => r.userTexts.some((t) => t.startsWith('# Orchestrate: '));
/** Tool results so far in the orchestrator's conversation: which step it is at. */
const toolResults = (r: RecordedRequest) =>
  (r.body?.messages ?? []).flatMap((m: any) => (m.role === 'user' && Array.isArray(m.content) ? m.content : []))
    .filter((b: any) => b?.type === 'tool_result');
const typed = (r: RecordedRequest) => unframePaste(r.lastUserText) ?? '';
const workerRequests = (fake: FakeAnthropic) => fake.requests.filter((r) => r.kind === 'main' && !isOrchestrator(r));

let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let orchestrator: ClaudePane;
const stateHome = () => path.join(env.home, 'state');
let savedPath: string | undefined;

function orch(args: string[]) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false, timeout: 30_000, env: { XDG_STATE_HOME: stateHome() },
  });
}

interface TaskRow { id: string; state: string; worker: string; result?: string; sentText?: string; times: { sent?: number; finished?: number } }

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  fake.setResponder((r) => {
    if (r.kind !== 'main') return undefined;
    if (isOrchestrator(r)) return ORCHESTRATOR_SCRIPT[Math.min(toolResults(r).length, ORCHESTRATOR_SCRIPT.length - 1)];
    return workerReply(typed(r));
  });
  // The user's environment, as a tmux server has it; `claude` is on PATH.
  // tmux gives a new session the PATH of the client that creates it (not
  // the server's, and not -e PATH): the tmux client that starts the
  // orchestrator has it, so its MCP server has it, and so the workers that
  // server creates.
  const bin = claudeBinDir();
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  const userEnv = { ...env.env, XDG_STATE_HOME: stateHome(), PATH: process.env.PATH };
  for (const [key, value] of Object.entries(userEnv)) await server.tmux('set-environment', '-g', key, value);
  // The only set-up: orch-tui init in the project.
  const init = await orch(['init', env.cwd]);
  expect(init.exitCode, init.stderr).toBe(0);
  orchestrator = await startClaudeInTmux({ socket: server.socket, env, name: 'orchestrator', extraEnv: { XDG_STATE_HOME: stateHome() } });
}, 90_000);

afterAll(async () => {
  if (savedPath !== undefined) process.env.PATH = savedPath;
  await server?.kill();
  await fake?.close();
  if (env) await removeClaudeHome(env);
});

describe('an orchestrating Claude Code configured by orch-tui init', () => {
  it('runs the seed example through the MCP tools: every task arrives once, in dependency order', async () => {
    await sendPrompt(server.socket, orchestrator.paneId, `/orchestrate ${JOB}`);
    const tasks = async () => JSON.parse((await orch(['task', 'ls', '--json'])).stdout || '[]') as TaskRow[];
    const byId = async () => new Map((await tasks()).map((t) => [t.id, t]));

    // Midway: the backend works on the API (its answer hangs); the frontend
    // did its own task; what depends on the API has not been sent.
    await waitFor(async () => {
      const t = await byId();
      expect([...t.keys()].sort()).toEqual(['api', 'integrate', 'tests', 'ui']);
      expect(['api', 'ui', 'integrate', 'tests'].map((id) => t.get(id)!.state)).toEqual(['sent', 'done', 'queued', 'queued']);
    }, { timeoutMs: 90_000, intervalMs: 250, message: 'the orchestrator never queued the tasks and started backend and frontend' }).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await server.capture(orchestrator.paneId)}`);
    });
    const beforeRelease = workerRequests(fake).map(typed);
    expect(beforeRelease.some((t) => t.startsWith('Connect the login component'))).toBe(false);
    expect(beforeRelease.some((t) => t.startsWith('Write integration tests'))).toBe(false);
    fake.releaseHangs(SIGNATURES);

    // The orchestrator's last turn follows the status report.
    const last = await fake.waitForRequest((r) => isOrchestrator(r) && toolResults(r).length === ORCHESTRATOR_SCRIPT.length - 1, 120_000)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await server.capture(orchestrator.paneId)}\n${JSON.stringify(await tasks(), null, 1)}`);
      });
    const results = toolResults(last).map((b: any) => (typeof b.content === 'string' ? b.content : JSON.stringify(b.content)));
    // Every tool call succeeded (none was refused, none asked for permission).
    expect(toolResults(last).filter((b: any) => b.is_error)).toEqual([]);
    expect(results[ORCHESTRATOR_SCRIPT.length - 2]).toContain('Overall progress: 100% complete');
    expect(results[7]).toContain('"timedOut":false');
    // Its own pane is never a worker, and panes orch-tui did not create (the server's keeper) do not exist for it.
    expect(results[0]).not.toContain('keeper');
    expect(results[0]).not.toContain('orchestrator');
    // Workers do not command workers: each worker's Claude started its own orch-tui server (a worker's,
    // its instructions say so), which offers the notes board and nothing else, in its tool list or its prompt.
    // A worker's first task can arrive before Claude Code has connected its MCP servers (it then says
    // the server is "still connecting" and offers none of its tools); every turn after has it connected.
    const workerBodies = workerRequests(fake).map((r) => r.body);
    const connected = workerBodies.filter((body) => !JSON.stringify(body.messages).includes('MCP servers are still connecting'));
    expect(connected.length).toBeGreaterThan(0);
    for (const body of workerBodies) {
      // (Claude Code also sends the project's permission rules, which name every allowed tool: those are not offers.)
      const offered = [...new Set(JSON.stringify(body).match(/(?<!"rule":")mcp__orch-tui__[a-z_]+/g) ?? [])].sort();
      if (!connected.includes(body)) {
        expect(offered).toEqual([]);
        continue;
      }
      expect(JSON.stringify(body.messages)).toContain('You are a worker that orch-tui manages');
      expect(offered).toEqual([TOOL('post_note'), TOOL('read_notes')]);
    }

    // From the workers' side: each task arrived exactly once, in order, and
    // the frontend's integration task carried the backend's answer.
    const received = workerRequests(fake).map(typed);
    const heads = [API_TEXT, UI_TEXT, 'Connect the login component', TESTS_TEXT, FILES_TEXT].map((t) => t.slice(0, 40));
    for (const head of heads) expect(received.filter((t) => t.startsWith(head)).length, head).toBe(1);
    const at = (head: string) => received.findIndex((t) => t.startsWith(head));
    expect(at('Connect the login component')).toBeGreaterThan(Math.max(at(API_TEXT.slice(0, 40)), at(UI_TEXT.slice(0, 40))));
    expect(at(TESTS_TEXT.slice(0, 40))).toBeGreaterThan(at('Connect the login component'));
    expect(received[at('Connect the login component')]).toContain(SIGNATURES);

    // From orch-tui's journal: all done, each sent once, dependencies first.
    const t = await byId();
    for (const id of ['api', 'ui', 'integrate', 'tests']) expect(t.get(id)?.state, id).toBe('done');
    const api = t.get('api')!;
    const ui = t.get('ui')!;
    const integrate = t.get('integrate')!;
    const testsTask = t.get('tests')!;
    expect(api.result).toBe(SIGNATURES);
    expect(integrate.sentText).toContain(SIGNATURES);
    expect(integrate.times.sent!).toBeGreaterThanOrEqual(Math.max(api.times.finished!, ui.times.finished!));
    expect(testsTask.times.sent!).toBeGreaterThanOrEqual(integrate.times.finished!);
    const journal = (await readFile(path.join(stateHome(), 'orch-tui', serverKey({ socketName: server.socket }), 'tasks.jsonl'), 'utf8'))
      .trim().split('\n').map((line) => JSON.parse(line) as { type: string; id: string });
    for (const id of ['api', 'ui', 'integrate', 'tests']) {
      expect(journal.filter((e) => e.type === 'sending' && e.id === id).length, id).toBe(1);
    }

    // And the user sees the orchestrator's final answer in its pane.
    await waitFor(async () => expect(await server.capture(orchestrator.paneId)).toContain('ORCHESTRATION FINISHED.'), { timeoutMs: 15_000 });
  }, 200_000);
});
