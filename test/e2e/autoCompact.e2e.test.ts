/**
 * Auto-compact with real parts: Claude Code workers started by `orch-tui
 * new` / `up` against the fake model, `orch-tui run` as the dispatcher,
 * killed with SIGKILL mid-way. What counts is what the model received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest } from '../harness/fakeAnthropic.js';
import { unframePaste } from '../harness/claudePaste.js';
import { claudeArgv, makeClaudeHome, type ClaudeEnv } from '../harness/claudeWorker.js';
import { CLI } from './dashboardPane.js';

let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let state: string;

function orch(args: string[], timeout = 90_000) {
  return execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', ...args], {
    reject: false, timeout, env: { XDG_STATE_HOME: state },
  });
}
interface TaskRow {
  id: string; state: string; result?: string; reason?: string;
  compaction?: { state: string; goal: string; percent: number; percentAfter?: number };
}
const tasks = async () => new Map((JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as TaskRow[]).map((t) => [t.id, t]));
const agent = claudeArgv().map((w) => `'${w}'`).join(' ');
const envArgs = () => Object.entries({ ...env.env, CLAUDE_CODE_MAX_RETRIES: '0' }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);

/** The goal a /compact gave the model: the summary request's "Additional Instructions", up to Claude's own reminder after it. */
function summaryGoal(r: RecordedRequest): string | undefined {
  const texts = JSON.stringify(r.body.messages);
  const match = /Additional Instructions:\\n([^"]*)"/.exec(texts);
  return match ? (JSON.parse(`"${match[1]}"`) as string).split('\n\nREMINDER:')[0]!.trim() : undefined;
}
const summaries = () => fake.requests.filter((r) => r.kind === 'summary');
const asked = (text: string) => fake.requests.filter((r) => r.kind === 'main' && unframePaste(r.lastUserText) === text);

/** Fill a worker's context to 150,000 tokens (15 % of its 1M window) and wait until orch-tui reads it. */
async function fill(worker: string, prompt: string) {
  fake.enqueue({ kind: 'text', text: `Read ${prompt}.`, usage: { input_tokens: 1000, cache_read_input_tokens: 149_000 } });
  const sent = await orch(['send', worker, '--when-idle', '--', prompt]);
  expect(sent.exitCode, sent.stderr).toBe(0);
  await waitFor(async () => {
    const row = (JSON.parse((await orch(['ls', '--json'])).stdout) as Array<{ name: string; state: string; context?: { percent?: number } }>).find((r) => r.name === worker);
    expect({ state: row?.state, percent: row?.context?.percent }, `${JSON.stringify(row)}\n${fake.requests.map((r) => `${r.kind} ${r.reply} ${JSON.stringify(r.lastUserText)?.slice(0, 60)}`).join('\n')}`).toEqual({ state: 'idle', percent: 15 });
  }, { timeoutMs: 20_000 });
}

async function journalFile(): Promise<string> {
  const root = path.join(state, 'orch-tui');
  for (const dir of await readdir(root)) if ((await readdir(path.join(root, dir))).includes('tasks.jsonl')) return path.join(root, dir, 'tasks.jsonl');
  throw new Error('no journal');
}

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  state = path.join(env.home, 'state');
  const made = await orch(['new', 'w', '--cwd', env.cwd, '--agent', agent, ...envArgs()]);
  expect(made.exitCode, made.stderr).toBe(0);
  expect((await orch(['wait', 'w', '--until', 'idle', '--timeout', '40'])).exitCode).toBe(0);
}, 90_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

describe('auto-compact', () => {
  it('--compact-at 10: /compact with the task text as its goal, exactly once, before the task, through a kill -9 of the dispatcher', async () => {
    await fill('w', 'the design notes');
    const text = 'Now integrate the login form with the API';
    expect((await orch(['task', 'add', 'w', text])).exitCode).toBe(0);
    // The summary hangs until released: the dispatcher is killed while the worker compacts.
    fake.enqueue({ kind: 'hang' }, { kind: 'text', text: 'Integrated.' });
    const first = orch(['run', '--compact-at', '10']);
    await fake.waitForRequest((r) => r.kind === 'summary', 30_000).catch(async (error: Error) => {
      first.kill('SIGKILL');
      throw new Error(`${error.message}\n${(await first).stdout}\n${(await first).stderr}`);
    });
    await waitFor(async () => expect((await tasks()).get('t1')?.compaction?.state).toBe('sent'), { timeoutMs: 10_000 });
    first.kill('SIGKILL');
    await first;
    expect((await tasks()).get('t1')).toMatchObject({ state: 'queued', compaction: { state: 'sent', goal: text, percent: 15 } });
    const second = orch(['run', '--until-done', '--compact-at', '10']);
    fake.releaseHangs();
    const done = await second;
    expect(done.exitCode, done.stderr + done.stdout).toBe(0);

    expect(summaries()).toHaveLength(1);
    expect(summaryGoal(summaries()[0]!)).toBe(text);
    expect(asked(text)).toHaveLength(1);
    expect(asked(text)[0]!.receivedAt).toBeGreaterThan(summaries()[0]!.receivedAt);
    const t1 = (await tasks()).get('t1')!;
    expect(t1).toMatchObject({ state: 'done', result: 'Integrated.', compaction: { state: 'done', goal: text, percent: 15 } });
    const status = await orch(['status']);
    expect(status.stdout).toContain('🗜 Compacted before t1 at 15%');
  }, 180_000);

  it('a dispatcher killed after journaling the /compact but before pasting it: sent then, once', async () => {
    await fill('w', 'the test plan');
    const text = 'Now write the integration tests';
    expect((await orch(['task', 'add', 'w', text])).exitCode).toBe(0);
    const paneId = (JSON.parse((await orch(['ls', '--json'])).stdout) as Array<{ name: string; id: string }>).find((r) => r.name === 'w')!.id;
    // What a kill -9 right after the journal write leaves behind.
    await appendFile(await journalFile(), `${JSON.stringify({ type: 'compact', at: Date.now(), id: 't2', paneId, goal: text, percent: 15 })}\n`);
    const before = summaries().length;
    fake.enqueue({ kind: 'text', text: '<summary>the plan</summary>' }, { kind: 'text', text: 'Tests written.' });
    const run = await orch(['run', '--until-done', '--compact-at', '10']);
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).not.toContain('had reached');
    expect(summaries().slice(before)).toHaveLength(1);
    expect(summaryGoal(summaries().at(-1)!)).toBe(text);
    expect(asked(text)).toHaveLength(1);
    expect(asked(text)[0]!.receivedAt).toBeGreaterThan(summaries().at(-1)!.receivedAt);
    expect((await tasks()).get('t2')).toMatchObject({ state: 'done', compaction: { state: 'done' } });
  }, 120_000);

  it('below the policy, or without one, nothing is compacted', async () => {
    await fill('w', 'the changelog');
    const before = summaries().length;
    fake.enqueue({ kind: 'text', text: 'ok 3' });
    expect((await orch(['task', 'add', 'w', 'third task', '--id', 't3'])).exitCode).toBe(0);
    expect((await orch(['run', '--until-done', '--compact-at', '50'])).exitCode).toBe(0);
    await fill('w', 'the changelog again');
    fake.enqueue({ kind: 'text', text: 'ok 4' });
    expect((await orch(['task', 'add', 'w', 'fourth task', '--id', 't4'])).exitCode).toBe(0);
    expect((await orch(['run', '--until-done'])).exitCode).toBe(0);
    expect(summaries().length).toBe(before);
    expect((await tasks()).get('t4')).toMatchObject({ state: 'done' });
    expect((await tasks()).get('t4')?.compaction).toBeUndefined();
  }, 120_000);

  it('compact --if-above: only above the threshold; a context it cannot read is an error', async () => {
    await fill('w', 'the release notes');
    const before = summaries().length;
    const below = await orch(['compact', 'w', '--if-above', '50', 'keep the notes']);
    expect(below.exitCode, below.stderr).toBe(0);
    expect(below.stdout).toBe("w's context is 15% full, not above 50%: not compacted.");
    fake.enqueue({ kind: 'text', text: '<summary>notes</summary>' });
    const above = await orch(['compact', 'w', '--if-above', '10', 'keep the notes']);
    expect(above.exitCode, above.stderr).toBe(0);
    await fake.waitForRequest((r) => r.kind === 'summary' && summaries().indexOf(r) >= before, 15_000);
    expect(summaries().length).toBe(before + 1);
    expect(summaryGoal(summaries().at(-1)!)).toBe('keep the notes');
    expect((await orch(['new', 'sh', '--agent', 'sleep 100000'])).exitCode).toBe(0);
    const unknown = await orch(['compact', 'sh', '--if-above', '10']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toBe("orch-tui: sh does not say how full its context is (no status line of orch-tui's, no transcript of a model whose window is known); nothing was sent.");
  }, 60_000);

  it("a team file's compact_at and compact_goal: compacted before the worker's next task, with that goal", async () => {
    const file = path.join(env.home, 'orch.yaml');
    await writeFile(file, [
      'defaults:',
      `  cwd: ${env.cwd}`,
      `  agent: ${JSON.stringify(agent)}`,
      `  env: ${JSON.stringify({ ...env.env, CLAUDE_CODE_MAX_RETRIES: '0' })}`,
      'workers:',
      '  docs:',
      '    compact_at: 10',
      '    compact_goal: Keep only the API reference',
      'tasks:',
      '  - { id: read, worker: docs, text: Read the whole manual }',
      '  - { id: write, worker: docs, text: Write the API reference, after: read }',
      '',
    ].join('\n'));
    const before = summaries().length;
    let run: Awaited<ReturnType<typeof orch>> | undefined;
    fake.setResponder((r) => {
      const last = unframePaste(r.lastUserText);
      if (r.kind === 'main' && last === 'Read the whole manual') return { kind: 'text', text: 'Read it.', usage: { input_tokens: 1000, cache_read_input_tokens: 249_000 } };
      if (r.kind === 'main' && last === 'Write the API reference') return { kind: 'text', text: 'Written.' };
      if (r.kind === 'summary') return { kind: 'text', text: '<analysis>a</analysis>\n<summary>The API reference.</summary>' };
      return undefined;
    });
    try {
      const up = await orch(['up', '-f', file]);
      expect(up.exitCode, up.stderr).toBe(0);
      run = await orch(['run', '--until-done'], 120_000);
      expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    } finally {
      fake.setResponder(undefined);
    }
    expect(summaries().slice(before).map(summaryGoal), `${run?.stdout}\n${JSON.stringify([...(await tasks()).values()])}`).toEqual(['Keep only the API reference']);
    expect((await tasks()).get('write')).toMatchObject({ state: 'done', result: 'Written.', compaction: { state: 'done', percent: 25 } });
    expect(asked('Write the API reference')[0]!.receivedAt).toBeGreaterThan(summaries().at(-1)!.receivedAt);
  }, 150_000);
});
