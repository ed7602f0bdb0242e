import { randomBytes } from 'node:crypto';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { BUSY_STATES, type WorkerProbe } from './workerProbe.js';
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
    if (error instanceof PaneBusyError) return outcome(false, error.message);
    throw error;
  });
}

async function sendLocked(
  request: SendRequest,
  deps: SendDeps,
  outcome: (delivered: boolean, message: string, extra?: Partial<SendOutcome>) => SendOutcome,
): Promise<SendOutcome> {
  const ready = await waitUntilReady(request, deps);
  if (ready) return outcome(false, ready);
  const { adapter } = deps;
  const [mode] = await adapter.run(['display-message', '-p', '-t', request.paneId, '#{pane_in_mode}']);
  if (mode === '1') await adapter.run(['copy-mode', '-q', '-t', request.paneId]);
  const buffer = `orch-send-${process.pid}-${randomBytes(6).toString('hex')}`;
  await adapter.loadBuffer(buffer, request.text);
  await adapter.run(['paste-buffer', '-p', '-d', '-r', '-b', buffer, '-t', request.paneId]);
  await settle(adapter, request.paneId, deps.settleMs ?? 400);
  const before = deps.probe.beforeEnter?.(request.text) ?? [];
  if (before.length) await adapter.run(['send-keys', '-t', request.paneId, ...before]);
  const maxEnters = deps.maxEnters ?? 3;
  for (let press = 1; press <= maxEnters; press++) {
    const mark = await deps.probe.mark();
    await adapter.run(['send-keys', '-t', request.paneId, 'Enter']);
    const evidence = await confirm(deps, mark, request.text, deps.confirmMs ?? 2500);
    if (evidence) {
      return outcome(true, `Delivered to ${request.label} (${evidence}).`, { evidence, enterPresses: press });
    }
  }
  return outcome(
    false,
    `The text was pasted into ${request.label} but it never showed that it was submitted after ${maxEnters} Enter presses; look at the worker.`,
    { enterPresses: maxEnters },
  );
}

/** undefined when the worker may be typed into now; else why not. */
async function waitUntilReady(request: SendRequest, deps: SendDeps): Promise<string | undefined> {
  const deadline = Date.now() + (request.timeoutMs ?? 600_000);
  for (;;) {
    const { state, reason } = await deps.probe.state();
    if (state === 'exited') throw new SendError(`${request.label} has exited (${reason}); nothing was sent.`);
    if (!BUSY_STATES.has(state)) return undefined;
    if (!request.whenIdle) {
      return `${request.label} is busy (${state}: ${reason}); nothing was sent. Use --when-idle to wait for it.`;
    }
    if (Date.now() >= deadline) {
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

async function confirm(deps: SendDeps, mark: unknown, text: string, withinMs: number): Promise<string | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const evidence = await deps.probe.submitted(mark, text);
    if (evidence) return evidence;
    if (Date.now() >= deadline) return undefined;
    await sleep(100);
  }
}
