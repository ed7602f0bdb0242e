import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import type { WorkerProbe } from './workerProbe.js';
import { screenProbe } from './screenProbe.js';
import { claudeProbe } from './claudeProbe.js';
import { observePane } from './observePane.js';
import { cachedStateSources } from '../agents/stateSources.js';

export interface ProbeOptions {
  /**
   * Believe a shell's foreground job is busy (`--when-idle`, the task
   * queue): wait for `sleep`, a script or a build to end rather than type
   * into it. Without it (a one-off explicit send), a foreground program may
   * be a REPL waiting for input, and is not refused.
   */
  waitForShellJobs?: boolean;
}

/** The probe that fits the program running in the pane. */
export async function probeForPane(adapter: TmuxAdapter, pane: PaneInfo, options: ProbeOptions = {}): Promise<WorkerProbe> {
  // One process-table reader for the whole send.
  const sources = cachedStateSources();
  const { kind } = await observePane(adapter, pane.paneId, sources);
  if (kind === 'claude') return claudeProbe(adapter, pane.paneId, sources);
  return screenProbe(adapter, pane.paneId, async () => {
    const { decision, kind } = await observePane(adapter, pane.paneId, sources);
    // For a program that says nothing about itself, "working" only means
    // "something runs in the foreground" — a REPL waiting for input looks
    // the same. Someone who sends to it on purpose is not refused; agents
    // (which do say when they are busy) are, and so is a shell's job
    // (decided from /proc) when the caller waits for idle.
    const believed = options.waitForShellJobs === true && decision.source === 'proc';
    if (kind === 'generic' && decision.state === 'working' && !believed) {
      return { state: 'unknown', reason: `${decision.reason}; it may be waiting for input` };
    }
    return { state: decision.state, reason: decision.reason };
  });
}
