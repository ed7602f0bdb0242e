import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

/** A worktree could not be made or found; the message says why in one sentence. */
export class WorktreeError extends Error {}

export interface Worktree {
  /** The worktree's top directory: `<repoParent>/<repoName>-<name>`. */
  path: string;
  branch: string;
  /** False when an existing worktree was reused. */
  created: boolean;
  /** Where the worker starts: the same place inside the worktree as the cwd was inside the repository. */
  cwd: string;
}

async function git(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const result = await execa('git', args, { reject: false, stdin: 'ignore' });
  if ((result as { code?: string }).code === 'ENOENT') {
    throw new WorktreeError('git is not installed (no `git` on PATH); worktree: true needs it.');
  }
  return { ok: result.exitCode === 0, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '').trim() };
}

/** The repository holding `cwd` and where `cwd` sits in it, or undefined outside any repository. */
export async function repositoryOf(cwd: string): Promise<{ root: string; prefix: string } | undefined> {
  const result = await git(['-C', cwd, 'rev-parse', '--show-toplevel', '--show-prefix']);
  if (!result.ok) return undefined;
  const [root = '', prefix = ''] = result.stdout.split('\n');
  return root === '' ? undefined : { root, prefix };
}

/** `<repoParent>/<repoName>-<name>`: beside the repository, never inside it. */
export function worktreePathFor(repoRoot: string, name: string): string {
  return path.join(path.dirname(repoRoot), `${path.basename(repoRoot)}-${name}`);
}

async function canonical(p: string): Promise<string> {
  return realpath(p).catch(() => path.resolve(p));
}

/** The worktrees git knows of, from `worktree list --porcelain`. */
async function listWorktrees(root: string): Promise<Array<{ path: string; branch?: string }>> {
  const result = await git(['-C', root, 'worktree', 'list', '--porcelain']);
  if (!result.ok) throw new WorktreeError(`git worktree list failed in ${root}: ${result.stderr}`);
  const entries: Array<{ path: string; branch?: string }> = [];
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('worktree ')) entries.push({ path: line.slice('worktree '.length) });
    else if (line.startsWith('branch ') && entries.length > 0) {
      entries[entries.length - 1]!.branch = line.slice('branch '.length).replace(/^refs\/heads\//, '');
    }
  }
  return entries;
}

/**
 * Make (or reuse) the worktree on branch `orch/<name>` beside the repository
 * that holds `cwd`: `git -C <root> worktree add -b orch/<name> <root>-<name>`.
 */
export async function ensureWorktree(cwd: string, name: string): Promise<Worktree> {
  const repo = await repositoryOf(cwd);
  if (!repo) throw new WorktreeError(`worktree: true needs a git repository, but ${cwd} is not in one.`);
  const target = worktreePathFor(repo.root, name);
  const branch = `orch/${name}`;
  const result = (created: boolean): Worktree => ({ path: target, branch, created, cwd: path.resolve(target, repo.prefix) });

  const wanted = await canonical(target);
  const onDisk = await stat(target).then(() => true, () => false);
  for (const entry of await listWorktrees(repo.root)) {
    if ((await canonical(entry.path)) !== wanted) continue;
    if (onDisk) return result(false);
    // Registered but its directory was deleted: forget it, then make it again.
    await git(['-C', repo.root, 'worktree', 'prune']);
  }
  if (onDisk) {
    throw new WorktreeError(`${target} exists but is not a worktree of ${repo.root}; move it away or set worktree: false.`);
  }
  const branchExists = (await git(['-C', repo.root, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])).ok;
  const args = branchExists
    ? ['-C', repo.root, 'worktree', 'add', target, branch]
    : ['-C', repo.root, 'worktree', 'add', '-b', branch, target];
  const added = await git(args);
  if (!added.ok) {
    const why = added.stderr.split('\n').filter((l) => !l.startsWith('Preparing')).join(' ').trim();
    throw new WorktreeError(`Could not make the worktree ${target} on branch ${branch}: ${why || 'git worktree add failed'}.`);
  }
  return result(true);
}
