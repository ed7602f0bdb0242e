/**
 * The notify gate: keeps a tmux server from crashing under orch-tui.
 *
 * tmux up to 3.6 (3.3a is Debian 12's) dereferences a null pointer, and the
 * whole server dies with every session in it, when it tells control clients
 * about some events while a control client is still identifying itself: it
 * marks the client a control client on the first identify message, but
 * gives it the state notifications are written to only on the last one
 * (tmux issue 4980, fixed in 3.7). The events are a session created,
 * closed or renamed, a client detached, a pane's mode or a window's active
 * pane or a session's current window changed. The identify messages of one
 * `tmux -C` arrive in several writes, so on a busy machine the window is
 * real: a loop that attaches control clients while another creates and
 * kills sessions crashes a 3.3a server within a second here.
 *
 * So every orch-tui process, for a given server, passes one gate (a lock
 * file beside the server's socket) to:
 * - start a control client, until tmux has answered it (it is identified);
 * - end one, until tmux has let it go (its detach was told);
 * - run a command that causes one of those events.
 * Best effort by design: a gate held too long is walked through after
 * WAIT_AT_MOST_MS, a holder that died leaves a gate the next one breaks,
 * and what a person or a pane's program does is not gated.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { processAlive } from '../processAlive.js';
import { resolveSocketPath, type TmuxServerSelection } from './tmuxServer.js';

/** Longest wait for the gate; then orch-tui goes through anyway (a gate is never a hang). */
const WAIT_AT_MOST_MS = 2000;
/** Longest hold: a holder waiting on a tmux that stopped answering lets the others go. */
const HOLD_AT_MOST_MS = 5000;
/** A gate file this old is left over (holds last milliseconds), whoever wrote it. */
const STALE_AFTER_MS = 10_000;

/**
 * tmux commands that cause an event control clients are told of without a
 * check that they are ready (control-notify.c in 3.3a: sessions-changed,
 * session-renamed, session-window-changed, window-pane-changed,
 * pane-mode-changed, client-detached). `send-keys` can leave copy mode.
 */
const NOTIFYING_COMMANDS = new Set([
  'new-session', 'new', 'kill-session', 'rename-session', 'rename',
  'new-window', 'neww', 'kill-window', 'killw', 'select-window', 'selectw', 'next-window', 'previous-window', 'last-window',
  'move-window', 'link-window', 'unlink-window', 'swap-window',
  'split-window', 'splitw', 'kill-pane', 'killp', 'select-pane', 'selectp', 'last-pane', 'swap-pane', 'join-pane', 'break-pane', 'move-pane',
  'copy-mode', 'send-keys', 'send', 'clock-mode', 'choose-tree',
  'detach-client', 'detach', 'switch-client', 'switchc',
]);

/** The gate's file: beside the server's socket, so every process finds the same one whatever its environment. */
export function notifyGateFile(server: TmuxServerSelection): string {
  return `${resolveSocketPath(server)}${GATE_SUFFIX}`;
}

const GATE_SUFFIX = '.orch-tui-gate';

/** Whether a tmux argument array (without the server flags) runs a command that needs the gate. */
export function notifiesControlClients(args: readonly string[]): boolean {
  return NOTIFYING_COMMANDS.has(commandName(args) ?? '');
}

/** tmux's own flags that take a value, before the command (`-f /dev/null new-session …`). */
const FLAGS_WITH_VALUE = new Set(['-f', '-L', '-S', '-T']);

function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (FLAGS_WITH_VALUE.has(args[i]!)) i++;
    else if (!args[i]!.startsWith('-')) return args[i];
  }
  return undefined;
}

export interface GatePass {
  /** Leave the gate (once; later calls do nothing). */
  leave(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Entries of this process queue here first, per gate file, so that one
 * process starting many clients (the watcher, on a hundred sessions) takes
 * the gate for each in turn rather than having most of them walk through
 * after WAIT_AT_MOST_MS.
 */
const queues = new Map<string, Promise<void>>();

/** Enter the server's gate: resolves once this process holds it (or waited WAIT_AT_MOST_MS for it). */
export async function enterNotifyGate(server: TmuxServerSelection, waitAtMostMs = WAIT_AT_MOST_MS): Promise<GatePass> {
  const file = notifyGateFile(server);
  // No socket: no server runs, so none can crash (and a server just killed gets no gate file made after its cleanup).
  if (!existsSync(resolveSocketPath(server))) return OPEN;
  const ahead = queues.get(file) ?? Promise.resolve();
  let done: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => (done = resolve));
  const tail = ahead.then(() => mine);
  queues.set(file, tail);
  await ahead;
  const pass = await takeGateFile(file, waitAtMostMs).catch(() => OPEN);
  let left = false;
  // A hold never outlasts HOLD_AT_MOST_MS, whatever its holder waits for.
  const timer = setTimeout(() => void leave(), HOLD_AT_MOST_MS).unref();
  const leave = async () => {
    if (left) return;
    left = true;
    clearTimeout(timer);
    await pass.leave();
    if (queues.get(file) === tail) queues.delete(file);
    done();
  };
  return { leave };
}

async function takeGateFile(file: string, waitAtMostMs: number): Promise<GatePass> {
  const token = `${process.pid} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + waitAtMostMs;
  let pause = 1;
  for (;;) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(token).finally(() => handle.close());
      // The server's files were removed meanwhile (a demo's cleanup): leave none behind it.
      if (!existsSync(file.slice(0, -GATE_SUFFIX.length))) {
        await unlink(file).catch(() => undefined);
        return OPEN;
      }
      return passFor(file, token);
    } catch (error) {
      // No socket directory: no server runs, so none can crash.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return OPEN;
    }
    if (await leftOver(file)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) return OPEN;
    await sleep(pause);
    pause = Math.min(pause * 2, 8);
  }
}

/** Run `work` inside the gate. */
export async function throughNotifyGate<T>(server: TmuxServerSelection, work: () => Promise<T>): Promise<T> {
  const pass = await enterNotifyGate(server);
  try {
    return await work();
  } finally {
    await pass.leave();
  }
}

const OPEN: GatePass = { leave: async () => undefined };

/** Gate files this process holds, removed should it exit holding one (process.exit, an uncaught error). */
const held = new Map<string, string>();
let exitHookSet = false;

function passFor(file: string, token: string): GatePass {
  held.set(file, token);
  if (!exitHookSet) {
    exitHookSet = true;
    process.once('exit', () => {
      for (const [heldFile, heldToken] of held) if (readFileQuiet(heldFile) === heldToken) rmSync(heldFile, { force: true });
    });
  }
  let left = false;
  return {
    async leave() {
      if (left) return;
      left = true;
      held.delete(file);
      const now = await readFile(file, 'utf8').catch(() => '');
      if (now === token) await unlink(file).catch(() => undefined);
    },
  };
}

function readFileQuiet(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A gate whose holder is gone, or that has stood far longer than any hold. */
async function leftOver(file: string): Promise<boolean> {
  const [content, info] = await Promise.all([readFile(file, 'utf8').catch(() => undefined), stat(file).catch(() => undefined)]);
  if (content === undefined || !info) return false;
  if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return true;
  const pid = Number(content.split(' ')[0]);
  // An empty file is one being written this instant.
  return content !== '' && Number.isInteger(pid) && pid > 0 && !processAlive(pid);
}
