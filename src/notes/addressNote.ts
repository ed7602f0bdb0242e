import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { findWorker } from '../workers/findWorker.js';
import { ALL } from './noteTypes.js';

/**
 * `--to` values as worker names: `all`, or each a worker this adapter can
 * see (a pane id or `session:window.pane` becomes its name). Through an
 * agent's adapter (managed panes only) an unmanaged name fails as a missing
 * one does. Comma-separated lists are split.
 */
export async function resolveAddressees(adapter: TmuxAdapter, to: readonly string[]): Promise<string[]> {
  const names = to.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  if (names.includes(ALL)) return [ALL, ...names.filter((n) => n !== ALL)];
  const resolved: string[] = [];
  for (const spec of names) resolved.push((await findWorker(adapter, spec)).name);
  return [...new Set(resolved)];
}
