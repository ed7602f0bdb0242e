/** Tasks across the gap: what the dispatcher decides for a task of a server that is gone, from a restored worker's transcript. */
import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CarryAcross } from '../../src/tasks/carryTasks.js';
import { applyEvent, replay, type TaskBook } from '../../src/tasks/replayTasks.js';
import type { ObservedWorker } from '../../src/tasks/observeWorkers.js';
import type { WorkerRecord } from '../../src/reports/workerRecord.js';
import type { TmuxAdapter } from '../../src/tmux/tmuxAdapter.js';
import type { JournalEvent, ServerLife } from '../../src/tasks/taskTypes.js';

const old: ServerLife = { pid: 10, startedAt: 1_700_000_000 };
const now: ServerLife = { pid: 20, startedAt: 1_800_000_000 };
const record = (over: Partial<WorkerRecord> = {}): WorkerRecord =>
  ({ name: 'w', paneId: '%1', cwd: '/x', argv: ['claude'], createdAt: 1, server: now, formerServers: [old], ...over });
const user = (text: string) => JSON.stringify({ type: 'user', message: { role: 'user', content: text } });
const answer = (text: string, stop: string | null = 'end_turn') =>
  JSON.stringify({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text }], stop_reason: stop } });

/** A restored Claude whose transcript holds these lines. */
async function claudeWith(lines: string[]): Promise<ObservedWorker> {
  const configDir = await mkdtemp(path.join(tmpdir(), 'orch-carry-'));
  await mkdir(path.join(configDir, 'projects', '-x'), { recursive: true });
  await writeFile(path.join(configDir, 'projects', '-x', 'sid.jsonl'), lines.join('\n') + '\n');
  return {
    name: 'w', pane: { paneId: '%1' }, lines: [],
    seen: { kind: 'claude', decision: { state: 'idle' }, session: { configDir, file: { sessionId: 'sid' } }, report: { events: [] }, live: true },
  } as unknown as ObservedWorker;
}
const shell = { name: 'w', pane: { paneId: '%1' }, lines: [], seen: { kind: 'generic', decision: { state: 'idle' }, session: undefined, live: true } } as unknown as ObservedWorker;

/** The book after `events`, and what one round of carrying decides with these records and this worker. */
async function carry(events: JournalEvent[], records: WorkerRecord[], worker: ObservedWorker | undefined) {
  const book: TaskBook = replay(events);
  const written: JournalEvent[] = [];
  const failed: string[] = [];
  const across = new CarryAcross({
    adapter: {} as TmuxAdapter,
    records: async () => records,
    record: async (event) => { written.push(event); applyEvent(book, event); },
    fail: async (id, reason) => { failed.push(`${id}: ${reason}`); },
  });
  await across.round(book, now, new Map(worker ? [['w', worker]] : []));
  return { book, written, failed, across };
}
const added = (id = 't1', text = 'do it'): JournalEvent => ({ type: 'add', at: 1, id, worker: 'w', text, after: [], server: old });
const sent = (id = 't1', text = 'do it'): JournalEvent[] => [{ type: 'sending', at: 2, id, paneId: '%1', text }, { type: 'sent', at: 3, id }];

describe('a task of a server that is gone, whose worker was restored', () => {
  it('queued: stays queued, on this server', async () => {
    const { book } = await carry([added()], [record()], undefined);
    expect(book.tasks.get('t1')).toMatchObject({ state: 'queued', server: now });
  });

  it('sent, and its turn ended in the conversation: done with that answer', async () => {
    const { book } = await carry([added(), ...sent()], [record()], await claudeWith([user('do it'), answer('DONE')]));
    expect(book.tasks.get('t1')).toMatchObject({ state: 'done', result: 'DONE' });
  });

  it('sent, arrived, its turn cut: queued to carry on (never the task again)', async () => {
    const { book } = await carry([added(), ...sent()], [record()], await claudeWith([user('do it')]));
    expect(book.tasks.get('t1')).toMatchObject({ state: 'queued', continues: true, server: now });
  });

  it('a send begun (no "sent") that the conversation does not show: interrupted, with the reason', async () => {
    const { book } = await carry([added(), { type: 'sending', at: 2, id: 't1', paneId: '%1', text: 'do it' }], [record()], await claudeWith([user('something else')]));
    expect(book.tasks.get('t1')).toMatchObject({ state: 'interrupted', reason: 'it had not reached w when its server went' });
    expect(book.pending.size).toBe(0);
  });

  it('its worker came back fresh (not a Claude): interrupted', async () => {
    const { book } = await carry([added(), ...sent()], [record({ argv: ['bash'] })], shell);
    expect(book.tasks.get('t1')?.state).toBe('interrupted');
  });

  it('its Claude not readable yet: held, neither sent nor failed', async () => {
    const { book, across, written } = await carry([added(), ...sent()], [record()], undefined);
    expect(written).toEqual([]);
    expect(book.tasks.get('t1')?.state).toBe('sent');
    expect(across.holds('t1')).toMatch(/conversation is being read/);
  });
});

describe('a task of a server that is gone, whose worker was not restored', () => {
  it('recorded but not restored yet: held, saying so', async () => {
    const { across, written } = await carry([added()], [record({ server: old, formerServers: [] })], undefined);
    expect(written).toEqual([]);
    expect(across.holds('t1')).toBe('its worker w is not restored yet (orch-tui restore w)');
  });

  it('not recorded: left to the old rules, and a send begun on the old server fails rather than being checked against a stranger', async () => {
    const queued = await carry([added()], [], undefined);
    expect(queued.written).toEqual([]);
    expect(queued.across.holds('t1')).toBeUndefined();
    const begun = await carry([added(), { type: 'sending', at: 2, id: 't1', paneId: '%1', text: 'do it' }], [], shell);
    expect(begun.failed).toEqual([expect.stringMatching(/^t1: its send began on another tmux server/)]);
  });
});

describe('replaying interrupted and carried tasks', () => {
  it('task retry queues an interrupted task again; a carried-on task forgets it carries on once sent', () => {
    const book = replay([
      added(), ...sent(), { type: 'carried', at: 4, id: 't1', server: now, outcome: 'interrupted', reason: 'r' },
      { type: 'retry', at: 5, id: 't1', server: now },
      added('t2'), ...sent('t2'), { type: 'carried', at: 6, id: 't2', server: now, outcome: 'continue' },
    ]);
    expect(book.tasks.get('t1')).toMatchObject({ state: 'queued', server: now });
    expect(book.tasks.get('t1')?.reason).toBeUndefined();
    expect(book.tasks.get('t2')).toMatchObject({ state: 'queued', continues: true });
    applyEvent(book, { type: 'sending', at: 7, id: 't2', paneId: '%2', text: 'carry on' });
    applyEvent(book, { type: 'sent', at: 8, id: 't2' });
    expect(book.tasks.get('t2')).toMatchObject({ state: 'sent', sentText: 'carry on' });
    expect(book.tasks.get('t2')?.continues).toBeUndefined();
  });
});
