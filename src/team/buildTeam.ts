import os from 'node:os';
import path from 'node:path';
import { DEFAULT_AGENT, WORKER_NAME } from '../dispatch/createWorker.js';
import { splitCommandWords } from '../dispatch/commandWords.js';
import { formatField, type FieldPath } from './sourceLocation.js';
import type { RawTeam } from './teamSchema.js';
import { TASK_ID, type Problem, type SourcedTask } from './taskGraph.js';
import type { TeamWorker } from './teamFile.js';

/** From the schema's output to workers and tasks with every default applied, and the problems seen on the way. */

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Where a worker's setting came from: its own field, the defaults, or (neither) the worker. */
export function settingAt(raw: RawTeam, name: string, field: 'cwd' | 'agent' | 'worktree'): FieldPath {
  if (raw.workers[name]?.[field] !== undefined) return ['workers', name, field];
  if (raw.defaults?.[field] !== undefined) return ['defaults', field];
  return ['workers', name];
}

export function buildWorkers(raw: RawTeam, dir: string): { workers: TeamWorker[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const names = Object.keys(raw.workers);
  if (names.length === 0) problems.push({ path: ['workers'], message: 'no workers; name at least one' });
  const workers = names.map((name): TeamWorker => {
    const own = raw.workers[name]!;
    if (!WORKER_NAME.test(name)) {
      problems.push({
        path: ['workers', name], atKey: true,
        message: `"${name}" is not a valid worker name: start with a letter and use only letters, digits, - and _`,
      });
    }
    const agent = own.agent ?? raw.defaults?.agent ?? DEFAULT_AGENT;
    try {
      splitCommandWords(agent);
    } catch (error) {
      problems.push({ path: settingAt(raw, name, 'agent'), message: (error as Error).message });
    }
    const compactAt = own.compact_at ?? raw.defaults?.compact_at;
    const compactGoal = own.compact_goal ?? raw.defaults?.compact_goal;
    return {
      name,
      cwd: path.resolve(dir, expandHome(own.cwd ?? raw.defaults?.cwd ?? '.')),
      agent,
      env: { ...raw.defaults?.env, ...own.env },
      worktree: own.worktree ?? raw.defaults?.worktree ?? false,
      ...(own.task !== undefined ? { task: own.task } : {}),
      ...(compactAt !== undefined ? { compactAt } : {}),
      ...(compactGoal !== undefined ? { compactGoal } : {}),
    };
  });
  return { workers, problems };
}

/** Each worker's `task`, then `tasks`, with ids: as written, or `<worker>-<n>`. */
export function buildTasks(raw: RawTeam, workerNames: ReadonlySet<string>): { tasks: SourcedTask[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const written = [
    ...Object.entries(raw.workers).flatMap(([name, w]) =>
      w.task === undefined ? [] : [{ id: undefined, worker: name, text: w.task, after: [] as string[], at: ['workers', name], textField: 'task' }]),
    ...(raw.tasks ?? []).map((t, i) => ({ ...t, at: ['tasks', i], textField: 'text' })),
  ];
  const firstAt = new Map<string, FieldPath>();
  for (const t of written) {
    if (t.id === undefined) continue;
    if (!TASK_ID.test(t.id)) {
      problems.push({ path: [...t.at, 'id'], message: `"${t.id}" is not a valid task id: start with a letter or digit and use only letters, digits, ., - and _` });
    }
    const first = firstAt.get(t.id);
    if (first) problems.push({ path: [...t.at, 'id'], message: `duplicate task id "${t.id}" (also ${formatField(first)})` });
    else firstAt.set(t.id, t.at);
  }
  const counters = new Map<string, number>();
  const tasks = written.map((t): SourcedTask => {
    if (!workerNames.has(t.worker)) {
      problems.push({ path: [...t.at, 'worker'], message: `no worker "${t.worker}" (known: ${[...workerNames].join(', ') || 'none'})` });
    }
    let id = t.id;
    while (id === undefined || (t.id === undefined && firstAt.has(id))) {
      const n = (counters.get(t.worker) ?? 0) + 1;
      counters.set(t.worker, n);
      id = `${t.worker}-${n}`;
    }
    if (t.id === undefined) firstAt.set(id, t.at);
    const title = 'title' in t && t.title !== undefined ? { title: t.title } : {};
    return { id, worker: t.worker, text: t.text, ...title, after: t.after, at: t.at, textAt: [...t.at, t.textField] };
  });
  return { tasks, problems };
}

