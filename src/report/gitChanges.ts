import { lstat, open } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

export interface FileChange {
  /** Relative to the directory asked about. */
  path: string;
  added: number;
  removed: number;
}

export interface GitChanges {
  repo: boolean;
  files: FileChange[];
  /** Set when git could not answer (timed out, not installed): the files are then unknown, not none. */
  error?: string;
}

export interface ChangedFilesOptions {
  /** Per git command; 2 s unless told. */
  timeoutMs?: number;
  /** Bytes read of each untracked file to count its lines; 1 MB unless told. */
  maxReadBytes?: number;
  /** Untracked files whose lines are counted; the rest are listed as +0. */
  maxUntrackedRead?: number;
}

const NOT_A_REPO = { repo: false, files: [] } as const;

/**
 * What changed in `dir` since HEAD: `git diff --numstat HEAD` for tracked
 * files, plus untracked (not ignored) files counted as all-added lines.
 * Restricted to `dir` itself (`--relative`), as a worker's cwd may be a
 * subdirectory of a larger repository.
 */
export async function changedFiles(dir: string, options: ChangedFilesOptions = {}): Promise<GitChanges> {
  const timeout = options.timeoutMs ?? 2000;
  const git = (args: string[]) =>
    execa('git', ['-C', dir, ...args], {
      timeout,
      reject: false,
      stripFinalNewline: false,
      // An agent may be running git in the same repository: never take the index lock.
      env: { GIT_OPTIONAL_LOCKS: '0' },
    });
  const [others, diff] = await Promise.all([
    git(['ls-files', '-z', '--others', '--exclude-standard']),
    git(['diff', '--numstat', '-z', '--relative', 'HEAD', '--']),
  ]);
  for (const result of [others, diff]) {
    if (result.timedOut) return { repo: true, files: [], error: `git timed out after ${timeout} ms` };
  }
  if (others.failed) {
    if ((others as { code?: string }).code === 'ENOENT') return { repo: false, files: [], error: 'git is not installed' };
    return { ...NOT_A_REPO, files: [] };
  }
  let numstat = diff.stdout;
  if (diff.failed) {
    // A repository without a first commit has no HEAD: the index is all there is to compare.
    const cached = await git(['diff', '--numstat', '-z', '--relative', '--cached', '--']);
    if (cached.failed) {
      return { repo: true, files: [], error: cached.timedOut ? `git timed out after ${timeout} ms` : firstLine(diff.stderr) };
    }
    numstat = cached.stdout;
  }
  const tracked = parseNumstat(numstat);
  const untrackedPaths = others.stdout.split('\0').filter(Boolean);
  const maxRead = options.maxUntrackedRead ?? 500;
  const untracked = await Promise.all(
    untrackedPaths.map(async (file, i) => ({
      path: file,
      added: i < maxRead ? await countLines(path.join(dir, file), options.maxReadBytes ?? 1024 * 1024) : 0,
      removed: 0,
    })),
  );
  return { repo: true, files: [...tracked, ...untracked].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/**
 * `git diff --numstat -z`: `added\tremoved\tpath\0`, or for a rename
 * `added\tremoved\t\0old\0new\0`; binary files show `-\t-`, counted 0/0.
 */
export function parseNumstat(out: string): FileChange[] {
  const fields = out.split('\0');
  const files: FileChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i]!);
    if (!match) continue;
    let file = match[3]!;
    if (file === '') {
      // Rename: the old path, then the new one.
      file = fields[i + 2] ?? '';
      i += 2;
    }
    if (file === '') continue;
    files.push({ path: file, added: toCount(match[1]!), removed: toCount(match[2]!) });
  }
  return files;
}

function toCount(field: string): number {
  return field === '-' ? 0 : Number(field);
}

/** Lines in the first `maxBytes` of a regular text file; 0 for binaries, links and the unreadable. */
async function countLines(file: string, maxBytes: number): Promise<number> {
  try {
    const info = await lstat(file);
    if (!info.isFile() || info.size === 0) return 0;
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, maxBytes));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const bytes = buffer.subarray(0, bytesRead);
      if (bytes.includes(0)) return 0; // git's own test for binary
      let lines = 0;
      for (const byte of bytes) if (byte === 0x0a) lines++;
      return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? lines + 1 : lines;
    } finally {
      await handle.close();
    }
  } catch {
    return 0;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'git diff failed';
}
