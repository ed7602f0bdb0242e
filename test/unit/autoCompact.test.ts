/**
 * Auto-compact's decisions and its journal, with the dispatcher replaced by
 * a recorder (the real thing, against a real Claude Code through a kill -9,
 * is test/e2e/autoCompact.e2e.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { AutoCompact, goalOf, policyFor, readingBehind } from '../../src/tasks/autoCompact.js';
import { compactionSeen } from '../../src/tasks/compactionSeen.js';
import { applyEvent, replay, type TaskBook } from '../../src/tasks/replayTasks.js';
import type { JournalEvent, Task } from '../../src/tasks/taskTypes.js';
import type { ObservedWorker } from '../../src/tasks/observeWorkers.js';
import type { AgentStateName } from '../../src/state/agentState.js';
import type { HookEvent } from '../../src/state/hookState.js';
import type { SendOutcome } from '../../src/dispatch/checkedSend.js';
import type { Dispatcher } from '../../src/dispatch/dispatcher.js';
import { makePane } from './paneFactory.js';

const add = (id: string, text = `do ${id}`): JournalEvent => ({ type: 'add', at: 1, id, worker: 'api', text, after: [] });

function worker(state: AgentStateName, percent: number | undefined, events: HookEvent[] = [], box = ''): ObservedWorker {
  return {
    name: 'api', pane: makePane({ paneId: '%1', sessionName: 'api' }),
    lines: ['─'.repeat(40), `❯ ${box}`, '─'.repeat(40)],
    seen: {
      kind: 'claude', session: undefined, live: true,
      decision: { state, reason: `${state} for the test`, evidence: '', source: 'hooks' },
      report: { dir: '/r', events, ...(percent !== undefined ? { context: { tokens: percent * 10_000, window: 1_000_000, percent, source: 'statusline' as const } } : {}) },
    },
  };
}

/** An engine's view: the book, a journal that applies what is recorded, a dispatcher that records compacts. */
function harness(events: JournalEvent[], options: { compactAt?: number; outcome?: Partial<SendOutcome> } = {}) {
  const book: TaskBook = replay(events);
  const journal: JournalEvent[] = [];
  const compacts: Array<string | undefined> = [];
  const dispatcher = {
    compact: async (_pane: unknown, goal: string | undefined) => {
      compacts.push(goal);
      return { delivered: true, paneId: '%1', worker: 'api', message: 'Delivered.', enterPresses: 1, elapsedMs: 1, ...options.outcome };
    },
  } as unknown as Dispatcher;
  const auto = new AutoCompact({
    dispatcher, compactAt: options.compactAt,
    record: async (event) => {
      journal.push(event);
      applyEvent(book, event);
    },
  });
  const task = (id = 't1'): Task => book.tasks.get(id)!;
  return { book, journal, compacts, auto, task };
}

describe('auto-compact', () => {
  it('off by default, and below the policy: the task goes, nothing is journaled', async () => {
    const off = harness([add('t1')]);
    expect(await off.auto.before(off.task(), 'do t1', worker('idle', 95), off.book)).toEqual({ kind: 'go' });
    const below = harness([add('t1')], { compactAt: 50 });
    expect(await below.auto.before(below.task(), 'do t1', worker('idle', 49), below.book)).toEqual({ kind: 'go' });
    // A context orch-tui cannot read is never compacted on a guess.
    expect(await below.auto.before(below.task(), 'do t1', worker('idle', undefined), below.book)).toEqual({ kind: 'go' });
    expect([...off.journal, ...below.journal, ...off.compacts, ...below.compacts]).toEqual([]);
  });

  it('at the policy and idle: /compact with the task text as its goal, journaled before and after, and the task waits', async () => {
    const h = harness([add('t1', 'Now integrate\nthe login form')], { compactAt: 10 });
    const step = await h.auto.before(h.task(), 'Now integrate\nthe login form', worker('idle', 15), h.book);
    expect(step).toEqual({ kind: 'hold', reason: 'api is compacting first' });
    expect(h.compacts).toEqual(['Now integrate the login form']);
    expect(h.journal.map((e) => e.type)).toEqual(['compact', 'compact-sent']);
    expect(h.journal[0]).toMatchObject({ id: 't1', paneId: '%1', goal: 'Now integrate the login form', percent: 15 });
    expect(h.task().compaction).toMatchObject({ state: 'sent', percent: 15 });
  });

  it('a reading older than the turn that just ended waits for the status line to redraw (bounded); then it decides', async () => {
    const now = Date.now();
    const justEnded = worker('idle', 0, [{ at: now - 70, name: 'Stop' }]);
    justEnded.seen.report!.statusWrittenAt = now - 900;
    const h = harness([add('t1')], { compactAt: 10 });
    expect(await h.auto.before(h.task(), 'do t1', justEnded, h.book)).toEqual({ kind: 'hold', reason: "api's context reading is catching up with its last turn" });
    expect([...h.journal, ...h.compacts]).toEqual([]);
    // Redrawn after the Stop: 25 % now, so the /compact goes first.
    const redrawn = worker('idle', 25, [{ at: now - 400, name: 'Stop' }]);
    redrawn.seen.report!.statusWrittenAt = now - 40;
    expect(await h.auto.before(h.task(), 'do t1', redrawn, h.book)).toEqual({ kind: 'hold', reason: 'api is compacting first' });
    expect(h.compacts).toEqual(['do t1']);
    expect(readingBehind(redrawn.seen.report, now)).toBe(false);
    // Never redrawn: after a few seconds the reading is taken as it is; no policy: never held.
    expect(readingBehind(justEnded.seen.report, now + 5000)).toBe(false);
    const off = harness([add('t1')]);
    expect(await off.auto.before(off.task(), 'do t1', justEnded, off.book)).toEqual({ kind: 'go' });
    // A Claude orch-tui did not start (no report directory) has no status line to wait for.
    expect(readingBehind({ events: [{ at: now, name: 'Stop' }] }, now)).toBe(false);
  });

  it('never while the worker works or waits for someone', async () => {
    const h = harness([add('t1')], { compactAt: 10 });
    for (const state of ['working', 'waiting', 'unknown'] as const) {
      expect((await h.auto.before(h.task(), 'do t1', worker(state, 40), h.book)).kind).toBe('hold');
    }
    expect(h.compacts).toEqual([]);
    expect(h.journal).toEqual([]);
  });

  it('waits while it compacts, then lets the task go once Claude says it compacted (after the /compact, not before)', async () => {
    const h = harness([add('t1')], { compactAt: 10 });
    await h.auto.before(h.task(), 'do t1', worker('idle', 15), h.book);
    const sentAt = h.task().compaction!.at;
    expect((await h.auto.before(h.task(), 'do t1', worker('compacting', 15), h.book)).kind).toBe('hold');
    const old: HookEvent = { at: sentAt - 5000, name: 'PostCompact', trigger: 'manual' };
    expect((await h.auto.before(h.task(), 'do t1', worker('idle', 15, [old]), h.book)).kind).toBe('hold');
    const done: HookEvent[] = [{ at: sentAt + 10, name: 'PreCompact', trigger: 'manual', goal: 'do t1' }, { at: sentAt + 900, name: 'PostCompact', trigger: 'manual' }];
    expect(await h.auto.before(h.task(), 'do t1', worker('idle', 1, done), h.book)).toEqual({ kind: 'go' });
    expect(h.task().compaction).toMatchObject({ state: 'done', percent: 15, percentAfter: 1 });
    // Compacted once: the next look lets it go without another /compact.
    expect(await h.auto.before(h.task(), 'do t1', worker('idle', 1), h.book)).toEqual({ kind: 'go' });
    expect(h.compacts).toHaveLength(1);
  });

  it('after a restart mid-way: a /compact that arrived is followed, never sent again', async () => {
    const h = harness([add('t1'), { type: 'compact', at: 1000, id: 't1', paneId: '%1', goal: 'do t1', percent: 15 }], { compactAt: 10 });
    const arrived: HookEvent[] = [{ at: 1100, name: 'PreCompact', trigger: 'manual', goal: 'do t1' }];
    expect((await h.auto.before(h.task(), 'do t1', worker('compacting', 15, arrived), h.book)).kind).toBe('hold');
    expect(h.journal.map((e) => e.type)).toEqual(['compact-sent']);
    expect(await h.auto.before(h.task(), 'do t1', worker('idle', 2, [...arrived, { at: 1500, name: 'PostCompact', trigger: 'manual' }]), h.book)).toEqual({ kind: 'go' });
    expect(h.compacts).toEqual([]);
  });

  it('after a restart mid-way: a /compact that never arrived is decided again and sent then, once', async () => {
    const h = harness([add('t1'), { type: 'compact', at: 1000, id: 't1', paneId: '%1', goal: 'do t1', percent: 15 }], { compactAt: 10 });
    expect((await h.auto.before(h.task(), 'do t1', worker('idle', 15), h.book)).kind).toBe('hold');
    expect(h.journal.map((e) => e.type)).toEqual(['compact-unsent']);
    expect(h.compacts).toEqual([]);
    await h.auto.before(h.task(), 'do t1', worker('idle', 15), h.book);
    expect(h.compacts).toEqual(['do t1']);
  });

  it('after a restart mid-way: text left in the input box fails the task rather than typing more', async () => {
    const h = harness([add('t1'), { type: 'compact', at: 1000, id: 't1', paneId: '%1', goal: 'do t1', percent: 15 }], { compactAt: 10 });
    const step = await h.auto.before(h.task(), 'do t1', worker('idle', 15, [], '/compact do'), h.book);
    expect(step.kind).toBe('fail');
    expect(h.journal.map((e) => e.type)).toEqual(['compact-failed']);
  });

  it('a compaction that fails fails the task, with the reason', async () => {
    const h = harness([add('t1')], { compactAt: 10 });
    await h.auto.before(h.task(), 'do t1', worker('idle', 15), h.book);
    const step = await h.auto.before(h.task(), 'do t1', worker('error', 15), h.book);
    expect(step).toEqual({ kind: 'fail', reason: 'compacting api first failed (error for the test)' });
    expect(h.task().compaction).toMatchObject({ state: 'failed' });
  });

  it('a busy worker leaves the /compact untouched: journaled as never sent, tried again later', async () => {
    const h = harness([add('t1')], { compactAt: 10, outcome: { delivered: false, untouched: true, message: 'api is busy.' } });
    expect(await h.auto.before(h.task(), 'do t1', worker('idle', 15), h.book)).toEqual({ kind: 'hold', reason: 'api is busy' });
    expect(h.journal.map((e) => e.type)).toEqual(['compact', 'compact-unsent']);
    expect(h.task().compaction).toBeUndefined();
  });

  it("a team file's policy wins over --compact-at, and its compact_goal over the task's text", async () => {
    const h = harness([{ type: 'compact-policy', at: 1, id: 'api', compactAt: 70, compactGoal: 'Keep the API' }, add('t1')], { compactAt: 10 });
    expect(policyFor(h.book, 'api', 10)).toEqual({ compactAt: 70, compactGoal: 'Keep the API' });
    expect(policyFor(h.book, 'other', 10)).toEqual({ compactAt: 10 });
    expect(await h.auto.before(h.task(), 'do t1', worker('idle', 50), h.book)).toEqual({ kind: 'go' });
    await h.auto.before(h.task(), 'do t1', worker('idle', 75), h.book);
    expect(h.compacts).toEqual(['Keep the API']);
    expect(goalOf({}, '  one\n  two  ')).toBe('one two');
  });

  it('a retried task is decided again; a policy with neither field is none', () => {
    const book = replay([
      add('t1'), { type: 'compact', at: 2, id: 't1', paneId: '%1', goal: 'g', percent: 20 }, { type: 'compact-sent', at: 3, id: 't1' },
      { type: 'compacted', at: 4, id: 't1', percentAfter: 1 }, { type: 'sending', at: 5, id: 't1', paneId: '%1', text: 'do t1' },
      { type: 'sent', at: 6, id: 't1' }, { type: 'done', at: 7, id: 't1', result: 'r' },
    ]);
    expect(book.tasks.get('t1')!.compaction).toEqual({ state: 'done', goal: 'g', percent: 20, at: 2, finishedAt: 4, percentAfter: 1 });
    applyEvent(book, { type: 'retry', at: 8, id: 't1' });
    expect(book.tasks.get('t1')!.compaction).toBeUndefined();
    applyEvent(book, { type: 'compact-policy', at: 9, id: 'api', compactAt: 50 });
    applyEvent(book, { type: 'compact-policy', at: 10, id: 'api' });
    expect(book.policies.has('api')).toBe(false);
  });

  it('compactionSeen: hooks after the /compact, or a boundary the transcript gained after it; not an automatic one', () => {
    const boundary = (at: number, trigger = 'manual') => JSON.stringify({ type: 'system', subtype: 'compact_boundary', timestamp: new Date(at).toISOString(), compactMetadata: { trigger } });
    expect(compactionSeen([], boundary(2000), 1000)).toEqual({ arrived: true, finished: true });
    expect(compactionSeen([], boundary(500), 1000)).toEqual({ arrived: false, finished: false });
    expect(compactionSeen([], boundary(2000, 'auto'), 1000)).toEqual({ arrived: false, finished: false });
    expect(compactionSeen([{ at: 1200, name: 'PreCompact', trigger: 'manual' }], '', 1000)).toEqual({ arrived: true, finished: false });
    expect(compactionSeen([{ at: 1200, name: 'PreCompact', trigger: 'auto' }], '', 1000)).toEqual({ arrived: false, finished: false });
  });
});
