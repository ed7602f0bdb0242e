import type { FieldPath } from './sourceLocation.js';

/** A problem found in the file: where, and what. */
export interface Problem {
  path: FieldPath;
  message: string;
  /** Point at the map key (a bad name, an unknown field) rather than its value. */
  atKey?: boolean;
  /** Text inside the node to point at, for a line inside a multi-line value. */
  needle?: string;
  /** Reported by the schema, which cannot tell an absent field from a wrong one. */
  fromSchema?: boolean;
}

/** A task as the file states it, with where it was written. */
export interface SourcedTask {
  id: string;
  worker: string;
  text: string;
  title?: string;
  after: string[];
  /** `['tasks', 1]` or `['workers', 'backend']` (a worker's first task). */
  at: FieldPath;
  /** Where the text sits: `[...at, 'text']` or `[...at, 'task']`. */
  textAt: FieldPath;
}

export const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Every `{{...result...}}` in a text, even a misspelt one, so it can be checked. */
const RESULT_REF = /\{\{\s*result\s*:\s*([^}]*?)\s*\}\}/g;

export function resultRefs(text: string): Array<{ raw: string; id: string }> {
  return [...text.matchAll(RESULT_REF)].map((m) => ({ raw: m[0], id: m[1] ?? '' }));
}

function listIds(ids: readonly string[]): string {
  return ids.length === 0 ? 'none' : ids.join(', ');
}

/** `after` ids that name no task. */
export function checkAfterIds(tasks: readonly SourcedTask[]): Problem[] {
  const known = tasks.map((t) => t.id);
  const ids = new Set(known);
  const problems: Problem[] = [];
  for (const task of tasks) {
    task.after.forEach((dep, j) => {
      if (dep === task.id) problems.push({ path: [...task.at, 'after', j], message: `a task cannot wait for itself ("${dep}")` });
      else if (!ids.has(dep)) problems.push({ path: [...task.at, 'after', j], message: `no task "${dep}" (known: ${listIds(known)})` });
    });
  }
  return problems;
}

/** Cycles through `after`, each reported once at the edge that closes it. */
export function checkCycles(tasks: readonly SourcedTask[]): Problem[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const color = new Map<string, 'grey' | 'black'>();
  const stack: string[] = [];
  const problems: Problem[] = [];
  const visit = (task: SourcedTask): void => {
    color.set(task.id, 'grey');
    stack.push(task.id);
    task.after.forEach((dep, j) => {
      const next = byId.get(dep);
      if (!next || dep === task.id) return; // reported by checkAfterIds
      if (color.get(dep) === 'grey') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        problems.push({ path: [...task.at, 'after', j], message: `cycle: ${cycle.join(' → ')}` });
      } else if (!color.has(dep)) visit(next);
    });
    stack.pop();
    color.set(task.id, 'black');
  };
  for (const task of tasks) if (!color.has(task.id)) visit(task);
  return problems;
}

/** Every task a task waits for, directly or through others. */
export function dependenciesOf(task: SourcedTask, byId: ReadonlyMap<string, SourcedTask>): Set<string> {
  const seen = new Set<string>();
  const todo = [...task.after];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(byId.get(id)?.after ?? []));
  }
  return seen;
}

/** `{{result:X}}` must be written exactly so and name a task this one waits for. */
export function checkResultRefs(tasks: readonly SourcedTask[]): Problem[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const problems: Problem[] = [];
  for (const task of tasks) {
    const deps = dependenciesOf(task, byId);
    for (const ref of resultRefs(task.text)) {
      const where = { path: task.textAt, needle: ref.raw };
      if (ref.raw !== `{{result:${ref.id}}}`) {
        problems.push({ ...where, message: `write ${ref.raw} as {{result:${ref.id}}} (no spaces)` });
      } else if (!byId.has(ref.id)) {
        problems.push({ ...where, message: `${ref.raw} names no task (known: ${listIds([...byId.keys()])})` });
      } else if (!deps.has(ref.id)) {
        problems.push({
          ...where,
          message: `${ref.raw}: "${ref.id}" is not among this task's dependencies (after: ${listIds(task.after)}); add it to after`,
        });
      }
    }
  }
  return problems;
}

/** Dependencies before the tasks that wait for them; otherwise file order. Assumes no cycles. */
export function inDependencyOrder<T extends { id: string; after: readonly string[] }>(tasks: readonly T[]): T[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (task: T): void => {
    if (done.has(task.id)) return;
    done.add(task.id);
    for (const dep of task.after) {
      const next = byId.get(dep);
      if (next) visit(next);
    }
    out.push(task);
  };
  tasks.forEach(visit);
  return out;
}
