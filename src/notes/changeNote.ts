import type { Task } from '../tasks/taskTypes.js';
import type { GitChanges } from '../report/gitChanges.js';
import { taskTitle } from '../report/statusReport.js';

/** Lines of a task's result a change note quotes, and files it lists. */
const RESULT_LINES = 3;
const MAX_LINE = 200;
const MAX_FILES = 20;

/** `auth/handler.go (+189 −0), ...`, or why the files are unknown. */
export function filesSummary(changes: GitChanges | undefined): string {
  if (!changes) return 'unknown (its pane is gone)';
  if (changes.error) return `unknown (${changes.error})`;
  if (!changes.repo) return 'unknown (not a git repository)';
  if (changes.files.length === 0) return 'none';
  const shown = changes.files.slice(0, MAX_FILES).map((f) => `${f.path} (+${f.added} −${f.removed})`);
  const more = changes.files.length - shown.length;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}

/**
 * The note a finished task leaves from its worker: the task, the first
 * lines of its result, and the files changed in the worker's directory
 * (`git diff --numstat HEAD` plus untracked files, as the status report).
 */
export function changeNoteText(task: Task, changes: GitChanges | undefined): string {
  const result = (task.result ?? '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, RESULT_LINES)
    .map((l) => `  ${l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l}`);
  return [
    `Finished ${task.id}: ${changeNoteTitle(task)}`,
    ...(result.length ? ['Result:', ...result] : []),
    `Files: ${filesSummary(changes)}`,
  ].join('\n');
}

/**
 * The task as the note names it: its title as the status report gives it,
 * with a `{{result:ID}}` it waited for said in words (the text sent had
 * the result there; the note quotes its own result below).
 */
export function changeNoteTitle(task: Pick<Task, 'text' | 'title'>): string {
  return taskTitle(task).replace(/\{\{\s*result:\s*([^}\s]+)\s*\}\}/g, "$1's result");
}
