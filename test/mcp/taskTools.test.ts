/**
 * The task tools of `orch-tui mcp` through a real MCP client, against shells
 * in a real tmux server: the server queues, dispatches (it runs the task
 * engine itself), passes results on, waits, and reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { serverKey } from '../../src/stateDir.js';
import { orchCli, startOrchMcp, type OrchMcp } from './mcpClient.js';

let server: TestServer;
let dir: string;
let mcp: OrchMcp;
const serverDir = () => path.join(dir, 'state', 'orch-tui', serverKey({ socketName: server.socket }));

const shell = (name: string) =>
  server.tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '20', '--', 'env', 'PS1=', 'bash', '--norc', '--noprofile');

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'orch-mcp-tasks-'));
  await Promise.all([shell('shA'), shell('shB')]);
  await server.tmux('new-session', '-d', '-s', 'asker', '-x', '100', '-y', '20', '--', 'sh', '-c', 'printf "Overwrite it? [y/N] "; read a; sleep 100000');
  const person = { socket: server.socket, stateHome: path.join(dir, 'state') };
  for (const name of ['shA', 'shB', 'asker']) expect((await orchCli(person, ['adopt', name, '--accepts-commands'])).exitCode).toBe(0);
  mcp = await startOrchMcp({ ...person, extraArgs: ['--interval', '200'] });
}, 60_000);

afterAll(async () => {
  await mcp?.close();
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('orch-tui mcp: the task tools', () => {
  it('add_task queues with after; unknown dependencies and repeated ids are handled', async () => {
    expect(await mcp.data('add_task', { id: 't1', worker: 'shA', text: 'sleep 6; echo ONE-$((40+2))' })).toMatchObject({ id: 't1', added: true });
    expect(await mcp.data('add_task', { id: 't2', worker: 'shB', text: 'echo TWO-{{result:t1}}', after: ['t1'] })).toMatchObject({ id: 't2', added: true });
    expect(await mcp.data('add_task', { id: 't1', worker: 'shA', text: 'again' })).toMatchObject({ id: 't1', added: false });
    expect(await mcp.error('add_task', { worker: 'shA', text: 'x', after: ['zz'] })).toBe('No task zz to wait for (see list_tasks).');
    expect(await mcp.error('add_task', { worker: 'nobody', text: 'x' })).toBe('No worker named "nobody" (see list_workers); create it first with create_worker, then queue its tasks.');
    expect(await mcp.error('add_task', { worker: 'shB', text: 'echo {{result:t1}}' })).toMatch(/^\{\{result:t1\}\} names t1, which this task does not wait for/);
    const listed = await mcp.data('list_tasks');
    expect(listed.tasks.map((t: any) => [t.id, t.worker, t.after])).toEqual([['t1', 'shA', []], ['t2', 'shB', ['t1']]]);
    expect(listed.tasks.find((t: any) => t.id === 't2').state).toBe('queued');
  });

  it('dispatches them itself, in order, each once, passing the result on; wait_for_tasks returns them done', async () => {
    const waited = await mcp.data('wait_for_tasks', { ids: ['t1', 't2'], timeout_seconds: 90 });
    expect(waited.timedOut).toBe(false);
    const [t1, t2] = waited.tasks;
    expect([t1.state, t2.state]).toEqual(['done', 'done']);
    expect(t1.result).toBe('ONE-42');
    expect(t2.result).toBe('TWO-ONE-42');
    expect(t2.times.sent).toBeGreaterThanOrEqual(t1.times.finished);
    const journal = (await readFile(path.join(serverDir(), 'tasks.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    for (const id of ['t1', 't2']) expect(journal.filter((e: any) => e.type === 'sending' && e.id === id)).toHaveLength(1);
    // With nothing left open, the dispatcher lock is given back (a dashboard may take it).
    await waitFor(async () => expect(await stat(path.join(serverDir(), 'dispatcher.lock')).catch(() => 'gone')).toBe('gone'));
    expect(await mcp.error('wait_for_tasks', { ids: ['t1', 'nope'] })).toBe('No task nope (see list_tasks).');
  }, 120_000);

  it('wait_for_tasks reports progress while it waits', async () => {
    await mcp.data('add_task', { id: 'slow', worker: 'shA', text: 'sleep 7; echo SLOW-DONE' });
    const progress: string[] = [];
    const r = await mcp.call('wait_for_tasks', { ids: ['slow'], timeout_seconds: 60 }, (p) => progress.push(p.message ?? ''));
    expect(r.isError).toBeFalsy();
    expect((r.structuredContent as any).tasks[0]).toMatchObject({ id: 'slow', state: 'done', result: 'SLOW-DONE' });
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toBe('waiting for slow');
  }, 90_000);

  it('status_report: the report in the seed format, as text and data', async () => {
    const report = await mcp.data('status_report');
    expect(report.overallPercent).toBe(100);
    expect(report.text).toMatch(/^🎯 Orchestration Status\n/);
    expect(report.text).toContain('shA (idle):\n  ✅ sleep 6; echo ONE-$((40+2))');
    expect(report.text).toContain('Overall progress: 100% complete');
    expect(report.workers.map((w: any) => w.name)).toEqual(expect.arrayContaining(['shA', 'shB', 'asker']));
  });

  it('wait_for_tasks returns early, with the attention list, when a task\'s worker asks something', async () => {
    await mcp.data('add_task', { id: 'stuck', worker: 'asker', text: 'never sent: it waits at a question' });
    const started = Date.now();
    const waited = await mcp.data('wait_for_tasks', { ids: ['stuck'], timeout_seconds: 60 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(waited).toMatchObject({ timedOut: false, stoppedBecause: 'asker asks: Overwrite it? [y/N]' });
    expect(waited.tasks[0].state).toBe('queued');
    expect(waited.attention).toEqual([{ worker: 'asker', id: expect.stringMatching(/^%\d+$/), kind: 'waiting', text: 'asker asks: Overwrite it? [y/N]' }]);
  });

  it('when its client goes away, the server ends and gives the dispatcher lock back', async () => {
    // The 'stuck' task is still open, so the server holds the lock now.
    const lock = path.join(serverDir(), 'dispatcher.lock');
    await waitFor(async () => expect(JSON.parse(await readFile(lock, 'utf8')).what).toMatch(/^orch-tui mcp/));
    await mcp.close();
    await waitFor(async () => expect(await stat(lock).catch(() => 'gone')).toBe('gone'));
  });
});
