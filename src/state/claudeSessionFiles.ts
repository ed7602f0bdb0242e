/**
 * Claude Code's own status: `<config dir>/sessions/<pid>.json`, rewritten on
 * every status change and removed when the process ends. The first source
 * for a Claude worker's state; see notes/claude-code-harness.md.
 */
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { depthBelow, type ProcessTree } from './processTree.js';

/** The statuses Claude Code 2.1.328 was seen to write. */
export type ClaudeSessionStatus = 'idle' | 'busy' | 'waiting';

/** The fields orch-tui reads; the file holds more. */
export interface ClaudeSessionFile {
  pid: number;
  status: ClaudeSessionStatus;
  sessionId?: string;
  cwd?: string;
  version?: string;
  /** `session:@window.%pane` — without the server's socket, so only a hint. */
  tmux?: string;
  /** Why it waits, e.g. "permission prompt". */
  waitingFor?: string;
  /** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), as a string. */
  procStart?: string;
  updatedAt?: number;
  statusUpdatedAt?: number;
}

const STATUSES: readonly string[] = ['idle', 'busy', 'waiting'];

/** `$CLAUDE_CONFIG_DIR` when set, else `<HOME>/.claude`. */
export function claudeConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLAUDE_CONFIG_DIR) return env.CLAUDE_CONFIG_DIR;
  return join(env.HOME || homedir(), '.claude');
}

/**
 * Every readable session file in `<configDir>/sessions/`. Missing directory,
 * half-written or foreign files and unknown statuses are skipped silently:
 * the screen is the fallback for those workers.
 */
export async function readClaudeSessionFiles(configDir: string): Promise<ClaudeSessionFile[]> {
  const dir = join(configDir, 'sessions');
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(
    names.filter((name) => name.endsWith('.json')).map(async (name) => {
      try {
        return parseSessionFile(JSON.parse(await readFile(join(dir, name), 'utf8')));
      } catch {
        return undefined;
      }
    }),
  );
  return files.filter((f): f is ClaudeSessionFile => f !== undefined);
}

/** Validates one parsed file; undefined when it is not a session file we understand. */
export function parseSessionFile(raw: unknown): ClaudeSessionFile | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.pid !== 'number' || !Number.isInteger(r.pid) || typeof r.status !== 'string' || !STATUSES.includes(r.status)) {
    return undefined;
  }
  const file: ClaudeSessionFile = { pid: r.pid, status: r.status as ClaudeSessionStatus };
  for (const key of ['sessionId', 'cwd', 'version', 'tmux', 'waitingFor', 'procStart'] as const) {
    if (typeof r[key] === 'string') file[key] = r[key] as string;
  }
  for (const key of ['updatedAt', 'statusUpdatedAt'] as const) {
    if (typeof r[key] === 'number') file[key] = r[key] as number;
  }
  return file;
}

/** The pane id inside the file's `tmux` field (`w1:@0.%3` → `%3`). */
export function paneIdOf(file: ClaudeSessionFile): string | undefined {
  return /\.(%\d+)$/.exec(file.tmux ?? '')?.[1];
}

/**
 * The session file of the Claude running in a pane: its pid must be the
 * pane's pid or a descendant (the process tree decides — pane ids of two
 * tmux servers collide, so the file's `tmux` field only breaks ties), and
 * its `procStart` must match the live process (a reused pid is not believed).
 * Among several (a Claude started by a Claude), the one naming this pane,
 * then the nearest to the pane, wins.
 */
export function matchSessionFile(
  files: readonly ClaudeSessionFile[],
  pane: { paneId: string; panePid: number },
  tree: ProcessTree,
): ClaudeSessionFile | undefined {
  const candidates = files.flatMap((file) => {
    const live = tree.get(file.pid);
    if (!live) return []; // the process is gone: a stale file
    if (file.procStart !== undefined && file.procStart !== String(live.startTime)) return [];
    const depth = depthBelow(tree, file.pid, pane.panePid);
    return depth === undefined ? [] : [{ file, depth, namesPane: paneIdOf(file) === pane.paneId }];
  });
  candidates.sort((a, b) => Number(b.namesPane) - Number(a.namesPane) || a.depth - b.depth);
  return candidates[0]?.file;
}
