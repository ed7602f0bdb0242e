import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formatField, lineAt, locate } from './sourceLocation.js';
import { knownFields, teamSchema, type RawTeam } from './teamSchema.js';
import { buildTasks, buildWorkers, settingAt } from './buildTeam.js';
import {
  checkAfterIds, checkCycles, checkResultRefs, inDependencyOrder, type Problem,
} from './taskGraph.js';
import { repositoryOf } from './worktree.js';

export interface TeamWorker {
  name: string;
  /** Absolute. With `worktree`, the directory the worktree is made from. */
  cwd: string;
  agent: string;
  env: Record<string, string>;
  worktree: boolean;
  /** The worker's first task, as written (it is also in `tasks`). */
  task?: string;
  /** `compact_at`, `compact_goal`: compact its context before its next task once this full (see autoCompact.ts). */
  compactAt?: number;
  compactGoal?: string;
}

export interface TeamTask {
  id: string;
  worker: string;
  text: string;
  title?: string;
  after: string[];
}

export interface Team {
  /** Absolute path of the team file (symlinks resolved): the `@orch_team` tag. */
  file: string;
  dir: string;
  workers: TeamWorker[];
  /** Dependencies before the tasks that wait for them, otherwise in file order. */
  tasks: TeamTask[];
}

/** Every problem in a team file, one `FILE:LINE: FIELD: what` per line. */
export class TeamFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'TeamFileError';
  }
}

/** The absolute, symlink-free path that names a team file (also when it no longer exists). */
export async function teamFileKey(file: string): Promise<string> {
  return realpath(file).catch(() => path.resolve(file));
}

/** A zod issue as a problem at the node it is about. */
function fromZod(issue: z.core.$ZodIssue): Problem[] {
  const at = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
  if (issue.code === 'unrecognized_keys') {
    const known = knownFields(at).join(', ');
    return issue.keys.map((key) => ({ path: [...at, key], atKey: true, message: `unknown field (expected one of: ${known})` }));
  }
  return [{ path: at, message: issue.message, fromSchema: true }];
}

interface Source {
  text: string;
  doc: Document;
  lines: LineCounter;
  /** The file as the user named it, for messages. */
  display: string;
}

function render(problem: Problem, src: Source): { line: number; text: string } {
  const where = locate(src.doc, problem.path, problem.atKey);
  let offset = where.offset;
  // A `{{result:x}}` deep in a block of text: point at its own line when it is written verbatim.
  const range = where.node?.range;
  if (problem.needle && where.exact && range) {
    const index = src.text.slice(range[0], range[1]).indexOf(problem.needle);
    if (index >= 0) offset = range[0] + index;
  }
  // The schema complains about a field that is absent as about a wrong one: say which it is.
  const message = problem.fromSchema && !where.exact ? `missing; ${problem.message}` : problem.message;
  const line = lineAt(src.lines, offset);
  return { line, text: `${src.display}:${line}: ${formatField(problem.path)}: ${message}` };
}

function fail(problems: readonly Problem[], src: Source): never {
  const rendered = problems.map((p) => render(p, src));
  // By line, so the list reads top to bottom like the file; stable for equal lines.
  rendered.sort((a, b) => a.line - b.line);
  throw new TeamFileError(rendered.map((r) => r.text));
}

/** What only the disk can tell: directories exist, a worktree's directory is in a repository. */
async function checkDirectories(raw: RawTeam, workers: readonly TeamWorker[]): Promise<Problem[]> {
  const problems = await Promise.all(workers.map(async (w): Promise<Problem | undefined> => {
    const isDir = await stat(w.cwd).then((s) => s.isDirectory(), () => false);
    if (!isDir) return { path: settingAt(raw, w.name, 'cwd'), message: `the directory ${w.cwd} does not exist` };
    if (w.worktree && !(await repositoryOf(w.cwd))) {
      return { path: settingAt(raw, w.name, 'worktree'), message: `worktree: true needs a git repository, but ${w.cwd} is not in one` };
    }
    return undefined;
  }));
  // One message per place: several workers may inherit the same bad default.
  const seen = new Set<string>();
  return problems.filter((p): p is Problem => {
    if (!p) return false;
    const key = `${formatField(p.path)} ${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Read and check a team file. Throws {@link TeamFileError} listing every
 * problem as `FILE:LINE: FIELD: what`. A relative `cwd` is taken from the file's directory.
 */
export async function loadTeamFile(file: string): Promise<Team> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TeamFileError([`${file}: cannot read the team file: ${error.code === 'ENOENT' ? 'no such file' : error.message}`]);
  });
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, prettyErrors: false });
  const src: Source = { text, doc, lines, display: file };
  if (doc.errors.length > 0) {
    throw new TeamFileError(doc.errors.map((e) => `${file}:${lineAt(lines, e.pos[0])}: YAML syntax: ${e.message.split('\n')[0]}`));
  }
  const parsed = teamSchema.safeParse(doc.toJS() ?? undefined);
  if (!parsed.success) fail(parsed.error.issues.flatMap(fromZod), src);
  const raw = parsed.data;

  const abs = await teamFileKey(file);
  const dir = path.dirname(abs);
  const built = buildWorkers(raw, dir);
  const graph = buildTasks(raw, new Set(built.workers.map((w) => w.name)));
  const edges = [...checkAfterIds(graph.tasks), ...checkCycles(graph.tasks)];
  // With a broken `after` the dependencies are unknown: `{{result:X}}` is checked once they are sound.
  const refs = edges.length === 0 ? checkResultRefs(graph.tasks) : [];
  const problems = [...built.problems, ...graph.problems, ...edges, ...refs];
  problems.push(...(await checkDirectories(raw, built.workers)));
  if (problems.length > 0) fail(problems, src);

  const tasks = inDependencyOrder(graph.tasks).map(({ id, worker, text: body, title, after }) => ({ id, worker, text: body, ...(title ? { title } : {}), after }));
  return { file: abs, dir, workers: built.workers, tasks };
}
