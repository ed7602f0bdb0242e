import { randomBytes } from 'node:crypto';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { BUSY_STATES, type Submission, type WorkerProbe } from './workerProbe.js';
import { PaneBusyError, withPaneLock } from './paneLock.js';

export interface SendRequest {
  paneId: string;
  /** The worker's name, for messages. */
  label: string;
  text: string;
  /** Wait for the worker to be idle instead of refusing a busy one. */
  whenIdle?: boolean;
  /** How long `whenIdle` may wait, ms. */
  timeoutMs?: number;
}

export interface SendOutcome {
  delivered: boolean;
  paneId: string;
  worker: string;
  /** One sentence: what happened, or why the text was not delivered. */
  message: string;
  /** What showed the text was submitted. */
  evidence?: string;
  /** When what arrived was not the text: what the worker received instead (only its first part, or another text). */
  arrived?: string;
  /** Nothing was typed (the worker was busy, not ready, or another send held it): it may be sent again. */
  untouched?: boolean;
  /** Not a target at all (a broadcast passes over a worker that has exited). */
  skipped?: boolean;
  enterPresses: number;
  elapsedMs: number;
}

export interface SendDeps {
  adapter: TmuxAdapter;
  probe: WorkerProbe;
  /** Directory for the per-pane lock files. */
  lockDir: string;
  /** Timing knobs; tests keep the defaults. */
  settleMs?: number;
  confirmMs?: number;
  maxEnters?: number;
  /** How long an agent that took the text may take to say what arrived, ms. */
  verifyMs?: number;
  /** How long a worker that is not busy may take to show it can take a paste, ms. */
  readyMs?: number;
  /** How long an agent that can show the paste in its input box may take to show it before Enter, ms. */
  pasteMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SendError extends Error {}

/**
 * The checked send: the text lands exactly once and exactly as written, or
 * the caller learns why not. Copy mode is left first; the text goes into a
 * uniquely named buffer and is pasted (bracketed when the program asked for
 * it, newlines kept as LF) so a multi-line task is one message; after the
 * screen settles Enter is pressed, and pressed again (never the text) until
 * the agent shows it took the message.
 */
export async function checkedSend(request: SendRequest, deps: SendDeps): Promise<SendOutcome> {
  const started = Date.now();
  const outcome = (delivered: boolean, message: string, extra: Partial<SendOutcome> = {}): SendOutcome => ({
    delivered, paneId: request.paneId, worker: request.label, message, enterPresses: 0,
    elapsedMs: Date.now() - started, ...extra,
  });
  if (request.text.length === 0) throw new SendError('There is nothing to send: the text is empty.');
  if (request.text.includes('\u0000')) throw new SendError('The text contains a NUL byte, which a terminal cannot carry.');
  return withPaneLock(deps.lockDir, request.paneId, request.label, () => sendLocked(request, deps, outcome)).catch((error: unknown) => {
    if (error instanceof PaneBusyError) return outcome(false, error.message, { untouched: true });
    throw error;
  });
}

async function sendLocked(
  request: SendRequest,
  deps: SendDeps,
  outcome: (delivered: boolean, message: string, extra?: Partial<SendOutcome>) => SendOutcome,
): Promise<SendOutcome> {
  const ready = await waitUntilReady(request, deps);
  if (ready) return outcome(false, ready, { untouched: true });
  const { adapter } = deps;
  const [mode] = await adapter.run(['display-message', '-p', '-t', request.paneId, '#{pane_in_mode}']);
  if (mode === '1') await adapter.run(['copy-mode', '-q', '-t', request.paneId]);
  const beforePaste = await deps.probe.beforePaste?.();
  const buffer = `orch-send-${process.pid}-${randomBytes(6).toString('hex')}`;
  await adapter.loadBuffer(buffer, request.text);
  await adapter.run(['paste-buffer', '-p', '-d', '-r', '-b', buffer, '-t', request.paneId]);
  await settle(adapter, request.paneId, deps.settleMs ?? 400);
  const mark = await deps.probe.mark(beforePaste);
  // A paste cut at a newline was submitted in part already: Enter would send the rest as a message of its own.
  if (beforePaste !== undefined) {
    const early = await submittedBeforeEnter(deps, mark, request.text);
    if (early) return outcome(false, '', describeSubmission(early, request.label));
  }
  const before = deps.probe.beforeEnter?.(request.text) ?? [];
  if (before.length) await adapter.run(['send-keys', '-t', request.paneId, ...before]);
  const maxEnters = deps.maxEnters ?? 3;
  for (let press = 1; press <= maxEnters; press++) {
    await adapter.run(['send-keys', '-t', request.paneId, 'Enter']);
    const seen = await watchSubmission(deps, mark, request.text);
    if (!seen) continue;
    return outcome(false, '', { enterPresses: press, ...describeSubmission(seen, request.label) });
  }
  return outcome(
    false,
    `The text was pasted into ${request.label} but it never showed that it was submitted after ${maxEnters} Enter presses; look at the worker.`,
    { enterPresses: maxEnters },
  );
}

/** The outcome's words for what the worker showed. Only a whole arrival is a delivery; nothing else is retried. */
function describeSubmission(seen: Submission, label: string): Partial<SendOutcome> & { message: string } {
  switch (seen.kind) {
    case 'whole':
      return { delivered: true, message: `Delivered to ${label} (${seen.evidence}).`, evidence: seen.evidence };
    case 'partial':
      return {
        arrived: seen.arrived,
        message: `Only part of the text reached ${label} as a message ("${clip(seen.arrived)}" was submitted on its own); it is not counted as delivered and nothing is retried: look at the worker.`,
      };
    case 'other':
      return { arrived: seen.arrived, message: `${label} received a different message than the text sent ("${clip(seen.arrived)}"); look at the worker.` };
    case 'taken':
      return { message: `${label} took the text (${seen.evidence}) but never showed what arrived; look at the worker.` };
  }
}

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text).replace(/\n/g, ' \u23ce ');

/**
 * Watch what the worker makes of the text after Enter. Nothing within
 * `confirmMs`: undefined (Enter may be pressed again). Once it took the
 * text it is never pressed again: wait up to `verifyMs` for it to say what
 * arrived.
 */
async function watchSubmission(deps: SendDeps, mark: unknown, text: string): Promise<Submission | undefined> {
  let deadline = Date.now() + (deps.confirmMs ?? 2500);
  let taken: Submission | undefined;
  for (;;) {
    const seen = await deps.probe.submitted(mark, text);
    if (seen && seen.kind !== 'taken') return seen;
    if (seen && !taken) {
      taken = seen;
      deadline = Date.now() + (deps.verifyMs ?? 15_000);
    }
    if (Date.now() >= deadline) return taken;
    await sleep(100);
  }
}

/**
 * Before Enter: undefined once the paste sits in the input box (or the
 * agent cannot say, or it has not shown within `pasteMs`); what arrived
 * when the agent took something during the paste itself (a paste cut at a
 * newline), watched until it says what, with no Enter pressed.
 */
async function submittedBeforeEnter(deps: SendDeps, mark: unknown, text: string): Promise<Submission | undefined> {
  const deadline = Date.now() + (deps.pasteMs ?? 5000);
  for (;;) {
    const seen = await deps.probe.submitted(mark, text);
    if (seen?.kind === 'whole') return undefined;
    if (seen?.kind === 'taken') return (await watchSubmission(deps, mark, text)) ?? seen;
    if (seen) return seen;
    if (!deps.probe.pasteShown || (await deps.probe.pasteShown(mark, text)) || Date.now() >= deadline) return undefined;
    await sleep(100);
  }
}

/** undefined when the worker may be typed into now; else why not. */
async function waitUntilReady(request: SendRequest, deps: SendDeps): Promise<string | undefined> {
  const deadline = Date.now() + (request.timeoutMs ?? 600_000);
  // An agent that is not busy may still be drawing its input box (just started, just finished a turn).
  const readyBy = Date.now() + (deps.readyMs ?? 10_000);
  for (;;) {
    const { state, reason } = await deps.probe.state();
    if (state === 'exited') throw new SendError(`${request.label} has exited (${reason}); nothing was sent.`);
    if (!BUSY_STATES.has(state)) {
      const notReady = await deps.probe.notReady?.();
      if (!notReady) return undefined;
      if (Date.now() >= Math.max(readyBy, request.whenIdle ? deadline : 0)) {
        return `${request.label} is not ready for input (${notReady}); nothing was sent.`;
      }
    } else if (!request.whenIdle) {
      return `${request.label} is busy (${state}: ${reason}); nothing was sent. Use --when-idle to wait for it.`;
    } else if (Date.now() >= deadline) {
      return `${request.label} stayed busy (${state}: ${reason}) for ${Math.round((request.timeoutMs ?? 0) / 1000)} s; nothing was sent.`;
    }
    await sleep(250);
  }
}

/** Wait until the pasted text has been drawn: the screen stops changing. */
async function settle(adapter: TmuxAdapter, paneId: string, minimumMs: number): Promise<void> {
  const start = Date.now();
  let previous = '';
  let stableSince = Date.now();
  while (Date.now() - start < 5000) {
    const screen = (await adapter.run(['capture-pane', '-p', '-t', paneId])).join('\n');
    if (screen !== previous) {
      previous = screen;
      stableSince = Date.now();
    }
    if (Date.now() - start >= minimumMs && Date.now() - stableSince >= 150) return;
    await sleep(50);
  }
}
