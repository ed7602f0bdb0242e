import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { execa, type ResultPromise } from 'execa';
import { claudeBinDir } from '../harness/claudeCode.js';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest, type ScriptedReply } from '../harness/fakeAnthropic.js';
import { unframePaste } from '../harness/claudePaste.js';
import { makeClaudeHome, removeClaudeHome, sendPrompt, startClaudeInTmux, type ClaudeEnv, type ClaudePane } from '../harness/claudeWorker.js';
import { serverKey } from '../../src/stateDir.js';

/**
 * The "done when", with real parts throughout: a real Claude Code
 * orchestrator set up only by `orch-tui init` runs the seed's auth example
 * on real Claude Code workers; the backend posts a note through its own
 * worker's MCP server, the frontend's next task carries it exactly once,
 * the orchestrator's read_notes sees it. Then the dispatcher holding the
 * board is killed with SIGKILL while notes are added and delivered, twice,
 * at the two places a crash can fall; and `--now` sends a note to an idle
 * worker as a message of its own, never to a busy one.
 */
const CLI = path.resolve('dist/src/cli.js');
const TOOL = (name: string) => `mcp__orch-tui__${name}`;
const JOB = 'Implement user authentication with a frontend UI and a backend API';

const UI_TEXT = 'Create a login UI component with username and password fields in ui/login.go.';
const API_TEXT = 'Create the authentication API in auth/handler.go with JWT middleware. Reply with the exported function signatures.';
const INTEGRATE_TEXT = 'Connect the login component in ui/login.go to the backend: {{result:api}}';
const NOTE = 'The auth API listens on :8080 and wants the JWT in the Authorization header, not a cookie.';
const SIGNATURES = 'SIGNATURES: Login(user, pass string) (Token, error)';

const ORCHESTRATOR_SCRIPT: ScriptedReply[] = [
  { kind: 'tool', tool: TOOL('create_worker'), input: { name: 'backend' } },
  { kind: 'tool', tool: TOOL('create_worker'), input: { name: 'frontend' } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'ui', worker: 'frontend', text: UI_TEXT } },
  { kind: 'tool', tool: TOOL('wait_for_tasks'), input: { ids: ['ui'], timeout_seconds: 90 } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'api', worker: 'backend', text: API_TEXT } },
  { kind: 'tool', tool: TOOL('add_task'), input: { id: 'integrate', worker: 'frontend', text: INTEGRATE_TEXT, after: ['api'] } },
  { kind: 'tool', tool: TOOL('wait_for_tasks'), input: { ids: ['api', 'integrate'], timeout_seconds: 120 } },
  { kind: 'tool', tool: TOOL('read_notes'), input: {} },
  { kind: 'text', text: 'ORCHESTRATION FINISHED.' },
];

const isOrchestrator = (r: RecordedRequest) => r.userTexts.some((t) => t.startsWith('# Orchestrate: '));
const toolResults = (r: RecordedRequest) =>
  (r.body?.messages ?? []).flatMap((m: any) => (m.role === 'user' && Array.isArray(m.content) ? m.content : []))
    .filter((b: any) => b?.type === 'tool_result');
/**
 * The last thing typed into that worker's conversation (a tool result turn has none of its own;
 * Claude Code 2.1.328 adds a "Tool loaded." text after a ToolSearch result, which nobody typed).
 */
const lastTyped = (r: RecordedRequest) => unframePaste(r.userTexts.filter((t) => t !== 'Tool loaded.').at(-1)) ?? '';
/** What was typed for this very turn: undefined for a turn that follows a tool call. */
const typedNow = (r: RecordedRequest) => (r.lastUserText === undefined ? undefined : unframePaste(r.lastUserText));
/**
 * Every orch-tui tool a request lets the model use, in `tools` or listed as deferred (to load with
 * ToolSearch); not the names in the permission rules Claude Code also sends (init allows the same set for every Claude in the project).
 */
const orchToolsOffered = (r: RecordedRequest) => [...new Set(JSON.stringify(r.body).match(/(?<!"rule":")mcp__orch-tui__[a-z_]+/g) ?? [])].sort();
const workerRequests = () => fake.requests.filter((r) => r.kind === 'main' && !isOrchestrator(r));

/**
 * What each worker answers, by the task it was given. The backend posts its note through its own tool
 * first, as a model does with deferred tools: ToolSearch loads it (and waits for a server still
 * connecting: a task can arrive before Claude Code has connected its MCP servers), then the call.
 */
function workerReply(r: RecordedRequest): ScriptedReply | undefined {
  const text = lastTyped(r);
  if (text.includes('Create the authentication API')) {
    const turn = toolResults(r).length;
    if (turn === 0) return { kind: 'tool', tool: 'ToolSearch', input: { query: `select:${TOOL('post_note')}` } };
    if (turn === 1) return { kind: 'tool', tool: TOOL('post_note'), input: { to: ['frontend'], topic: 'api', text: NOTE, author: 'frontend' } };
    return { kind: 'text', text: SIGNATURES };
  }
  if (text.includes('Create a login UI')) return { kind: 'text', text: 'Login form written in ui/login.go.' };
  if (text.includes('Connect the login component')) return { kind: 'text', text: 'The form now posts to Login.' };
  const step = /Step (\d+):/.exec(text);
  if (step) return { kind: 'text', text: `Done step ${step[1]}.`, delayMs: 150, chunks: 3 };
  if (text.includes('Think about it slowly')) return { kind: 'hang' };
  return undefined;
}

let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let orchestrator: ClaudePane;
const stateHome = () => path.join(env.home, 'state');
const stateFile = (name: string) => path.join(stateHome(), 'orch-tui', serverKey({ socketName: server.socket }), name);

function orch(args: string[], timeout = 30_000) {
  return execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', ...args], {
    reject: false, timeout, env: { XDG_STATE_HOME: stateHome() },
  });
}

interface NoteRow { id: string; from: string; to: string[]; topic?: string; task?: string; text: string; readBy: string[]; deliveries: Array<{ worker: string; via: string; task?: string }> }
interface TaskRow { id: string; state: string; sentText?: string }
const notes = async () => JSON.parse((await orch(['note', 'ls', '--json'])).stdout) as NoteRow[];
const tasks = async () => new Map((JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as TaskRow[]).map((t) => [t.id, t]));
const journal = async () => (await readFile(stateFile('tasks.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
/** Requests of the frontend's conversation whose own typed text contains `text`. */
const frontendGot = (text: string) => workerRequests().filter((r) => typedNow(r)?.includes(text));

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  fake.setResponder((r) => {
    if (r.kind !== 'main') return undefined;
    if (isOrchestrator(r)) return ORCHESTRATOR_SCRIPT[Math.min(toolResults(r).length, ORCHESTRATOR_SCRIPT.length - 1)];
    return workerReply(r);
  });
  const bin = claudeBinDir();
  const userEnv = { ...env.env, XDG_STATE_HOME: stateHome(), PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  for (const [key, value] of Object.entries(userEnv)) await server.tmux('set-environment', '-g', key, value);
  const init = await orch(['init', env.cwd]);
  expect(init.exitCode, init.stderr).toBe(0);
  orchestrator = await startClaudeInTmux({ socket: server.socket, env, name: 'orchestrator', extraEnv: { XDG_STATE_HOME: stateHome() } });
}, 90_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
  if (env) await removeClaudeHome(env);
});

describe('notes between real Claude Code workers', () => {
  it('the backend posts through its own tool; the frontend\'s next task carries it once; the orchestrator reads it', async () => {
    await sendPrompt(server.socket, orchestrator.paneId, `/orchestrate ${JOB}`);
    const last = await fake.waitForRequest((r) => isOrchestrator(r) && toolResults(r).length === ORCHESTRATOR_SCRIPT.length - 1, 200_000)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await server.capture(orchestrator.paneId)}\n${JSON.stringify([...(await tasks()).values()], null, 1)}`);
      });
    const results = toolResults(last).map((b: any) => (typeof b.content === 'string' ? b.content : JSON.stringify(b.content)));
    expect(toolResults(last).filter((b: any) => b.is_error)).toEqual([]);

    // The backend's Claude has exactly the two notes tools from its own server (Claude Code lists MCP tools
    // as deferred tools in the conversation), and its post_note went through.
    const backendTurns = workerRequests().filter((r) => lastTyped(r).includes('Create the authentication API'));
    expect(backendTurns).toHaveLength(3);
    expect(orchToolsOffered(backendTurns[1]!)).toEqual([TOOL('post_note'), TOOL('read_notes')]);
    const posted = toolResults(backendTurns.at(-1)!);
    expect(posted.map((b: any) => b.is_error ?? false)).toEqual([false, false]);

    // On the board: from the backend itself, though the call named the frontend as author.
    const board = await notes();
    const note = board.find((n) => n.text === NOTE)!;
    expect(note).toMatchObject({ from: 'backend', to: ['frontend'], topic: 'api' });

    // The frontend got it once, with its next task (integrate) under the heading; not with the task before.
    const carrying = frontendGot(NOTE);
    expect(carrying).toHaveLength(1);
    const typed = typedNow(carrying[0]!)!;
    expect(typed.startsWith(`Notes from your team (for your information):\n- ${note.id} from backend (api): ${NOTE}`)).toBe(true);
    expect(typed).toContain(`\n\nYour task:\nConnect the login component in ui/login.go to the backend: ${SIGNATURES}`);
    expect(frontendGot(UI_TEXT).some((r) => typedNow(r)!.includes(NOTE))).toBe(false);
    expect(note.readBy).toContain('frontend');
    expect(note.deliveries).toEqual([expect.objectContaining({ worker: 'frontend', via: 'task', task: 'integrate' })]);
    const sending = (await journal()).filter((e) => e.type === 'sending' && e.id === 'integrate');
    expect(sending.map((e) => e.notes)).toEqual([[note.id]]);
    expect((await tasks()).get('integrate')?.state).toBe('done');

    // The orchestrator's read_notes saw it (Claude Code hands the model the structured content), and
    // the change notes of the finished tasks.
    const read = JSON.parse(results[7]!) as { notes: Array<{ id: string; from: string; to: string[]; text: string }> };
    expect(read.notes.find((n) => n.id === note.id)).toMatchObject({ from: 'backend', to: ['frontend'], text: NOTE });
    for (const [worker, id] of [['frontend', 'ui'], ['backend', 'api'], ['frontend', 'integrate']]) {
      expect(board.find((n) => n.task === id), id).toMatchObject({ from: worker, to: [], topic: 'changes' });
    }
    await waitFor(async () => expect(await server.capture(orchestrator.paneId)).toContain('ORCHESTRATION FINISHED.'), { timeoutMs: 15_000 });
  }, 240_000);

  it('kill -9 of the dispatcher while notes are added and delivered loses none and delivers none twice', async () => {
    // The orchestrator (and the dispatcher its server ran) leaves; the workers stay.
    await server.tmux('kill-session', '-t', 'orchestrator');
    await waitFor(async () => expect(await readFile(stateFile('dispatcher.lock'), 'utf8').catch(() => 'gone')).toBe('gone'), { timeoutMs: 15_000 });
    const add = async (text: string) => {
      const r = await orch(['note', 'add', '--to', 'frontend', '--topic', 'crash', '--', text]);
      expect(r.exitCode, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    const a = await add('Note A: the staging database is read-only.');
    const b = await add('Note B: run the linter before you reply.');
    for (const step of [1, 2, 3]) expect((await orch(['task', 'add', '--id', `s${step}`, 'frontend', `Step ${step}: reply with the step number.`])).exitCode).toBe(0);

    // First kill: right after s1's 'sending' (carrying A and B) is on disk, before it is settled.
    const killWhen = async (run: ResultPromise, seen: (events: Array<Record<string, any>>) => boolean) => {
      await waitFor(async () => {
        if (!seen(await journal())) throw new Error('not yet');
      }, { timeoutMs: 60_000, intervalMs: 2, message: 'the dispatcher never got there' });
      run.kill('SIGKILL');
      await run;
    };
    const first = execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', 'run'], { reject: false, env: { XDG_STATE_HOME: stateHome() } });
    await killWhen(first, (events) => events.some((e) => e.type === 'sending' && e.id === 's1'));
    let events = await journal();
    expect(events.find((e) => e.type === 'sending' && e.id === 's1')!.notes, JSON.stringify(events.slice(-4))).toEqual([a, b]);
    expect(events.some((e) => e.type === 'sent' && e.id === 's1'), JSON.stringify(events.slice(-4))).toBe(false);
    const c = await add('Note C: the design review moved to Thursday.');

    // Second kill: right after a task carrying notes was recorded sent, before it finished.
    const carrying = (evs: Array<Record<string, any>>, note: string) => evs.filter((e) => e.type === 'sending' && e.notes?.includes(note)).map((e) => e.id as string);
    const second = execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', 'run'], { reject: false, env: { XDG_STATE_HOME: stateHome() } });
    await killWhen(second, (evs) => evs.some((e) => e.type === 'sent' && carrying(evs, c).includes(e.id)));
    events = await journal();
    // The second dispatcher first settled the send the first one began (checked, not repeated blindly) ...
    const s1Events = events.filter((e) => e.id === 's1' && e.type !== 'add').map((e) => e.type);
    expect(['unsent', 'sent'], s1Events.join(',')).toContain(s1Events[1]);
    // ... and died with C's task sent but not finished.
    const cTask = carrying(events, c)[0]!;
    expect(events.some((e) => e.type === 'done' && e.id === cTask)).toBe(false);
    const d = await add('Note D: ship it behind a flag.');

    const finish = await orch(['run', '--until-done'], 120_000);
    expect(finish.exitCode, finish.stderr + finish.stdout).toBe(0);
    const t = await tasks();
    for (const id of ['s1', 's2', 's3']) expect(t.get(id)?.state, id).toBe('done');

    // From the frontend's side: each note arrived exactly once, each task once, and a note
    // rode on the task whose settled send the journal says carried it.
    events = await journal();
    const settled = new Map<string, string>();
    for (const e of events) {
      if (e.type !== 'sent') continue;
      const sent = events.slice(0, events.indexOf(e)).reverse().find((x) => x.type === 'sending' && x.id === e.id);
      for (const id of sent?.notes ?? []) settled.set(id, e.id);
    }
    const heads = new Map([[a, 'Note A'], [b, 'Note B'], [c, 'Note C'], [d, 'Note D']]);
    for (const [id, head] of heads) {
      const got = frontendGot(head);
      expect(got.length, `${id} (${head})`).toBe(1);
      expect(`s${/Step (\d+):/.exec(typedNow(got[0]!)!)?.[1]}`, id).toBe(settled.get(id));
    }
    for (const step of [1, 2, 3]) expect(frontendGot(`Step ${step}:`).length, `step ${step}`).toBe(1);
    // And from the board's: none lost, each delivered to the frontend once.
    const board = await notes();
    for (const id of [a, b, c, d]) {
      const note = board.find((n) => n.id === id);
      expect(note?.deliveries.map((x) => x.worker), id).toEqual(['frontend']);
      expect(note?.readBy, id).toContain('frontend');
    }
    expect((await orch(['note', 'ls', '--for', 'frontend', '--unread'])).stdout.trim()).toBe('No notes.');
  }, 240_000);

  it('--now sends a note to an idle worker as a message of its own, and never types into a busy one', async () => {
    const now = await orch(['note', 'add', '--to', 'frontend', '--now', '--', 'Note E: stop for lunch at noon.']);
    expect(now.exitCode, now.stderr).toBe(0);
    const e = now.stdout.split(' ')[0]!;
    expect(now.stdout.trim()).toBe(`${e} Sent ${e} to frontend.`);
    // Sent means Claude took it (its prompt was submitted); its request to the model follows.
    await waitFor(() => expect(frontendGot('Note E').length).toBeGreaterThan(0), { timeoutMs: 15_000 });
    const got = frontendGot('Note E');
    expect(got).toHaveLength(1);
    expect(typedNow(got[0]!)).toBe(`Notes from your team (for your information; no task comes with them):\n- ${e} from you: Note E: stop for lunch at noon.`);

    // Busy: the backend thinks (its answer hangs); a --now note waits, untyped.
    const send = await orch(['send', 'backend', '--', 'Think about it slowly.']);
    expect(send.exitCode, send.stderr).toBe(0);
    await waitFor(async () => expect(JSON.parse((await orch(['ls', '--json'])).stdout).find((w: any) => w.name === 'backend')?.state).toBe('working'));
    const busy = await orch(['note', 'add', '--to', 'backend', '--now', '--', 'Note F: not now.']);
    expect(busy.exitCode, busy.stderr).toBe(0);
    expect(busy.stdout).toMatch(/Not sent to backend: it is working: the notes wait for its next task, or until it is idle\.$/);
    fake.releaseHangs('Thought about it.');
    expect(workerRequests().filter((r) => typedNow(r)?.includes('Note F'))).toEqual([]);
    const f = (await notes()).find((n) => n.text === 'Note F: not now.')!;
    expect(f.readBy).toEqual(['you']);
  }, 120_000);
});
