import type { Task } from './taskTypes.js';
import { TaskError, type TaskQueue } from './taskQueue.js';

const FINISHED = new Set(['done', 'failed', 'cancelled', 'interrupted']);

export interface TasksWaited {
  tasks: Task[];
  /** True when the time ran out (or the wait was cancelled) before every task finished. */
  timedOut: boolean;
  /** Set when the wait ended early because `stopEarly` said why. */
  stoppedBecause?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Read the journal until every named task is done, failed or cancelled.
 * `stopEarly` is asked now and then (with the unfinished tasks) whether to
 * give up waiting, e.g. because a task's worker asks a question.
 */
export async function waitForTasks(
  queue: TaskQueue,
  ids: readonly string[],
  options: {
    timeoutMs: number;
    intervalMs?: number;
    signal?: AbortSignal;
    onTick?: (elapsedMs: number, open: Task[]) => void;
    stopEarly?: (open: Task[]) => Promise<string | undefined>;
    /** How many ticks between two `stopEarly` questions. */
    stopEarlyEvery?: number;
  },
): Promise<TasksWaited> {
  if (ids.length === 0) throw new TaskError('Name at least one task to wait for.');
  const started = Date.now();
  for (let tick = 0; ; tick++) {
    const all = new Map((await queue.list()).tasks.map((t) => [t.id, t]));
    const missing = ids.filter((id) => !all.has(id));
    if (missing.length) throw new TaskError(`No task ${missing.join(', ')} (see list_tasks).`);
    const tasks = ids.map((id) => all.get(id)!);
    const open = tasks.filter((t) => !FINISHED.has(t.state));
    if (open.length === 0) return { tasks, timedOut: false };
    if (Date.now() - started >= options.timeoutMs || options.signal?.aborted) return { tasks, timedOut: true };
    if (options.stopEarly && tick % (options.stopEarlyEvery ?? 4) === 0) {
      const why = await options.stopEarly(open);
      if (why) return { tasks, timedOut: false, stoppedBecause: why };
    }
    options.onTick?.(Date.now() - started, open);
    await sleep(options.intervalMs ?? 250);
  }
}
