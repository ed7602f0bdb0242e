import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { findWorker } from '../workers/findWorker.js';
import { createWorker, type NewWorker, type NewWorkerRequest } from './createWorker.js';
import type { Dispatcher } from './dispatcher.js';
import type { SendOutcome } from './checkedSend.js';
import { observePane } from './observePane.js';
import { cachedStateSources } from '../agents/stateSources.js';
import { claudeInputText } from './claudeInputBox.js';
import { cleanLines } from '../state/screenLines.js';

/** How a new worker's start went: ready for input, asking the user something, dead, or still starting. */
export type StartResult =
  | { kind: 'ready' }
  | { kind: 'asks'; reason: string }
  | { kind: 'died'; status: number | undefined; lastLines: string[] }
  | { kind: 'slow'; state: string; reason: string };

/** The agent of a new worker ended before it was ready: its status and what it printed. */
export class WorkerDiedError extends Error {
  constructor(message: string, readonly worker: NewWorker, readonly status: number | undefined, readonly lastLines: string[]) {
    super(message);
  }
}

/** How long a screen must stay the same to count as drawn. */
const STEADY_MS = 500;
/**
 * A program that is not an agent and still runs this long after its start
 * has started, drawn or not: a server, a `sleep` or a `tail -f` may never
 * draw anything, and waiting for a screen would hold `new` for its whole
 * timeout. A program that dies at once has died by then.
 */
const QUIET_PROGRAM_STARTED_MS = 1500;
/** tmux's own line under a dead pane's output: `Pane is dead (status 127, <date>)`. */
const TMUX_DEAD_LINE = /^Pane is dead \((?:status (\d+))?/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watch a new worker until it can take input: an agent idle at its prompt
 * (Claude: its input box showing), any other program or shell with
 * something on its screen that has stopped changing, or still running after
 * QUIET_PROGRAM_STARTED_MS. A pane that dies first
 * gives its exit status and last lines.
 */
export async function waitUntilStarted(adapter: TmuxAdapter, paneId: string, timeoutMs: number): Promise<StartResult> {
  const sources = cachedStateSources(1000);
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  let screen = '';
  let steadySince = Date.now();
  for (;;) {
    const seen = await observePane(adapter, paneId, sources);
    const lines = cleanLines(seen.lines);
    if (seen.pane.dead) return deathOf(adapter, paneId, seen.pane.deadStatus);
    const { state, reason } = seen.decision;
    if (state === 'waiting') return { kind: 'asks', reason };
    const now = lines.join('\n');
    if (now !== screen) [screen, steadySince] = [now, Date.now()];
    const drawn = now.trim() !== '' && Date.now() - steadySince >= STEADY_MS;
    const ready =
      seen.kind === 'generic'
        ? drawn || Date.now() - startedAt >= QUIET_PROGRAM_STARTED_MS
        : state === 'idle' && drawn && (seen.kind !== 'claude' || claudeInputText(seen.lines) !== undefined);
    if (ready) return { kind: 'ready' };
    if (Date.now() >= deadline) return { kind: 'slow', state, reason };
    await sleep(150);
  }
}

/**
 * What a dead pane printed and how it ended. Its scrollback counts: the
 * first line a program prints as it starts can already sit above the screen.
 * Whether tmux fills `pane_dead_status` is a race (see the Claude fixtures'
 * README); its "Pane is dead (status N" line says it otherwise.
 */
async function deathOf(adapter: TmuxAdapter, paneId: string, status: number | undefined): Promise<StartResult> {
  // The pane can be seen dead a moment before tmux has its status, or has
  // read the last of its output: look a few more times.
  // Its last output may still be on its way into the pane (a line seen as `env:` alone): the
  // same lines twice in a row count as all of it.
  let before = '';
  for (let look = 0; ; look++) {
    const history = cleanLines(await adapter.run(['capture-pane', '-p', '-J', '-S', '-200', '-t', paneId]).catch(() => []));
    const deadLine = history.map((line) => TMUX_DEAD_LINE.exec(line)).find(Boolean);
    const known = status ?? (deadLine?.[1] === undefined ? undefined : Number(deadLine[1]));
    const printed = history.filter((line) => line.trim() !== '' && !TMUX_DEAD_LINE.test(line));
    const settled = printed.length > 0 && printed.join('\n') === before;
    before = printed.join('\n');
    if ((known !== undefined && settled) || look >= 5) {
      return { kind: 'died', status: known, lastLines: printed.slice(-5) };
    }
    await sleep(100);
    const [raw] = await adapter.run(['display-message', '-p', '-t', paneId, '#{pane_dead_status}']).catch(() => ['']);
    if (raw && /^\d+$/.test(raw.trim())) status = Number(raw.trim());
  }
}

/** `nosuch exited at once with status 127; its last lines:` and the lines, indented. */
export function describeDeath(worker: NewWorker, agent: string, died: Extract<StartResult, { kind: 'died' }>): string {
  // In about one death in twenty tmux records no status at all (pty EOF wins the race with SIGCHLD).
  const status = died.status === undefined ? ' (tmux did not record its exit status)' : ` with status ${died.status}`;
  const tail = died.lastLines.length ? `; its last lines:\n${died.lastLines.map((l) => `  ${l}`).join('\n')}` : ' and printed nothing';
  return `${worker.name} (${worker.paneId}): \`${agent}\` exited at once${status}${tail}\n` +
    `Its pane is kept to look at; orch-tui kill ${worker.name} --yes removes it.`;
}

/**
 * Create a worker, wait until it can take input, and then (when given)
 * send its first task: the `new` verb, the MCP `create_worker` tool and
 * the dashboard's new-worker form. An agent that dies at once is an error
 * that says how it ended.
 */
export async function startWorker(
  deps: { server: TmuxServerSelection; adapter: TmuxAdapter; dispatcher: Dispatcher },
  request: NewWorkerRequest,
  task: string | undefined,
  timeoutMs: number,
): Promise<{ worker: NewWorker; started: StartResult; task?: SendOutcome }> {
  const worker = await createWorker(deps.server, deps.adapter, request);
  const started = await waitUntilStarted(deps.adapter, worker.paneId, timeoutMs);
  if (started.kind === 'died') {
    throw new WorkerDiedError(describeDeath(worker, request.agent ?? 'claude', started), worker, started.status, started.lastLines);
  }
  if (!task) return { worker, started };
  if (started.kind !== 'ready') {
    const message = started.kind === 'asks'
      ? `${worker.name} stopped to ask something before its first task (${started.reason}); the task was not sent: answer it, then send the task.`
      : `${worker.name} was not ready for its first task within ${Math.round(timeoutMs / 1000)} s (still ${started.state}: ${started.reason}); the task was not sent.`;
    return {
      worker, started,
      task: { delivered: false, untouched: true, paneId: worker.paneId, worker: worker.name, message, enterPresses: 0, elapsedMs: 0 },
    };
  }
  const { pane } = await findWorker(deps.adapter, worker.paneId);
  const outcome = await deps.dispatcher.send(pane, task, { whenIdle: true, timeoutMs });
  return { worker, started, task: outcome };
}
