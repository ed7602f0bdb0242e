import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFiles, parseNumstat } from '../../src/report/gitChanges.js';

let root: string;
const git = (dir: string, ...args: string[]) =>
  execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-C', dir, ...args]);

async function repoWithCommit(): Promise<string> {
  const dir = path.join(root, 'repo');
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await git(dir, 'init', '-q');
  await writeFile(path.join(dir, 'src', 'app.ts'), 'one\ntwo\nthree\n');
  await writeFile(path.join(dir, 'README.md'), 'readme\n');
  await writeFile(path.join(dir, '.gitignore'), 'dist/\n');
  await git(dir, 'add', '.');
  await git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'orch-git-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('changedFiles', () => {
  it('counts a modified file, a new untracked file and a binary, and skips ignored files', async () => {
    const dir = await repoWithCommit();
    await writeFile(path.join(dir, 'src', 'app.ts'), 'one\nTWO\nthree\nfour\n');
    await writeFile(path.join(dir, 'src', 'new.ts'), 'a\nb\nno final newline');
    await writeFile(path.join(dir, 'logo.bin'), Buffer.from([0, 1, 2, 0, 10]));
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', 'out.js'), 'ignored\n');
    await writeFile(path.join(dir, 'odd name\twith tab.txt'), 'x\n');
    expect(await changedFiles(dir)).toEqual({
      repo: true,
      files: [
        { path: 'logo.bin', added: 0, removed: 0 },
        { path: 'odd name\twith tab.txt', added: 1, removed: 0 },
        { path: 'src/app.ts', added: 2, removed: 1 },
        { path: 'src/new.ts', added: 3, removed: 0 },
      ],
    });
  });

  it('reports a committed binary file changed as 0/0 and a deletion as lines removed', async () => {
    const dir = await repoWithCommit();
    await writeFile(path.join(dir, 'data.bin'), Buffer.from([0, 1, 2]));
    await git(dir, 'add', 'data.bin');
    await git(dir, 'commit', '-q', '-m', 'bin');
    await writeFile(path.join(dir, 'data.bin'), Buffer.from([0, 9, 9, 9]));
    await rm(path.join(dir, 'README.md'));
    expect((await changedFiles(dir)).files).toEqual([
      { path: 'README.md', added: 0, removed: 1 },
      { path: 'data.bin', added: 0, removed: 0 },
    ]);
  });

  it('keeps to the directory asked about, with paths relative to it', async () => {
    const dir = await repoWithCommit();
    await writeFile(path.join(dir, 'README.md'), 'changed\n');
    await writeFile(path.join(dir, 'src', 'app.ts'), 'one\n');
    await writeFile(path.join(dir, 'src', 'more.ts'), 'x\ny\n');
    expect(await changedFiles(path.join(dir, 'src'))).toEqual({
      repo: true,
      files: [
        { path: 'app.ts', added: 0, removed: 2 },
        { path: 'more.ts', added: 2, removed: 0 },
      ],
    });
  });

  it('says no changes in a clean repository', async () => {
    expect(await changedFiles(await repoWithCommit())).toEqual({ repo: true, files: [] });
  });

  it('counts only the first maxReadBytes of a large untracked file', async () => {
    const dir = await repoWithCommit();
    await writeFile(path.join(dir, 'big.txt'), 'line\n'.repeat(1000));
    const { files } = await changedFiles(dir, { maxReadBytes: 50 });
    expect(files).toEqual([{ path: 'big.txt', added: 10, removed: 0 }]);
  });

  it('works in a repository with no commit yet, from the index', async () => {
    const dir = path.join(root, 'fresh');
    await mkdir(dir);
    await git(dir, 'init', '-q');
    await writeFile(path.join(dir, 'staged.ts'), '1\n2\n');
    await writeFile(path.join(dir, 'loose.ts'), '1\n');
    await git(dir, 'add', 'staged.ts');
    expect(await changedFiles(dir)).toEqual({
      repo: true,
      files: [
        { path: 'loose.ts', added: 1, removed: 0 },
        { path: 'staged.ts', added: 2, removed: 0 },
      ],
    });
  });

  it('says so for a directory that is not a repository, or does not exist', async () => {
    const plain = path.join(root, 'plain');
    await mkdir(plain);
    await writeFile(path.join(plain, 'file.txt'), 'x\n');
    expect(await changedFiles(plain)).toEqual({ repo: false, files: [] });
    expect(await changedFiles(path.join(root, 'nowhere'))).toEqual({ repo: false, files: [] });
  });
});

describe('parseNumstat', () => {
  it('reads renames and binaries from -z output', () => {
    expect(parseNumstat('3\t1\ta.ts\0-\t-\timg.png\0' + '0\t0\t\0old.ts\0new.ts\0' + '2\t0\tz.ts\0')).toEqual([
      { path: 'a.ts', added: 3, removed: 1 },
      { path: 'img.png', added: 0, removed: 0 },
      { path: 'new.ts', added: 0, removed: 0 },
      { path: 'z.ts', added: 2, removed: 0 },
    ]);
  });
});
