import type { Dispatcher } from '../dispatch/dispatcher.js';
import { claudeInputText } from '../dispatch/claudeInputBox.js';
import { describeError } from '../tmux/tmuxErrors.js';
import type { ObservedWorker } from './observeWorkers.js';
import type { TaskBook } from './replayTasks.js';
import type { CompactPolicy, JournalEvent, Task } from './taskTypes.js';
import { transcriptOf } from './taskResults.js';
import { compactionSeen } from './compactionSeen.js';
import type { AgentReport } from '../reports/agentReport.js';

/** What to do with a due task given its worker's compaction policy. */
export type CompactStep = { kind: 'go' } | { kind: 'hold'; reason: string } | { kind: 'fail'; reason: string };

/** An idle worker that shows no sign of a delivered /compact for this long has not compacted. */
const NO_SIGN_MS = 60_000;

/** How long after a turn's end its status line may take to redraw before its reading is taken as it is. */
const READING_SETTLES_MS = 3000;

/**
 * Whether a worker's context reading is behind its last turn: its turn
 * ended (Stop, StopFailure) after its status line last wrote, a moment ago.
 * Claude redraws its status line ~300 ms after a reply, and appends to its
 * transcript late too, while the dispatcher sees Stop and looks at the
 * next task at once (measured: Stop, then the next task 70 ms later, the
 * status line 360 ms after Stop). Pure.
 */
export function readingBehind(report: AgentReport | undefined, now: number): boolean {
  if (!report?.dir) return false;
  const ended = [...report.events].reverse().find((e) => e.name === 'Stop' || e.name === 'StopFailure');
  if (!ended || now - ended.at > READING_SETTLES_MS) return false;
  return (report.statusWrittenAt ?? 0) < ended.at;
}

/** A slash command is one line: a task's text as a goal has its line breaks made spaces. */
export function goalOf(policy: CompactPolicy, taskText: string): string {
  return (policy.compactGoal ?? taskText).replace(/\s*\n\s*/g, ' ').trim();
}

/** The policy for a worker: its team file's, else the dispatcher's `--compact-at`. */
export function policyFor(book: TaskBook, worker: string, compactAt: number | undefined): CompactPolicy {
  const team = book.policies.get(worker);
  return { ...(compactAt !== undefined ? { compactAt } : {}), ...team };
}

/**
 * Auto-compact: when a task is due and its worker's context is at least
 * its policy's `compactAt` full, `/compact <goal>` goes first, once, and the
 * task waits until the compaction is over. Journaled like a send (see
 * Compaction): a crash never compacts twice nor skips it. Only ever into an
 * idle worker: never while it works or waits for someone.
 */
export class AutoCompact {
  constructor(
    private readonly deps: {
      dispatcher: Dispatcher;
      record: (event: JournalEvent) => Promise<void>;
      report?: (message: string, tone: 'info' | 'ok' | 'error') => void;
      /** The dispatcher's own policy (`--compact-at`); a team file's wins for its workers. */
      compactAt?: number;
    },
  ) {}

  /** Before `task` (its text filled in) goes to `worker`. */
  async before(task: Task, text: string, worker: ObservedWorker, book: TaskBook): Promise<CompactStep> {
    const done = task.compaction;
    if (done?.state === 'done' || done?.state === 'failed') return { kind: 'go' };
    if (done?.state === 'sending') return this.recover(task, worker);
    if (done?.state === 'sent') return this.follow(task, worker);
    const policy = policyFor(book, task.worker, this.deps.compactAt);
    if (policy.compactAt === undefined) return { kind: 'go' };
    if (readingBehind(worker.seen.report, Date.now())) return { kind: 'hold', reason: `${task.worker}'s context reading is catching up with its last turn` };
    const percent = worker.seen.report?.context?.percent;
    if (percent === undefined || percent < policy.compactAt) return { kind: 'go' };
    const { state, reason } = worker.seen.decision;
    if (state !== 'idle') return { kind: 'hold', reason: `${task.worker} is to be compacted first (${percent}% ≥ ${policy.compactAt}%) once idle; it is ${state} (${reason})` };
    const goal = goalOf(policy, text);
    await this.deps.record({ type: 'compact', at: Date.now(), id: task.id, paneId: worker.pane.paneId, goal, percent });
    return this.send(task, worker, goal, percent);
  }

  private async send(task: Task, worker: ObservedWorker, goal: string, percent: number): Promise<CompactStep> {
    try {
      const outcome = await this.deps.dispatcher.compact(worker.pane, goal || undefined, { queued: true });
      if (outcome.delivered) {
        await this.deps.record({ type: 'compact-sent', at: Date.now(), id: task.id });
        this.deps.report?.(`Compacting ${task.worker} (${percent}% full) before task ${task.id}.`, 'info');
        return { kind: 'hold', reason: `${task.worker} is compacting first` };
      }
      if (outcome.untouched) {
        await this.deps.record({ type: 'compact-unsent', at: Date.now(), id: task.id, reason: outcome.message });
        return { kind: 'hold', reason: outcome.message.replace(/\.$/, '') };
      }
      return this.failed(task, `/compact could not be sent first: ${outcome.message.replace(/\.$/, '')}`);
    } catch (error) {
      return this.failed(task, `/compact could not be sent first: ${describeError(error).replace(/\.$/, '')}`);
    }
  }

  /** A /compact sent: wait until it is over, then let the task go. */
  private async follow(task: Task, worker: ObservedWorker): Promise<CompactStep> {
    const compaction = task.compaction!;
    const { state, reason } = worker.seen.decision;
    if (state === 'error') return this.failed(task, `compacting ${task.worker} first failed (${reason})`);
    if (state !== 'idle') return { kind: 'hold', reason: `${task.worker} is compacting first (${state})` };
    const seen = compactionSeen(worker.seen.report?.events ?? [], await transcriptOf(worker), compaction.at);
    if (seen.finished) {
      // The status line may not have caught up yet: a reading equal to the one before says nothing.
      const after = worker.seen.report?.context?.percent;
      await this.deps.record({ type: 'compacted', at: Date.now(), id: task.id, ...(after !== undefined && after !== compaction.percent ? { percentAfter: after } : {}) });
      return { kind: 'go' };
    }
    if (Date.now() - compaction.at > NO_SIGN_MS) return this.failed(task, `${task.worker} took /compact but never showed that it compacted`);
    return { kind: 'hold', reason: `${task.worker} is compacting first` };
  }

  /** A /compact begun by a dispatcher that stopped: did it arrive? Never pasted twice. */
  private async recover(task: Task, worker: ObservedWorker): Promise<CompactStep> {
    const compaction = task.compaction!;
    const seen = compactionSeen(worker.seen.report?.events ?? [], await transcriptOf(worker), compaction.at);
    if (seen.arrived || worker.seen.decision.state === 'compacting') {
      await this.deps.record({ type: 'compact-sent', at: compaction.at, id: task.id });
      this.deps.report?.(`The /compact before task ${task.id} had reached ${task.worker} before a restart.`, 'info');
      return this.follow({ ...task, compaction: { ...compaction, state: 'sent' } }, worker);
    }
    const box = worker.seen.kind === 'claude' ? claudeInputText(worker.lines) : undefined;
    if (box !== undefined && box.trim() !== '') {
      return this.failed(task, `a /compact was cut short and text sits unsent in ${task.worker}'s input box; look at it, then retry the task`);
    }
    await this.deps.record({ type: 'compact-unsent', at: Date.now(), id: task.id, reason: 'checked after a restart: it never arrived' });
    return { kind: 'hold', reason: `the /compact before it never reached ${task.worker}; deciding again` };
  }

  private async failed(task: Task, reason: string): Promise<CompactStep> {
    await this.deps.record({ type: 'compact-failed', at: Date.now(), id: task.id, reason });
    return { kind: 'fail', reason };
  }
}
