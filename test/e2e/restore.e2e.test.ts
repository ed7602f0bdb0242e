/**
 * Issue 17's "done when", with real parts: two Claude Code workers made by
 * `orch-tui new` (and a shell) on a private tmux server, against the
 * scripted fake model, each answers a task; a third task is in flight when
 * the whole tmux server is killed, as a reboot would; the built CLI's
 * `restore` brings the workers back and `run` carries the tasks across.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { execa, type ResultPromise } from 'execa';
import { runTmux, startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest, type ScriptedReply } from '../harness/fakeAnthropic.js';
import { claudeArgv, makeClaudeHome, type ClaudeEnv } from '../harness/claudeWorker.js';
import { CLI } from './dashboardPane.js';
import { CONTINUE_TEXT } from '../../src/tasks/carryTasks.js';

let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let state: string;
/** Each Claude's conversation id, as recorded before the kill. */
const conversations: Record<string, string> = {};
const dirs: Record<string, string> = {};

interface TaskRow { id: string; worker: string; state: string; result?: string; reason?: string }
interface Row { id: string; name: string; cwd: string; state: string; source: string; evidence: string }

function orch(args: string[], options: { timeout?: number } = {}) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false, timeout: options.timeout ?? 60_000, env: { XDG_STATE_HOME: state },
  });
}
const agent = claudeArgv().map((w) => `'${w}'`).join(' ');
const envArgs = () => Object.entries({ ...env.env, CLAUDE_CODE_MAX_RETRIES: '0' }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
const tasks = async (): Promise<TaskRow[]> => JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as TaskRow[];
const task = async (id: string): Promise<TaskRow> => (await tasks()).find((t) => t.id === id)!;
const rows = async (): Promise<Row[]> => JSON.parse((await orch(['ls', '--json'])).stdout || '[]') as Row[];
const mainRequests = () => fake.requests.filter((r) => r.kind === 'main');
/** Requests whose newest typed text is exactly `text`. */
const asked = (text: string) => mainRequests().filter((r) => r.lastUserText === text);

const FIRST = { w1: 'w1 first: name a fruit', w2: 'w2 first: name a colour' };
const SLOW = 'w1 slow: count to three';
const AFTER = 'w2 after: use {{result:t3}}';

async function newWorker(name: string, extra: string[]): Promise<void> {
  const made = await orch(['new', name, '--cwd', dirs[name]!, ...extra]);
  expect(made.exitCode, made.stderr).toBe(0);
}
async function idle(name: string): Promise<void> {
  const waited = await orch(['wait', name, '--until', 'idle', '--timeout', '40'], { timeout: 50_000 });
  expect(waited.exitCode, waited.stderr + waited.stdout).toBe(0);
}
async function recordFiles(): Promise<Record<string, string>> {
  const root = path.join(state, 'orch-tui');
  const out: Record<string, string> = {};
  for (const dir of await readdir(root)) {
    const workers = path.join(root, dir, 'workers');
    for (const file of await readdir(workers).catch(() => [] as string[])) out[file] = await readFile(path.join(workers, file), 'utf8');
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  const root = await realpath(await (await import('node:fs/promises')).mkdtemp('/tmp/orch-restore-'));
  for (const name of ['w1', 'w2', 'sh']) {
    dirs[name] = path.join(root, name);
    await mkdir(dirs[name]!);
  }
  env = await makeClaudeHome({ baseUrl: fake.url, cwd: dirs.w1 });
  // Both Claudes' directories are trusted, so neither stops at a first-run question.
  const configFile = path.join(env.home, '.claude.json');
  const config = JSON.parse(await readFile(configFile, 'utf8'));
  config.projects[dirs.w2!] = config.projects[dirs.w1!];
  await writeFile(configFile, JSON.stringify(config, null, 2));
  state = path.join(env.home, 'state');
  fake.setResponder((r): ScriptedReply | undefined => {
    const last = r.lastUserText ?? '';
    if (last === FIRST.w1) return { kind: 'text', text: 'APPLE' };
    if (last === FIRST.w2) return { kind: 'text', text: 'BLUE' };
    if (last === SLOW) return { kind: 'hang' };
    if (last === CONTINUE_TEXT) return { kind: 'text', text: 'ONE TWO THREE' };
    if (last.startsWith('w2 after:')) return { kind: 'text', text: 'USED IT' };
    return undefined;
  });
  await newWorker('w1', ['--agent', agent, ...envArgs()]);
  await newWorker('w2', ['--agent', agent, ...envArgs()]);
  await newWorker('sh', ['--agent', 'bash --norc --noprofile']);
  await idle('w1');
  await idle('w2');
}, 120_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

describe('restore after the tmux server died', () => {
  let dispatcher: ResultPromise | undefined;

  it('each Claude answers a task; a third is in flight, and a fourth waits for it, when the server is killed', async () => {
    expect((await orch(['task', 'add', 'w1', FIRST.w1])).stdout.trim()).toBe('t1');
    expect((await orch(['task', 'add', 'w2', FIRST.w2])).stdout.trim()).toBe('t2');
    const ran = await orch(['run', '--until-done'], { timeout: 90_000 });
    expect(ran.exitCode, ran.stderr + ran.stdout).toBe(0);
    expect((await task('t1')).result).toBe('APPLE');
    expect((await task('t2')).result).toBe('BLUE');

    expect((await orch(['task', 'add', 'w1', SLOW])).stdout.trim()).toBe('t3');
    expect((await orch(['task', 'add', 'w2', AFTER, '--after', 't3'])).stdout.trim()).toBe('t4');
    for (const name of ['w1', 'w2']) conversations[name] = (JSON.parse((await recordFiles())[`${name}.json`]!) as { claudeSessionId: string }).claudeSessionId;
    dispatcher = execa(process.execPath, [CLI, '-L', server.socket, 'run'], { reject: false, env: { XDG_STATE_HOME: state } });
    await fake.waitForRequest((r) => r.kind === 'main' && r.lastUserText === SLOW, 30_000);
    await waitFor(async () => expect((await task('t3')).state).toBe('sent'), { timeoutMs: 15_000 });
    // A reboot: the dispatcher and every pane die at once.
    dispatcher.kill('SIGKILL');
    await dispatcher;
    await server.kill();
    await expect(runTmux(server.socket, ['list-sessions'])).rejects.toThrow();
    await rm(dirs.sh!, { recursive: true, force: true });
  }, 150_000);

  it('restore --dry-run says what it would do and changes nothing', async () => {
    const before = await recordFiles();
    const dry = await orch(['restore', '--dry-run']);
    expect(dry.stdout).toMatch(new RegExp(`^would restore w1 in ${dirs.w1}: resume Claude conversation [0-9a-f-]{36}$`, 'm'));
    expect(dry.stdout).toMatch(new RegExp(`^would restore w2 in ${dirs.w2}: resume Claude conversation [0-9a-f-]{36}$`, 'm'));
    expect(dry.stderr).toContain(`sh was not going to be restored: its directory ${dirs.sh} is gone.`);
    expect(dry.exitCode).toBe(1);
    // No server was started, no record changed.
    await expect(runTmux(server.socket, ['list-sessions'])).rejects.toThrow();
    expect(await recordFiles()).toEqual(before);
  });

  it('restore brings both Claudes back in their directories and names the worker whose directory is gone', async () => {
    const restored = await orch(['restore']);
    console.log(restored.stdout, restored.stderr);
    expect(restored.stdout).toMatch(new RegExp(`^restored w1 \\(%\\d+\\) in ${dirs.w1}: resumed Claude conversation ${conversations.w1}$`, 'm'));
    expect(restored.stdout).toMatch(new RegExp(`^restored w2 \\(%\\d+\\) in ${dirs.w2}: resumed Claude conversation ${conversations.w2}$`, 'm'));
    expect(restored.stdout).toMatch(/^task t3 \(w1\) was in flight: not sent again/m);
    expect(restored.stderr).toBe(`orch-tui: sh was not restored: its directory ${dirs.sh} is gone.`);
    expect(restored.exitCode).toBe(1);
    const listed = await rows();
    expect(listed.find((r) => r.name === 'w1')?.cwd).toBe(dirs.w1);
    expect(listed.find((r) => r.name === 'w2')?.cwd).toBe(dirs.w2);
    expect(listed.map((r) => r.name)).not.toContain('sh');
    await idle('w1');
    await idle('w2');
    // They report to orch-tui as before: their state comes from their own hooks, through a new reports layer.
    for (const name of ['w1', 'w2']) {
      const row = (await rows()).find((r) => r.name === name)!;
      expect(row).toMatchObject({ state: 'idle', source: 'hooks' });
      expect(row.evidence).toMatch(/^hook SessionStart source: "resume"/);
      const record = JSON.parse((await recordFiles())[`${name}.json`]!) as { argv: string[]; claudeSessionId: string; formerServers: unknown[] };
      expect(record.argv.slice(-4)).toEqual(['--resume', record.claudeSessionId, '--settings', expect.stringMatching(/settings\.json$/)]);
      expect(record.argv.filter((w) => w === '--settings')).toHaveLength(1);
      expect(record.formerServers).toHaveLength(1);
    }
    // Again: nothing is made twice.
    const again = await orch(['restore', 'w1', 'w2']);
    expect(again.stdout).toContain('Every recorded worker is running; nothing to restore.');
    expect(again.exitCode).toBe(0);
  }, 90_000);

  it('the in-flight task is carried on, not sent again, and each Claude\'s next request carries its earlier conversation', async () => {
    const ran = await orch(['run', '--until-done'], { timeout: 120_000 });
    expect(ran.exitCode, ran.stderr + ran.stdout).toBe(0);
    expect(ran.stdout).toContain('Task t3 had reached w1 before its server went; it is asked to carry on.');
    expect(await task('t3')).toMatchObject({ state: 'done', result: 'ONE TWO THREE' });
    expect(await task('t4')).toMatchObject({ state: 'done', result: 'USED IT' });
    // Sent once, before the kill; then only the request to carry on.
    expect(asked(SLOW)).toHaveLength(1);
    const [carryOn] = asked(CONTINUE_TEXT) as [RecordedRequest];
    expect(asked(CONTINUE_TEXT)).toHaveLength(1);
    expect(carryOn.userTexts).toEqual([FIRST.w1, SLOW, CONTINUE_TEXT]);
    const [w2Next] = mainRequests().filter((r) => r.lastUserText?.startsWith('w2 after:')) as [RecordedRequest];
    expect(w2Next.lastUserText).toBe('w2 after: use ONE TWO THREE');
    expect(w2Next.userTexts).toEqual([FIRST.w2, 'w2 after: use ONE TWO THREE']);
    // The dispatcher kept the records current from the resumed Claudes' own session files: the same conversations.
    for (const name of ['w1', 'w2']) expect(JSON.parse((await recordFiles())[`${name}.json`]!)).toMatchObject({ claudeSessionId: conversations[name] });
  }, 150_000);
});
