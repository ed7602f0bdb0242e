/**
 * What a new task may say, checked against the queue before it is written:
 * the tasks it waits for exist, and every `{{result:X}}` names a task it
 * waits for (directly or through another), so the result is there when
 * the text is sent. Pure.
 */
import { resultRefs } from '../team/taskGraph.js';
import type { Task } from './taskTypes.js';

/** Every task `after` leads to, directly or through others. */
export function waitsFor(after: readonly string[], tasks: ReadonlyMap<string, Pick<Task, 'after'>>): Set<string> {
  const seen = new Set<string>();
  const todo = [...after];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(tasks.get(id)?.after ?? []));
  }
  return seen;
}

/** One sentence saying what is wrong with a new task, or undefined when nothing is. */
export function problemOfNewTask(text: string, after: readonly string[], tasks: ReadonlyMap<string, Task>): string | undefined {
  const unknown = after.filter((id) => !tasks.has(id));
  if (unknown.length) return `No task ${unknown.join(', ')} to wait for (see orch-tui task ls).`;
  const deps = waitsFor(after, tasks);
  for (const ref of resultRefs(text)) {
    if (ref.raw !== `{{result:${ref.id}}}`) return `Write ${ref.raw} as {{result:${ref.id}}} (no spaces), or it is sent as it stands.`;
    if (!tasks.has(ref.id)) return `${ref.raw} names no task (see orch-tui task ls).`;
    if (!deps.has(ref.id)) {
      return `${ref.raw} names ${ref.id}, which this task does not wait for: add it to the task's after (--after ${ref.id}), so its result exists when the text is sent.`;
    }
  }
  return undefined;
}
