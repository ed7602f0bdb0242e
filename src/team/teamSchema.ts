import { z } from 'zod';

/**
 * The shape of orch.yaml, before the checks that need the whole file
 * (names, ids, `after`, cycles, `{{result:ID}}`). Unknown fields are errors:
 * a typo such as `aftr:` must not silently drop a dependency.
 */

const text = (what: string) => z.string({ error: `must be ${what}` });

/** YAML reads `PORT: 3000` as a number; an environment value is text either way. */
const envValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'must be text, a number or true/false' })
  .transform(String);

const env = z.record(z.string(), envValue, { error: 'must be a map of NAME: value' });

/** compact_at: compact the worker's context before its next task once it is this full. */
const compactAt = z.number({ error: 'must be a whole percentage from 1 to 100' }).int('must be a whole percentage from 1 to 100')
  .min(1, 'must be a whole percentage from 1 to 100').max(100, 'must be a whole percentage from 1 to 100');

export const defaultsSchema = z.strictObject(
  {
    cwd: text('a directory').optional(),
    agent: text('a command line').min(1, 'must not be empty').optional(),
    env: env.optional(),
    worktree: z.boolean({ error: 'must be true or false' }).optional(),
    compact_at: compactAt.optional(),
    compact_goal: text('text').min(1, 'must not be empty').optional(),
  },
  { error: 'must be a map with cwd, agent, env, worktree, compact_at or compact_goal' },
);

export const workerSchema = z.preprocess(
  // `backend:` with nothing after it is a worker that takes every default.
  (value) => value ?? {},
  z.strictObject(
    {
      cwd: text('a directory').optional(),
      agent: text('a command line').min(1, 'must not be empty').optional(),
      env: env.optional(),
      worktree: z.boolean({ error: 'must be true or false' }).optional(),
      task: text('text').min(1, 'must not be empty').optional(),
      compact_at: compactAt.optional(),
      compact_goal: text('text').min(1, 'must not be empty').optional(),
    },
    { error: 'must be a map with cwd, agent, env, worktree, task, compact_at or compact_goal' },
  ),
);

export const taskSchema = z.strictObject(
  {
    id: text('a task id').optional(),
    worker: text('a worker name'),
    text: text('text').min(1, 'must not be empty'),
    title: text('text').min(1, 'must not be empty').optional(),
    after: z.preprocess(
      // `after: api` is read as `after: [api]`.
      (value) => (typeof value === 'string' ? [value] : (value ?? [])),
      z.array(text('a task id'), { error: 'must be a list of task ids' }),
    ),
  },
  { error: 'must be a map with id, worker, text, title and after' },
);

export const teamSchema = z.strictObject(
  {
    defaults: defaultsSchema.optional(),
    workers: z.record(z.string(), workerSchema, { error: 'must be a map of worker name to its settings' }),
    tasks: z.array(taskSchema, { error: 'must be a list of tasks' }).optional(),
  },
  { error: 'the file must be a map with workers (and optionally defaults and tasks)' },
);

export type RawTeam = z.infer<typeof teamSchema>;
export type RawWorker = z.infer<typeof workerSchema>;
export type RawTask = z.infer<typeof taskSchema>;

export const FIELDS = {
  top: ['defaults', 'workers', 'tasks'],
  defaults: ['cwd', 'agent', 'env', 'worktree', 'compact_at', 'compact_goal'],
  worker: ['cwd', 'agent', 'env', 'worktree', 'task', 'compact_at', 'compact_goal'],
  task: ['id', 'worker', 'text', 'title', 'after'],
} as const;

/** Which fields an object at this path may have, for "unknown field" messages. */
export function knownFields(path: ReadonlyArray<PropertyKey>): readonly string[] {
  if (path.length === 0) return FIELDS.top;
  if (path[0] === 'defaults') return FIELDS.defaults;
  if (path[0] === 'workers') return FIELDS.worker;
  return FIELDS.task;
}
