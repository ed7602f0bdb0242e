import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { appendFile, readFile } from 'node:fs/promises';
import { execa, type ResultPromise } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../harness/fakeAnthropic.js';
import { makeClaudeHome, startClaudeInTmux, type ClaudeEnv } from '../harness/claudeWorker.js';

const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let stateHome: string;

function orch(args: string[]) {
  return execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', ...args], {
    reject: false,
    env: { XDG_STATE_HOME: stateHome },
  });
}

function startRun(): ResultPromise {
  return execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', 'run'], {
    reject: false,
    env: { XDG_STATE_HOME: stateHome },
  });
}

interface TaskRow { id: string; state: string; worker: string; result?: string; reason?: string }
async function tasks(): Promise<TaskRow[]> {
  const out = await orch(['task', 'ls', '--json']);
  return JSON.parse(out.stdout) as TaskRow[];
}
const received = (text: string) => fake.requests.filter((r) => r.kind === 'main' && r.lastUserText === text).length;

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  stateHome = path.join(env.home, 'state');
  await Promise.all([
    startClaudeInTmux({ socket: server.socket, env, name: 'backend', remainOnExit: true }),
    startClaudeInTmux({ socket: server.socket, env, name: 'frontend', remainOnExit: true }),
  ]);
}, 90_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

describe('the task queue with real Claude Code workers', () => {
  it('sends a dependent task only after its dependency is done, with the result passed on', async () => {
    fake.enqueue({ kind: 'text', text: 'SIGNATURES: login(user, pass) -> Token; refresh(token) -> Token' });
    const a = await orch(['task', 'add', 'backend', 'write the auth API and reply with its signatures']);
    expect(a.exitCode, a.stderr).toBe(0);
    const api = a.stdout.trim();
    const b = await orch(['task', 'add', 'frontend', 'build the login form against: {{result:' + api + '}}', '--after', api]);
    expect(b.exitCode, b.stderr).toBe(0);
    const ui = b.stdout.trim();
    const run = await execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', 'run', '--until-done'], {
      reject: false, env: { XDG_STATE_HOME: stateHome }, timeout: 60_000,
    });
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const rows = await tasks();
    expect(rows.find((t) => t.id === api)).toMatchObject({ state: 'done', result: 'SIGNATURES: login(user, pass) -> Token; refresh(token) -> Token' });
    expect(rows.find((t) => t.id === ui)?.state).toBe('done');
    const uiRequest = fake.requests.find((r) => r.kind === 'main' && r.lastUserText?.startsWith('build the login form'));
    expect(uiRequest?.lastUserText).toBe('build the login form against: SIGNATURES: login(user, pass) -> Token; refresh(token) -> Token');
    // The dependent request came after the dependency's answer.
    const apiRequest = fake.requests.find((r) => r.lastUserText === 'write the auth API and reply with its signatures')!;
    expect(uiRequest!.receivedAt).toBeGreaterThan(apiRequest.receivedAt);
  }, 90_000);

  it('refuses a second dispatcher, naming the first', async () => {
    const first = startRun();
    // Wait until the first one holds the lock, so the second cannot win the race.
    const lock = path.join(stateHome, 'orch-tui', await readdirOne(path.join(stateHome, 'orch-tui')), 'dispatcher.lock');
    await waitFor(async () => expect(JSON.parse(await readFile(lock, 'utf8')).pid).toBe(first.pid), { timeoutMs: 15_000 });
    const second = await orch(['run', '--once']);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`already dispatched by orch-tui run \\(pid ${first.pid}`));
    first.kill('SIGTERM');
    await first;
  }, 30_000);

  it('survives kill -9 of the dispatcher at several points: no task lost, none sent twice', async () => {
    const journal = path.join(stateHome, 'orch-tui', await readdirOne(path.join(stateHome, 'orch-tui')), 'tasks.jsonl');
    const texts = ['step one: slow', 'step two: slow', 'step three: slow'];
    for (let i = 0; i < texts.length; i++) fake.enqueue({ kind: 'text', text: `answer ${i + 1}`, delayMs: 400, chunks: 4 });
    let previous = '';
    for (const text of texts) {
      const added = await orch(['task', 'add', 'backend', text, ...(previous ? ['--after', previous] : [])]);
      previous = added.stdout.trim();
    }
    // Kill points: right after a send is journaled as begun, and while a sent task is being worked on.
    for (const marker of ['"type":"sending"', '"type":"sent"', '"type":"sending"']) {
      const run = startRun();
      const before = (await readFile(journal, 'utf8')).split(marker).length;
      await waitFor(async () => expect((await readFile(journal, 'utf8')).split(marker).length).toBeGreaterThan(before), {
        timeoutMs: 30_000, intervalMs: 20,
      });
      run.kill('SIGKILL');
      await run;
    }
    const finish = await execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', 'run', '--until-done'], {
      reject: false, env: { XDG_STATE_HOME: stateHome }, timeout: 90_000,
    });
    expect(finish.exitCode, finish.stderr).toBe(0);
    const rows = (await tasks()) as Array<TaskRow & { text: string }>;
    for (const text of texts) {
      expect(received(text), text).toBe(1);
      expect(rows.find((t) => t.text === text)?.state, text).toBe('done');
    }
  }, 180_000);

  it('reports a corrupt last journal line and goes on', async () => {
    const journal = path.join(stateHome, 'orch-tui', await readdirOne(path.join(stateHome, 'orch-tui')), 'tasks.jsonl');
    await appendFile(journal, '{"type":"add","id":"t99","wor');
    const out = await orch(['task', 'ls', '--json']);
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toMatch(/journal line \d+ is unreadable and was skipped/);
    expect((JSON.parse(out.stdout) as TaskRow[]).length).toBeGreaterThan(0);
    await appendFile(journal, '\n');
    const added = await orch(['task', 'add', 'frontend', 'after the torn line']);
    expect(added.exitCode, added.stderr).toBe(0);
    expect((await tasks()).some((t) => t.id === added.stdout.trim())).toBe(true);
  }, 30_000);
});

async function readdirOne(dir: string): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const entries = (await readdir(dir)).filter((e) => e.startsWith('orch-test'));
  if (entries.length !== 1) throw new Error(`expected one server dir in ${dir}, found ${entries.join(', ')}`);
  return entries[0]!;
}
