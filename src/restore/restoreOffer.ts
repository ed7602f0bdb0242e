import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { restoreWorkers, type RestoreReport } from './restoreWorkers.js';

/**
 * The recorded workers a dashboard starting on a fresh server may offer to
 * restore: those of a server that is gone (not one killed on this one).
 * Empty when there are none or the records cannot be read.
 */
export async function workersToOffer(adapter: TmuxAdapter): Promise<string[]> {
  const plan = await restoreWorkers(adapter, { dryRun: true }).catch(() => undefined);
  return plan ? plan.steps.flatMap((s) => (s.kind === 'restore' ? [s.record.name] : [])) : [];
}

/** The one line that offers them (the key comes from the key table). */
export function offerLine(names: readonly string[], key: string): string {
  const who = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return `${names.length} recorded ${names.length === 1 ? 'worker is' : 'workers are'} missing from this tmux server (${who}): press ${key} to restore ${names.length === 1 ? 'it' : 'them'} (a Claude resumes its conversation).`;
}

/** What a restore did, in one line for the message line, and whether all came back. */
export function restoreLine(report: RestoreReport): { message: string; ok: boolean } {
  const back = report.restored.map((w) => (w.conversation ? w.name : `${w.name} (fresh)`));
  const parts = [
    ...(back.length ? [`Restored ${back.join(', ')}.`] : []),
    ...report.notRestored.map((m) => `${m.name} was not restored: ${m.reason}.`),
  ];
  return { message: parts.length ? parts.join(' ') : 'Nothing was missing.', ok: report.notRestored.length === 0 };
}
