import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { parseDocument } from 'yaml';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../harness/fakeAnthropic.js';
import { unframePaste } from '../harness/claudePaste.js';
import { claudeArgv, makeClaudeHome, type ClaudeEnv } from '../harness/claudeWorker.js';

/**
 * The "done when": the seed's auth example, run from `orch-tui up`
 * with real Claude Code workers on the fake model, surviving a kill -9 of
 * the dispatcher midway.
 */
const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let teamFile: string;

function orch(args: string[], timeout = 60_000) {
  return execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', ...args], {
    reject: false, timeout, env: { XDG_STATE_HOME: path.join(env.home, 'state') },
  });
}

interface TaskRow { id: string; state: string; worker: string; text: string; result?: string; sentText?: string; times: { sent?: number; finished?: number } }
const tasks = async () => JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as TaskRow[];
const byId = async () => new Map((await tasks()).map((t) => [t.id, t]));

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  // The README's example file, pointed at the fake model: the same workers
  // and tasks, with Claude's command and environment for this machine.
  const doc = parseDocument(await readFile(path.resolve('examples/auth/orch.yaml'), 'utf8'));
  doc.setIn(['defaults', 'cwd'], env.cwd);
  doc.setIn(['defaults', 'agent'], claudeArgv().map((w) => `'${w}'`).join(' '));
  doc.setIn(['defaults', 'env'], env.env);
  teamFile = path.join(env.home, 'orch.yaml');
  await writeFile(teamFile, doc.toString());
}, 60_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

describe('the seed auth example from orch-tui up', () => {
  it('creates the three workers and queues the four tasks', async () => {
    const up = await orch(['up', '-f', teamFile, '--json']);
    expect(up.exitCode, up.stderr).toBe(0);
    const ls = JSON.parse((await orch(['ls', '--json'])).stdout) as Array<{ name: string }>;
    expect(ls.map((w) => w.name).filter((n) => ['backend', 'frontend', 'tests'].includes(n)).sort()).toEqual(['backend', 'frontend', 'tests']);
    expect([...(await byId()).keys()].sort()).toEqual(['api', 'integrate', 'tests', 'ui']);
    // Running it again creates and queues nothing more.
    const again = await orch(['up', '-f', teamFile, '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect((await tasks()).length).toBe(4);
  }, 60_000);

  it('runs to 100% through a kill -9 of the dispatcher midway', async () => {
    // The first two answers hang until released: backend and frontend are
    // both at work when the dispatcher is killed, on any machine.
    fake.enqueue(
      { kind: 'hang' },
      { kind: 'hang' },
      { kind: 'text', text: 'Wired the form to POST /auth/login.', delayMs: 300, chunks: 4 },
      { kind: 'text', text: 'Integration tests written.', delayMs: 300, chunks: 4 },
    );
    const first = execa(process.execPath, [CLI, '-L', server.socket, '--interval', '200', 'run'], {
      reject: false, env: { XDG_STATE_HOME: path.join(env.home, 'state') },
    });
    // Midway: both parallel tasks sent, nothing done yet.
    await waitFor(async () => {
      const t = await byId();
      const states = ['api', 'ui'].map((id) => t.get(id)?.state).join(',');
      expect(states).toBe('sent,sent');
    }, { timeoutMs: 60_000, intervalMs: 100 }).catch(async (error: Error) => {
      first.kill('SIGKILL');
      throw new Error(`${error.message}\n${JSON.stringify(await tasks(), null, 1)}\n${(await first).stdout}`);
    });
    first.kill('SIGKILL');
    await first;
    // 'sent' says Claude took the prompt (its UserPromptSubmit hook), not that its
    // request has reached the model: on a slow machine it may come a moment later,
    // after releaseHangs, take the second 'hang' and never end. Both must hang here.
    await waitFor(() => {
      expect(fake.requests.filter((r) => r.kind === 'main' && r.reply === 'hang').length).toBe(2);
    }, { timeoutMs: 30_000, intervalMs: 50 });
    const finishing = orch(['run', '--until-done'], 150_000);
    fake.releaseHangs('SIGNATURES: Login(user, pass string) (Token, error); POST /auth/login');
    const finish = await finishing;
    expect(finish.exitCode, finish.stderr + finish.stdout).toBe(0);

    const t = await byId();
    for (const id of ['api', 'ui', 'integrate', 'tests']) expect(t.get(id)?.state, id).toBe('done');
    const api = t.get('api')!;
    const ui = t.get('ui')!;
    const integrate = t.get('integrate')!;
    const testsTask = t.get('tests')!;
    // Backend and frontend in parallel: each was sent before the other finished.
    expect(api.times.sent!).toBeLessThan(ui.times.finished!);
    expect(ui.times.sent!).toBeLessThan(api.times.finished!);
    // The test worker starts only after both sides are done.
    expect(testsTask.times.sent!).toBeGreaterThan(Math.max(api.times.finished!, integrate.times.finished!));
    // The frontend receives the backend's result.
    expect(api.result).toBe('SIGNATURES: Login(user, pass string) (Token, error); POST /auth/login');
    const integrateRequest = fake.requests.find((r) => r.kind === 'main' && unframePaste(r.lastUserText)?.includes('Connect the login component'));
    expect(unframePaste(integrateRequest?.lastUserText)).toContain(api.result!);
    // No task was sent twice, through the kill.
    for (const task of [api, ui, integrate, testsTask]) {
      const head = (task.sentText ?? task.text).slice(0, 40);
      expect(fake.requests.filter((r) => r.kind === 'main' && unframePaste(r.lastUserText)?.startsWith(head)).length, task.id).toBe(1);
    }
    const status = await orch(['status', '--json']);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).overallPercent).toBe(100);
    const text = await orch(['status']);
    expect(text.stdout).toMatch(/Overall progress: 100% complete/);
  }, 240_000);

  it('down kills only the workers the file created', async () => {
    await server.tmux('new-session', '-d', '-s', 'bystander', '--', 'sleep', '100000');
    const refused = await orch(['down', '-f', teamFile]);
    expect(refused.exitCode).toBe(1);
    const down = await orch(['down', '-f', teamFile, '--yes']);
    expect(down.exitCode, down.stderr).toBe(0);
    const names = (await server.tmux('list-sessions', '-F', '#{session_name}')).split('\n');
    expect(names).toContain('bystander');
    for (const gone of ['backend', 'frontend', 'tests']) expect(names).not.toContain(gone);
  }, 30_000);
});
