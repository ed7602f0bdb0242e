/** What restore decides for each recorded worker, and the records themselves: pure parts and files, no tmux. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planRestore, withoutConversationFlags, type RestoreWorld } from '../../src/restore/planRestore.js';
import { loadWorkerRecords, saveWorkerRecord, updateWorkerRecord, workerRecordFile, type WorkerRecord } from '../../src/reports/workerRecord.js';
import type { ServerLife } from '../../src/tasks/taskTypes.js';

const old: ServerLife = { pid: 10, startedAt: 1_700_000_000 };
const now: ServerLife = { pid: 20, startedAt: 1_800_000_000 };
const env = { XDG_STATE_HOME: '/state', HOME: '/home/u' };
const ours = '/state/orch-tui/reports/0b7c1f3e-1111-4222-8333-444455556666/settings.json';
const record = (over: Partial<WorkerRecord> = {}): WorkerRecord => ({
  name: 'api', paneId: '%3', session: 'api', cwd: '/src/api', createdAt: 1, server: old,
  argv: ['claude', '--model', 'opus', '--session-id', 'c0ffee00-0000-4000-8000-000000000001', '--settings', ours],
  claudeSessionId: 'c0ffee00-0000-4000-8000-000000000001', ...over,
});
const world = (over: Partial<RestoreWorld> = {}): RestoreWorld => ({
  life: now, sessions: new Set(), panes: new Set(), isDirectory: (dir) => dir.startsWith('/src/'), hasConversation: () => true, ...over,
});

describe('planRestore', () => {
  it('a Claude resumes its conversation: its own flags kept, orch-tui\'s settings layer and conversation flags replaced', () => {
    const [step] = planRestore([record()], world(), env);
    expect(step).toEqual({ kind: 'restore', record: record(), argv: ['claude', '--model', 'opus', '--resume', 'c0ffee00-0000-4000-8000-000000000001'], conversation: 'c0ffee00-0000-4000-8000-000000000001' });
  });

  it('a Claude whose conversation Claude no longer keeps starts afresh with the same id, and says so', () => {
    const [step] = planRestore([record()], world({ hasConversation: () => false }), env);
    expect(step).toMatchObject({ kind: 'restore', argv: ['claude', '--model', 'opus', '--session-id', 'c0ffee00-0000-4000-8000-000000000001'], fresh: expect.stringContaining('no conversation') });
  });

  it('any other program starts fresh, and says so', () => {
    const [step] = planRestore([record({ argv: ['env', 'bash', '--norc'], claudeSessionId: undefined })], world(), env);
    expect(step).toEqual(expect.objectContaining({ kind: 'restore', argv: ['env', 'bash', '--norc'], fresh: 'bash keeps no conversation orch-tui can resume' }));
  });

  it.each<[string, Partial<WorkerRecord>, Partial<RestoreWorld>, RegExp]>([
    ['its directory is gone', { cwd: '/gone/api' }, {}, /^its directory \/gone\/api is gone$/],
    ['its worktree is gone', { worktree: { path: '/gone/repo-api', branch: 'orch/api' } }, {}, /^its worktree \/gone\/repo-api \(branch orch\/api\) is gone$/],
    ['another session holds its name', {}, { sessions: new Set(['api']) }, /^a session named api already runs on this server/],
    ['it shared a session with other panes', { name: 'mixed:0.1', session: 'mixed' }, {}, /^it was a pane of session mixed among others/],
  ])('not made again when %s, with the reason', (_what, over, worldOver, reason) => {
    const [step] = planRestore([record(over)], world(worldOver), env);
    expect(step?.kind).toBe('blocked');
    expect(step?.kind === 'blocked' && step.reason).toMatch(reason);
  });

  it('a worker running on this server is left; one that ended on it is made again only when named', () => {
    const running = record({ server: now });
    expect(planRestore([running], world({ panes: new Set(['%3']) }), env)[0]?.kind).toBe('running');
    expect(planRestore([running], world(), env)[0]?.kind).toBe('ended');
    expect(planRestore([running], world({ named: new Set(['api']) }), env)[0]?.kind).toBe('restore');
    // Its program exited and its pane is kept: not running, and not made again over it.
    expect(planRestore([running], world({ panes: new Set(['%3']), deadPanes: new Set(['%3']) }), env)[0]?.kind).toBe('exited');
  });

  it('with no server at all, every recorded worker is missing', () => {
    expect(planRestore([record(), record({ name: 'ui', session: 'ui' })], world({ life: undefined }), env).map((s) => s.kind)).toEqual(['restore', 'restore']);
  });
});

describe('withoutConversationFlags', () => {
  it('takes out --resume/-r, --continue/-c, --session-id=, --fork-session and only orch-tui\'s own --settings', () => {
    expect(withoutConversationFlags(['env', 'A=1', 'claude', '-c', '-r', 'x', '--session-id=y', '--fork-session', '--settings', ours, '--settings', '/mine.json', 'hello'], env))
      .toEqual(['env', 'A=1', 'claude', '--settings', '/mine.json', 'hello']);
    expect(withoutConversationFlags(['bash', '-c', 'x'], env)).toEqual(['bash', '-c', 'x']);
  });
});

describe('worker records on disk', () => {
  it('are owner-only; a broken one is named with its reason and the others load; a rename moves the file', async () => {
    const stateHome = await mkdtemp(path.join(tmpdir(), 'orch-records-'));
    const files = { XDG_STATE_HOME: stateHome };
    const server = { socketName: 'records-test' };
    await saveWorkerRecord(server, record(), files);
    await saveWorkerRecord(server, record({ name: 'ui', session: 'ui' }), files);
    expect((await stat(workerRecordFile(server, 'api', files))).mode & 0o777).toBe(0o600);
    const broken = path.join(path.dirname(workerRecordFile(server, 'api', files)), 'torn.json');
    await writeFile(broken, '{"name": "torn", "cw');
    const loaded = await loadWorkerRecords(server, files);
    expect(loaded.records.map((r) => r.name)).toEqual(['api', 'ui']);
    expect(loaded.broken).toEqual([{ file: broken, reason: 'it is not JSON' }]);
    await updateWorkerRecord(server, 'ui', (r) => ({ ...r, name: 'frontend', session: 'frontend' }), files);
    expect((await loadWorkerRecords(server, files)).records.map((r) => r.name)).toEqual(['api', 'frontend']);
    expect(JSON.parse(await readFile(workerRecordFile(server, 'frontend', files), 'utf8'))).toMatchObject({ name: 'frontend', cwd: '/src/api' });
  });
});
