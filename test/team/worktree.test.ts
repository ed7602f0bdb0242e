import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { ensureWorktree, WorktreeError } from '../../src/team/worktree.js';
import { loadTeamFile, TeamFileError } from '../../src/team/teamFile.js';

let base: string;
let repo: string;

const git = async (...args: string[]) => (await execa('git', ['-C', repo, ...args])).stdout;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'orch-worktree-')));
  repo = path.join(base, 'app');
  await mkdir(path.join(repo, 'web'), { recursive: true });
  await writeFile(path.join(repo, 'web', 'index.ts'), 'export {};\n');
  await git('init', '-q');
  await git('add', '.');
  await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('ensureWorktree', () => {
  it('makes a worktree on orch/<name> beside the repository, then reuses it', async () => {
    const first = await ensureWorktree(path.join(repo, 'web'), 'backend');
    expect(first).toEqual({
      path: path.join(base, 'app-backend'), branch: 'orch/backend', created: true, cwd: path.join(base, 'app-backend', 'web'),
    });
    expect((await stat(path.join(first.cwd, 'index.ts'))).isFile()).toBe(true);
    expect(await git('worktree', 'list', '--porcelain')).toContain(`worktree ${first.path}\nHEAD`);
    expect(await execa('git', ['-C', first.path, 'branch', '--show-current']).then((r) => r.stdout)).toBe('orch/backend');

    const again = await ensureWorktree(repo, 'backend');
    expect(again).toMatchObject({ path: first.path, created: false, cwd: first.path });
  });

  it('makes the worktree again from the existing branch after its directory was deleted', async () => {
    const first = await ensureWorktree(repo, 'gone');
    await rm(first.path, { recursive: true, force: true });
    const again = await ensureWorktree(repo, 'gone');
    expect(again).toMatchObject({ path: first.path, branch: 'orch/gone', created: true });
    expect((await stat(path.join(again.path, 'web', 'index.ts'))).isFile()).toBe(true);
  });

  it('refuses a directory in the way that is not a worktree', async () => {
    await mkdir(path.join(base, 'app-squatter'));
    await expect(ensureWorktree(repo, 'squatter')).rejects.toThrow(/app-squatter exists but is not a worktree of .*app/);
  });

  it('says clearly when the directory is not in a git repository', async () => {
    const outside = await mkdtemp(path.join(base, 'plain-'));
    const error = await ensureWorktree(outside, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorktreeError);
    expect((error as Error).message).toBe(`worktree: true needs a git repository, but ${outside} is not in one.`);
  });

  it('is checked when the team file loads, with the line of the setting', async () => {
    const plain = await mkdtemp(path.join(base, 'team-'));
    const file = path.join(plain, 'orch.yaml');
    await writeFile(file, `workers:\n  inrepo:\n    cwd: ${repo}\n    worktree: true\n  outside:\n    worktree: true\n`);
    const error = await loadTeamFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamFileError);
    expect((error as Error).message).toBe(
      `${file}:6: workers.outside.worktree: worktree: true needs a git repository, but ${plain} is not in one`,
    );
  });
});
