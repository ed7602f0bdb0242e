import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { TargetGoneError } from '../tmux/tmuxErrors.js';
import { checkedSend, type SendOutcome } from './checkedSend.js';
import { probeForPane } from './probeForPane.js';
import { BUSY_STATES } from './workerProbe.js';
import { workerName } from '../workers/selectWorkers.js';
import { observePane } from './observePane.js';
import type { AgentKind } from '../state/agentState.js';

export interface DispatchOptions {
  whenIdle?: boolean;
  /** ms */
  timeoutMs?: number;
  /** Sent by the task queue: a shell's foreground job is busy (as with whenIdle), but a busy worker is refused, not waited for. */
  queued?: boolean;
}

export interface DispatcherDeps {
  adapter: TmuxAdapter;
  lockDir: string;
  probeFor?: typeof probeForPane;
  /**
   * Why nothing may be typed into this pane, or undefined: an agent's
   * dispatcher (MCP) types only into managed agents (see agentBoundary).
   */
  mayNotType?: (pane: PaneInfo, kind: AgentKind) => string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The dispatcher's policy says no: nothing was typed. */
export class SendRefusedError extends Error {}

/**
 * Every action on a worker, one code path for the dashboard's keys and the
 * CLI verbs: each returns an outcome that says what happened.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const probeFor = deps.probeFor ?? probeForPane;
  const alive = async (pane: PaneInfo) => {
    const [dead] = await deps.adapter.run(['display-message', '-p', '-t', pane.paneId, '#{pane_dead}']).catch((error: unknown) => {
      if (error instanceof TargetGoneError) return ['gone'];
      throw error;
    });
    if (dead === undefined || dead === '' || dead === 'gone') throw new TargetGoneError(`${workerName(pane)} (${pane.paneId}) is gone.`, { command: 'tmux', args: [] });
  };

  async function send(pane: PaneInfo, text: string, options: DispatchOptions = {}): Promise<SendOutcome> {
    await alive(pane);
    if (deps.mayNotType) {
      const refused = deps.mayNotType(pane, (await observePane(deps.adapter, pane.paneId)).kind);
      if (refused) throw new SendRefusedError(refused);
    }
    const probe = await probeFor(deps.adapter, pane, { waitForShellJobs: options.whenIdle === true || options.queued === true });
    return checkedSend(
      { paneId: pane.paneId, label: workerName(pane), text, whenIdle: options.whenIdle, timeoutMs: options.timeoutMs },
      { adapter: deps.adapter, probe, lockDir: deps.lockDir },
    );
  }

  /** Wait until the worker is no longer busy (after /clear, or a new agent starting). */
  async function waitUntilIdle(pane: PaneInfo, timeoutMs: number): Promise<void> {
    const probe = await probeFor(deps.adapter, pane);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { state } = await probe.state();
      if (!BUSY_STATES.has(state)) return;
      if (Date.now() > deadline) return;
      await sleep(200);
    }
  }

  return {
    send,
    /**
     * The same text to several workers at once. A dead pane (kept by
     * remain-on-exit) is no target: it gets a `skipped` outcome, so whether
     * every live worker got the text is what counts.
     */
    broadcast: (panes: readonly PaneInfo[], text: string, options: DispatchOptions = {}) =>
      Promise.all(
        panes.map((pane) =>
          pane.dead
            ? skippedOutcome(pane)
            : send(pane, text, options).catch(
                (error: unknown): SendOutcome => ({
                  delivered: false, paneId: pane.paneId, worker: workerName(pane),
                  message: error instanceof Error ? error.message : String(error), enterPresses: 0, elapsedMs: 0,
                }),
              ),
        ),
      ),
    compact: (pane: PaneInfo, goal: string | undefined, options: DispatchOptions = {}) =>
      send(pane, goal ? `/compact ${goal}` : '/compact', options),
    /** `/clear`, then (once the agent is ready again) the new task. */
    async clear(pane: PaneInfo, task: string | undefined, options: DispatchOptions = {}): Promise<SendOutcome[]> {
      const cleared = await send(pane, '/clear', options);
      if (!cleared.delivered || !task) return [cleared];
      await waitUntilIdle(pane, 30_000);
      return [cleared, await send(pane, task, { ...options, whenIdle: true, timeoutMs: options.timeoutMs ?? 60_000 })];
    },
    async interrupt(pane: PaneInfo): Promise<void> {
      await alive(pane);
      await deps.adapter.run(['send-keys', '-t', pane.paneId, 'Escape']);
    },
    waitUntilIdle,
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

function skippedOutcome(pane: PaneInfo): SendOutcome {
  const status = pane.deadStatus === undefined ? '' : ` with status ${pane.deadStatus}`;
  return {
    delivered: false, skipped: true, paneId: pane.paneId, worker: workerName(pane),
    message: `${workerName(pane)} has exited${status}: skipped.`, enterPresses: 0, elapsedMs: 0,
  };
}
