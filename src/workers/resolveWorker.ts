import type { PaneInfo } from '../tmux/paneFormat.js';
import { workerName } from './selectWorkers.js';

export class UnknownWorkerError extends Error {}

/**
 * Find the pane a user means by WORKER: a pane id (`%3`), a worker name as
 * shown in `ls` (a session name, or `session:window.pane` for sessions with
 * several panes), or `session:window.pane` for any pane. Names match
 * exactly; tmux's prefix matching is never used.
 */
export function resolveWorker(workers: readonly PaneInfo[], spec: string): PaneInfo {
  if (/^%\d+$/.test(spec)) {
    const pane = workers.find((p) => p.paneId === spec);
    if (pane) return pane;
    throw new UnknownWorkerError(`No worker pane ${spec} on this server (see orch-tui ls).`);
  }
  const byName = workers.filter((p) => workerName(p) === spec);
  if (byName.length === 1) return byName[0]!;
  const qualified = /^(.*):(\d+)\.(\d+)$/.exec(spec);
  if (qualified) {
    const [, session, w, p] = qualified;
    const pane = workers.find(
      (x) => x.sessionName === session && x.windowIndex === Number(w) && x.paneIndex === Number(p),
    );
    if (pane) return pane;
  }
  const inSession = workers.filter((p) => p.sessionName === spec);
  if (inSession.length > 1) {
    const names = inSession.map(workerName).join(', ');
    throw new UnknownWorkerError(`Session ${spec} holds ${inSession.length} panes; name one: ${names}.`);
  }
  throw new UnknownWorkerError(`No worker named "${spec}" (see orch-tui ls).`);
}
