import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readProcessTree, type ProcessTree } from '../state/processTree.js';
import { REPORT_FILES, reportDirOfArgs, reportsRoot } from './reportPaths.js';

/** A report directory nothing has written to for this long, of a Claude no longer running, is removed. */
export const KEEP_REPORTS_MS = 24 * 60 * 60 * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** When anything in a report directory last changed. */
async function lastWrite(dir: string): Promise<number> {
  const times = await Promise.all(['', REPORT_FILES.events, REPORT_FILES.status, REPORT_FILES.settings].map((name) =>
    stat(path.join(dir, name)).then((s) => s.mtimeMs, () => 0)));
  return Math.max(...times);
}

/**
 * Keeps the reports room bounded: removes the report directories of
 * Claudes that no longer run (no live process was started with their
 * settings file) and that nothing wrote to for a day. The worker records
 * (with a Claude's conversation id) are kept elsewhere and stay. Returns
 * how many were removed; never throws.
 */
export async function pruneReports(
  env: NodeJS.ProcessEnv = process.env,
  options: { now?: number; keepMs?: number; tree?: ProcessTree } = {},
): Promise<number> {
  try {
    const root = reportsRoot(env);
    const names = (await readdir(root).catch(() => [] as string[])).filter((name) => UUID.test(name));
    const oldest = (options.now ?? Date.now()) - (options.keepMs ?? KEEP_REPORTS_MS);
    const quiet: string[] = [];
    for (const name of names) {
      const dir = path.join(root, name);
      if ((await lastWrite(dir)) <= oldest) quiet.push(dir);
    }
    // Only when something is old enough is the process table read (a /proc walk).
    if (quiet.length === 0) return 0;
    const tree = options.tree ?? (await readProcessTree());
    const live = new Set<string>();
    for (const p of tree.values()) {
      const dir = reportDirOfArgs(p.args, env);
      if (dir) live.add(dir);
    }
    const gone = quiet.filter((dir) => !live.has(dir));
    for (const dir of gone) await rm(dir, { recursive: true, force: true });
    return gone.length;
  } catch {
    return 0;
  }
}
