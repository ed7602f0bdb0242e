import { spawn, type ChildProcess } from 'node:child_process';
import { ControlLineReader, type ControlEvent, type ControlReply } from './controlNotifications.js';
import { toTmuxCommandLine } from '../tmux/quoteTmuxArg.js';
import { serverArgs, type TmuxServerSelection } from '../tmux/tmuxServer.js';
import { utf8Env } from '../tmux/tmuxProcess.js';

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
}

interface PendingLine {
  /** Commands on the line: one reply block each, unless one fails and the rest never run. */
  expected: number;
  replies: ControlReply[];
  resolve?: (replies: ControlReply[]) => void;
}

/**
 * A control-mode client with output on, attached to one session: it hears
 * the session's panes print (`%output`) and runs commands whose replies
 * come back in the same stream. Commands go a line at a time; the
 * commands of one line run back to back in tmux, with no pane output
 * between them.
 */
export class OutputClient {
  private readonly child: ChildProcess;
  private readonly pending: PendingLine[] = [];
  private ended = false;

  constructor(options: OutputClientOptions) {
    const argv = [
      ...serverArgs(options.server),
      '-C', 'attach-session', '-t', options.session, '-f', `ignore-size,pause-after=${options.pauseAfterS}`,
    ];
    this.child = spawn(options.binary ?? 'tmux', argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...utf8Env() } });
    let attached: () => void = () => undefined;
    this.attached = new Promise((resolve) => (attached = resolve));
    const reader = new ControlLineReader((event) => {
      // Commands may be answered before the attach is done; output flows only after this.
      if (event.kind === 'topology' && event.name === '%session-changed') attached();
      options.onEvent(event);
    }, (reply) => this.onReply(reply));
    let stderr = '';
    this.child.stdout!.on('data', (chunk: Buffer) => reader.push(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.child.stdin!.on('error', () => undefined);
    const end = (reason: string) => {
      if (this.ended) return;
      this.ended = true;
      for (const line of this.pending.splice(0)) line.resolve?.([]);
      options.onExit(reason);
    };
    this.child.on('error', (error) => end(error.message));
    this.child.on('exit', (code) => end(stderr.trim() || `exited with code ${code ?? 'signal'}`));
  }

  /** Resolves once tmux has attached the client to its session (its first `%session-changed`): output comes from then on. */
  readonly attached: Promise<void>;

  get pid(): number | undefined {
    return this.child.pid;
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

  /** Detach (an empty line, then end of input); killed if it lingers. */
  stop(): void {
    if (this.ended) return;
    this.child.stdin?.end('\n');
    setTimeout(() => this.child.kill('SIGTERM'), 1000).unref();
  }

  private write(commands: string[][], resolve?: (replies: ControlReply[]) => void): boolean {
    if (this.ended || !this.child.stdin?.writable || commands.length === 0) return false;
    const line = commands.map((args) => toTmuxCommandLine(args)).join(' ; ');
    this.pending.push({ expected: commands.length, replies: [], resolve });
    this.child.stdin.write(line + '\n');
    return true;
  }

  private onReply(reply: ControlReply): void {
    const line = this.pending[0];
    if (!line) return;
    line.replies.push(reply);
    if (!reply.ok || line.replies.length >= line.expected) {
      this.pending.shift();
      line.resolve?.(line.replies);
    }
  }
}
