import path from 'node:path';
import { stateDir } from '../stateDir.js';

/**
 * Where the Claude Code workers orch-tui starts report to: one directory
 * per worker under `<state dir>/reports/<uuid>/`, holding the settings
 * layer it was started with (`settings.json`), the hook events it appended
 * (`events.jsonl`, `events.1.jsonl`) and its latest status line input
 * (`status.json`). The directory is named by a fresh uuid, not by the pane
 * (which does not exist yet when the settings are written) nor by the
 * worker's name (which a later worker may reuse).
 */
export function reportsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), 'reports');
}

export const REPORT_FILES = {
  settings: 'settings.json',
  events: 'events.jsonl',
  olderEvents: 'events.1.jsonl',
  status: 'status.json',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The report directory of a running Claude, from its own argv: the
 * `--settings` file orch-tui gave it, believed only when it is one of
 * orch-tui's (`<reports root>/<uuid>/settings.json`). So the events belong
 * to that very process, whatever pane it runs in.
 */
export function reportDirOfArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const root = reportsRoot(env);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '--settings' ? args[i + 1] : arg.startsWith('--settings=') ? arg.slice('--settings='.length) : undefined;
    if (value === undefined) continue;
    const dir = path.dirname(value);
    if (path.basename(value) === REPORT_FILES.settings && path.dirname(dir) === root && UUID.test(path.basename(dir))) return dir;
  }
  return undefined;
}
