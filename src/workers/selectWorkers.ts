import type { PaneInfo } from '../tmux/paneFormat.js';
import { isOrchSelf } from './agentBoundary.js';

export interface WorkerFilter {
  /** orch-tui's own pane: never a worker. */
  ownPane?: string;
  /** `--session GLOB`: only sessions whose name matches. */
  sessionGlob?: string;
}

/** A shell-style glob (`*`, `?`, `[abc]`) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inClass = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (inClass) {
      if (ch === ']') inClass = false;
      if (ch === '\\') source += '\\\\';
      else if (ch === '!' && glob[i - 1] === '[') source += '^';
      else source += ch;
    } else if (ch === '[' && glob.indexOf(']', i + 2) > i) {
      inClass = true;
      source += ch;
    } else if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`);
  }
}

/**
 * The panes that are workers: every pane of the server except orch-tui's own
 * (this process's, and any pane where another orch-tui dashboard, `run` or
 * MCP server says it runs) and the sessions it made for its channel,
 * narrowed by `--session`, in session, window, pane order so a session's
 * panes stay together.
 */
export function selectWorkers(panes: readonly PaneInfo[], filter: WorkerFilter = {}): PaneInfo[] {
  const glob = filter.sessionGlob ? globToRegExp(filter.sessionGlob) : undefined;
  return panes
    .filter((p) => p.paneId !== filter.ownPane && p.controlTag === '' && !isOrchSelf(p))
    .filter((p) => !glob || glob.test(p.sessionName))
    .sort(
      (a, b) =>
        a.sessionName.localeCompare(b.sessionName) ||
        a.windowIndex - b.windowIndex ||
        a.paneIndex - b.paneIndex,
    );
}

/** The session name, with `:window.pane` when the session holds several panes. */
export function workerName(p: PaneInfo): string {
  return (p.sessionPanes ?? 1) > 1 ? `${p.sessionName}:${p.windowIndex}.${p.paneIndex}` : p.sessionName;
}
