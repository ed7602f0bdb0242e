/**
 * A worker's record, where restore (issue 17) finds a Claude's
 * conversation: `<state dir>/<server key>/workers/<name>.json`, and the
 * session id its hooks last named.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { currentConversationId, latestSessionId, loadWorkerRecord, saveWorkerRecord, workerRecordFile, type WorkerRecord } from '../../src/reports/workerRecord.js';
import { parseHookLog } from '../../src/reports/hookEvents.js';

const RECORDED = readFileSync(new URL('../fixtures/claude/2.1.328/hook-events.jsonl', import.meta.url), 'utf8');
const STARTED_AS = 'd25a358b-d044-4806-a905-9148d718817b';
const server = { socketName: 'orch-test-record' };

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'orch-record-'));
  env = { XDG_STATE_HOME: home };
});
afterEach(async () => rm(home, { recursive: true, force: true }));

const record = (extra: Partial<WorkerRecord> = {}): WorkerRecord => ({
  name: 'w', paneId: '%3', cwd: '/work/x', argv: ['claude', '--session-id', STARTED_AS], claudeSessionId: STARTED_AS, createdAt: 1, ...extra,
});

describe('the worker record', () => {
  it('is kept per server and name, owner-only, with the environment orch-tui set', async () => {
    await saveWorkerRecord(server, record({ env: { A: '1' } }), env);
    const file = workerRecordFile(server, 'w', env);
    expect(file.startsWith(path.join(home, 'orch-tui'))).toBe(true);
    expect(file.endsWith(path.join('workers', 'w.json'))).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadWorkerRecord(server, 'w', env)).toEqual({ ...record({ env: { A: '1' } }), updatedAt: expect.any(Number) });
    expect(await loadWorkerRecord(server, 'other', env)).toBeUndefined();
  });
});

describe('the conversation a Claude is in now', () => {
  it('every recorded hook event names it (a /compact keeps it)', () => {
    expect(parseHookLog(RECORDED).every((e) => e.sessionId === STARTED_AS)).toBe(true);
    expect(latestSessionId(parseHookLog(RECORDED))).toBe(STARTED_AS);
    expect(latestSessionId([])).toBeUndefined();
  });

  it('the latest event\'s session id (a /clear starts another), else the one it was started with', async () => {
    const reportDir = path.join(home, 'reports', 'r1');
    await mkdir(reportDir, { recursive: true });
    expect(await currentConversationId(record({ reportDir }))).toBe(STARTED_AS);
    await writeFile(path.join(reportDir, 'events.jsonl'), RECORDED);
    expect(await currentConversationId(record({ reportDir, claudeSessionId: 'other' }))).toBe(STARTED_AS);
    await appendFile(path.join(reportDir, 'events.jsonl'), `${JSON.stringify({ at: 2, event: { session_id: 'after-clear', hook_event_name: 'SessionStart', source: 'clear' } })}\n`);
    expect(await currentConversationId(record({ reportDir }))).toBe('after-clear');
    expect(await currentConversationId(record({ reportDir: path.join(home, 'gone') }))).toBe(STARTED_AS);
    expect(await currentConversationId(record({ claudeSessionId: undefined }))).toBeUndefined();
  });
});
