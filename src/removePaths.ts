import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

/**
 * What a quit removes (the demo's journal, locks, scratch repositories,
 * socket), whole. Its server's programs have exited by then (endServerNow),
 * but a child of theirs may still be finishing a write: a directory that is
 * not empty yet is tried again for half a second.
 */
const WHOLE = { recursive: true, force: true, maxRetries: 5, retryDelay: 100 } as const;

export async function removePaths(paths: readonly string[]): Promise<void> {
  for (const item of paths) await rm(item, WHOLE).catch(() => undefined);
}

/** The same, synchronously: for a process that is exiting. */
export function removePathsNow(paths: readonly string[]): void {
  for (const item of paths) rmSync(item, WHOLE);
}
