import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Task } from '../tasks/taskTypes.js';
import { workerName } from '../workers/selectWorkers.js';
import { observeAllWorkers } from '../workers/workerStates.js';
import { changedFiles } from './gitChanges.js';
import { mapBounded } from './mapBounded.js';
import { buildStatusReport, type StatusReport } from './statusReport.js';
import type { Note } from '../notes/noteTypes.js';

/** Git processes at once: each worker's directory is one `git diff` and one `git ls-files`. */
const GIT_CONCURRENCY = 4;

/**
 * The status report of a live server: every worker's state, latest line and
 * changed files, with the tasks. The `status` verb and the MCP tool both use it.
 */
export async function collectStatusReport(
  adapter: TmuxAdapter,
  tasks: Task[] | Promise<Task[]>,
  sessionGlob?: string,
  notes?: Promise<readonly Note[]>,
): Promise<StatusReport> {
  const [observed, taskList, noteList] = await Promise.all([observeAllWorkers(adapter, sessionGlob), tasks, notes]);
  const changes = await mapBounded(observed, GIT_CONCURRENCY, (w) => changedFiles(w.pane.currentPath));
  return buildStatusReport({
    workers: observed.map((w, i) => ({
      name: workerName(w.pane),
      state: w.seen.decision.state,
      reason: w.seen.decision.reason,
      latestLine: w.lines[w.lines.length - 1],
      changes: changes[i]!,
    })),
    tasks: taskList,
    notes: noteList,
  });
}
