/**
 * The status report (issue 5, point 5): per worker, what it finished, what
 * it changed, what it does now, what it waits for and what comes next; then
 * the overall progress. Built by a pure function from workers and tasks, so
 * the CLI, the dashboard view and the tests all see the same report.
 */
import stripAnsi from 'strip-ansi';
import type { Task, TaskState } from '../tasks/taskTypes.js';
import type { GitChanges } from './gitChanges.js';
import type { Note } from '../notes/noteTypes.js';

export type { FileChange, GitChanges } from './gitChanges.js';
export { renderStatusLines, renderStatusMarkdown, renderStatusText, progressText } from './renderStatus.js';

export interface StatusWorkerInput {
  name: string;
  state: string;
  reason: string;
  /** The last non-empty line on its screen. */
  latestLine?: string;
  /** Files changed in its directory; absent when not looked at. */
  changes?: GitChanges;
}

export interface StatusInput {
  workers: StatusWorkerInput[];
  tasks: Task[];
  /** The notes board, oldest first; the report lists the last few. */
  notes?: readonly Note[];
}

/** A note as the report lists it: who wrote it to whom, and its first line. */
export interface NoteRef {
  id: string;
  from: string;
  /** Worker names, `all`, or empty for the board. */
  to: string[];
  text: string;
  at: number;
}

/** Notes the report lists, newest first. */
export const REPORT_NOTES = 5;

/** A task as the report names it: its id and the first line of its text. */
export interface TaskRef {
  id: string;
  text: string;
}

export interface WaitRef {
  /** The task waited for. */
  id: string;
  /** Its state, or `missing` when no task has that id. */
  state: TaskState | 'missing';
}

export interface WorkerReport {
  name: string;
  /** The detector's state (`working`, `idle`, ...), or `missing` for a worker that only tasks name. */
  state: string;
  reason: string;
  /** ✅ its done tasks, in task order. */
  done: TaskRef[];
  /** ❌ its failed tasks, with why. */
  failed: Array<TaskRef & { reason: string }>;
  /** 📝 null when not looked at. */
  changes: GitChanges | null;
  /** 🔄 its sent task, else its latest output line, else null. */
  current: ({ kind: 'task' } & TaskRef) | { kind: 'output'; text: string } | null;
  /** ⏳ the unfinished tasks its queued tasks are after, each once. */
  waitingFor: WaitRef[];
  /** 📋 its first queued task. */
  next: TaskRef | null;
}

export interface TaskCounts {
  total: number;
  queued: number;
  sent: number;
  done: number;
  failed: number;
  cancelled: number;
}

export interface StatusReport {
  workers: WorkerReport[];
  counts: TaskCounts;
  /** done / (all − cancelled), rounded down: 100 only when every counted task is done. 0 when there are none. */
  overallPercent: number;
  /** True when no task counts toward progress (none, or all cancelled). */
  noTasks: boolean;
  /** The last notes on the board, newest first. */
  notes: NoteRef[];
}

/** Build the report. Pure: the same input gives the same report. */
export function buildStatusReport(input: StatusInput): StatusReport {
  const byId = new Map(input.tasks.map((t) => [t.id, t]));
  const names = input.workers.map((w) => w.name);
  // Workers that tasks name but that have no pane (not created yet, or killed) still get a block.
  for (const task of input.tasks) if (!names.includes(task.worker)) names.push(task.worker);
  const workers = names.map((name) => {
    const worker = input.workers.find((w) => w.name === name);
    return workerReport(
      worker ?? { name, state: 'missing', reason: 'no pane with this name' },
      input.tasks.filter((t) => t.worker === name),
      byId,
    );
  });
  const counts = countTasks(input.tasks);
  const counted = counts.total - counts.cancelled;
  return {
    workers,
    counts,
    overallPercent: counted === 0 ? 0 : Math.floor((counts.done * 100) / counted),
    noTasks: counted === 0,
    notes: (input.notes ?? []).slice(-REPORT_NOTES).reverse()
      .map((n) => ({ id: n.id, from: n.author, to: n.to, text: firstLine(n.text), at: n.at })),
  };
}

function workerReport(worker: StatusWorkerInput, tasks: Task[], byId: ReadonlyMap<string, Task>): WorkerReport {
  const sent = tasks.find((t) => t.state === 'sent');
  const queued = tasks.filter((t) => t.state === 'queued');
  const waitingFor: WaitRef[] = [];
  for (const task of queued) {
    for (const id of task.after) {
      const state = byId.get(id)?.state ?? 'missing';
      if (state !== 'done' && !waitingFor.some((w) => w.id === id)) waitingFor.push({ id, state });
    }
  }
  const latest = worker.latestLine === undefined ? '' : cleanLine(worker.latestLine).slice(0, 500);
  return {
    name: worker.name,
    state: worker.state,
    reason: worker.reason,
    done: tasks.filter((t) => t.state === 'done').map(taskRef),
    failed: tasks.filter((t) => t.state === 'failed').map((t) => ({ ...taskRef(t), reason: t.reason ?? '' })),
    changes: worker.changes ?? null,
    current: sent ? { kind: 'task', ...taskRef(sent) } : latest ? { kind: 'output', text: latest } : null,
    waitingFor,
    next: queued[0] ? taskRef(queued[0]) : null,
  };
}

function taskRef(task: Task): TaskRef {
  return { id: task.id, text: firstLine(task.text) };
}

/** The first non-empty line: a task's title. */
export function firstLine(text: string): string {
  return text.split('\n').map(cleanLine).find((l) => l !== '') ?? '';
}

/** One line fit to print: no colours, no control characters, no surrounding blanks. */
function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return stripAnsi(line).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

function countTasks(tasks: readonly Task[]): TaskCounts {
  const counts: TaskCounts = { total: tasks.length, queued: 0, sent: 0, done: 0, failed: 0, cancelled: 0 };
  for (const task of tasks) counts[task.state]++;
  return counts;
}
