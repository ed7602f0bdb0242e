import { spawn, type ChildProcess } from 'node:child_process';
import { ControlLineReader, type ControlEvent, type ControlReply } from './controlNotifications.js';
import { toTmuxCommandLine } from '../tmux/quoteTmuxArg.js';
import { serverArgs, type TmuxServerSelection } from '../tmux/tmuxServer.js';
import { utf8Env } from '../tmux/tmuxProcess.js';
import { enterNotifyGate } from '../tmux/notifyGate.js';
import { detachInsideGate } from '../tmux/clientLetGo.js';

export interface OutputClientOptions {
  server: TmuxServerSelection;
  binary?: string;
  /** The session to attach to (its id, `$3`). */
  session: string;
  /** tmux pauses a pane this client is this many seconds behind on, instead of blocking it. */
  pauseAfterS: number;
  onEvent: (event: ControlEvent) => void;
  /** The client ended (server gone, session gone, killed); `stderr` says why when tmux did. */
  onExit: (reason: string) => void;
  /** How long a reply may be owed before a no-op command nudges tmux (see NUDGE_AFTER_MS); for tests. */
  nudgeAfterMs?: number;
}

/**
 * A reply owed this long is nudged with a no-op command. tmux 3.3a can
 * hold back what it owes a control client that fell behind: lines it
 * writes while pane output is queued for the client (a command's reply,
 * a notification) are stored behind that output; when it then pauses the
 * pane from inside its write callback (control_write_pending →
 * control_check_age, the output over pause-after old), it drops the
 * output, stores `%pause` behind those lines, and, its buffer being empty,
 * switches writing off. Nothing is flushed until tmux writes to the
 * client again: new output of an unpaused pane, or a command's reply. A
 * paused pane prints nothing, so a command it is. Seen here: the watcher
 * SIGSTOPped during a flood sent its pane's check at once on waking; it
 * got the rest of the flood but neither that reply nor `%pause` until a
 * second command went.
 */
const NUDGE_AFTER_MS = 1000;
const NUDGE: string[] = ['display-message', '-p', ''];

interface PendingLine {
  /** Commands on the line: one reply block each, unless one fails and the rest never run. */
  expected: number;
  replies: ControlReply[];
  resolve?: (replies: ControlReply[]) => void;
  /** The line is a nudge (see NUDGE_AFTER_MS). */
  nudge?: boolean;
}

/**
 * A control-mode client with output on, attached to one session: it hears
 * the session's panes print (`%output`) and runs commands whose replies
 * come back in the same stream. Commands go a line at a time; the
 * commands of one line run back to back in tmux, with no pane output
 * between them.
 */
export class OutputClient {
  private child: ChildProcess | undefined;
  /** Lines written before the client could start (it waits at the notify gate). */
  private readonly early: string[] = [];
  private readonly pending: PendingLine[] = [];
  private ended = false;
  private stopping = false;
  private readonly nudgeAfterMs: number;
  private lastWriteAt = 0;
  /** The one timer that may nudge; set only while replies are owed. */
  private nudgeTimer: NodeJS.Timeout | undefined;
  private attachedNow: () => void = () => undefined;

  constructor(private readonly options: OutputClientOptions) {
    this.nudgeAfterMs = options.nudgeAfterMs ?? NUDGE_AFTER_MS;
    this.attached = new Promise((resolve) => (this.attachedNow = resolve));
    void this.start();
  }

  /**
   * Spawn `tmux -C attach` inside the notify gate, left once tmux has
   * attached the client (or it ended): see notifyGate.ts.
   */
  private async start(): Promise<void> {
    const pass = await enterNotifyGate(this.options.server);
    if (this.stopping) {
      await pass.leave();
      return this.end('stopped before it started');
    }
    const argv = [
      ...serverArgs(this.options.server),
      // -N: never start a server (see controlModeClient.ts).
      '-N', '-C', 'attach-session', '-t', this.options.session, '-f', `ignore-size,pause-after=${this.options.pauseAfterS}`,
    ];
    const child = spawn(this.options.binary ?? 'tmux', argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...utf8Env() } });
    this.child = child;
    const settled = Promise.race([this.attached, new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()))]);
    void settled.then(() => pass.leave());
    const reader = new ControlLineReader((event) => {
      // Commands may be answered before the attach is done; output flows only after this.
      if (event.kind === 'topology' && event.name === '%session-changed') this.attachedNow();
      this.options.onEvent(event);
    }, (reply) => this.onReply(reply));
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => reader.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin!.on('error', () => undefined);
    child.on('error', (error) => this.end(error.message));
    child.on('exit', (code) => this.end(stderr.trim() || `exited with code ${code ?? 'signal'}`));
    for (const line of this.early.splice(0)) child.stdin!.write(line);
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    if (this.nudgeTimer) clearTimeout(this.nudgeTimer);
    for (const line of this.pending.splice(0)) line.resolve?.([]);
    this.options.onExit(reason);
  }

  /** Resolves once tmux has attached the client to its session (its first `%session-changed`): output comes from then on. */
  readonly attached: Promise<void>;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !this.ended;
  }

  /** Send commands on one line; nobody waits for the replies. */
  send(...commands: string[][]): void {
    this.write(commands);
  }

  /** Run commands on one line; resolves with their replies (fewer when one failed, none when the client ended). */
  run(...commands: string[][]): Promise<ControlReply[]> {
    return new Promise((resolve) => {
      if (!this.write(commands, resolve)) resolve([]);
    });
  }

  /**
   * Detach (an empty line, then end of input); killed if it lingers. Inside
   * the notify gate until tmux has let it go (its detach is told).
   */
  stop(): void {
    if (this.ended || this.stopping) return;
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    void detachInsideGate(this.options.server, child, () => this.ended, this.options.binary);
  }

  private write(commands: string[][], resolve?: (replies: ControlReply[]) => void, nudge = false): boolean {
    if (this.ended || this.stopping || commands.length === 0) return false;
    if (this.child && !this.child.stdin?.writable) return false;
    const line = commands.map((args) => toTmuxCommandLine(args)).join(' ; ') + '\n';
    this.pending.push({ expected: commands.length, replies: [], resolve, nudge });
    if (this.child) this.child.stdin!.write(line);
    else this.early.push(line);
    this.lastWriteAt = Date.now();
    this.armNudge();
    return true;
  }

  /** No-op commands sent to make tmux write what it held back (see NUDGE_AFTER_MS). */
  nudges = 0;

  /** One timer at most, and only while a reply is owed. */
  private armNudge(): void {
    if (this.nudgeTimer || this.ended || this.pending.length === 0) return;
    const wait = Math.max(0, this.lastWriteAt + this.nudgeAfterMs - Date.now());
    this.nudgeTimer = setTimeout(() => this.nudge(), wait).unref();
  }

  /**
   * Replies owed and nothing written for nudgeAfterMs: send one no-op
   * command. Never a second while one is unanswered (a server that stopped
   * answering gets one line, not one a second); its reply re-arms the timer.
   */
  private nudge(): void {
    this.nudgeTimer = undefined;
    if (this.ended || this.pending.length === 0 || this.pending.some((line) => line.nudge)) return;
    if (Date.now() - this.lastWriteAt < this.nudgeAfterMs) return this.armNudge();
    this.nudges++;
    this.write([NUDGE], undefined, true);
  }

  private onReply(reply: ControlReply): void {
    const line = this.pending[0];
    if (!line) return;
    line.replies.push(reply);
    if (!reply.ok || line.replies.length >= line.expected) {
      this.pending.shift();
      line.resolve?.(line.replies);
      this.armNudge();
    }
  }
}
