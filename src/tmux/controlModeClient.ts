import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { toTmuxCommandLine } from './quoteTmuxArg.js';
import { ChannelClosedError, classifyTmuxFailure, tmuxNotInstalled, type TmuxError } from './tmuxErrors.js';
import { serverArgs, serverLabel, type TmuxServerSelection } from './tmuxServer.js';
import { tmuxProcessStats, utf8Env, type TmuxCommandRunner } from './tmuxProcess.js';
import { enterNotifyGate } from './notifyGate.js';
import { detachInsideGate } from './clientLetGo.js';

interface PendingCommand {
  args: readonly string[];
  resolve: (lines: string[]) => void;
  reject: (error: TmuxError) => void;
}

export interface ControlModeOptions {
  binary?: string;
  /** Session to attach to (an id such as `$3` is safest). */
  session: string;
}

/**
 * One `tmux -C` client carrying commands one per line. Replies come back in
 * order as `%begin`/`%end` (or `%error`) blocks whose flags say they answer a
 * client command; each is matched to the oldest waiting command. Output and
 * sizing are switched off (`-f no-output,ignore-size`): this client never
 * receives pane output, never slows a pane down, and never resizes windows
 * (it never sends `refresh-client -C`).
 */
export class ControlModeClient implements TmuxCommandRunner {
  private child: ChildProcess | undefined;
  private readonly pending: PendingCommand[] = [];
  private block: { number: string; solicited: boolean; lines: string[] } | undefined;
  private partial = '';
  private closed = false;
  private closeReason = '';
  private readonly closeListeners: Array<(reason: string) => void> = [];
  private readonly notificationListeners: Array<(line: string) => void> = [];

  constructor(
    private readonly sel: TmuxServerSelection,
    private readonly options: ControlModeOptions,
  ) {}

  /**
   * Start the client and wait until tmux answers a first command, inside the
   * notify gate: until then tmux must not tell it anything (notifyGate.ts).
   */
  async start(): Promise<void> {
    const pass = await enterNotifyGate(this.sel);
    try {
      await this.spawnAndAsk();
    } finally {
      await pass.leave();
    }
  }

  private async spawnAndAsk(): Promise<void> {
    const binary = this.options.binary ?? 'tmux';
    const argv = [
      ...serverArgs(this.sel),
      // -N: never start a server. attach-session would start one when none runs,
      // which says "no sessions", exits, and leaves its socket file behind.
      '-N',
      '-C',
      'attach-session',
      '-t',
      this.options.session,
      '-f',
      'no-output,ignore-size',
    ];
    tmuxProcessStats.spawned++;
    const child = spawn(binary, argv, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...utf8Env() },
    });
    this.child = child;
    const decoder = new StringDecoder('utf8');
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => this.onData(decoder.write(chunk)));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin!.on('error', () => {
      /* reported through 'exit' */
    });
    const startError = new Promise<never>((_, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'ENOENT' ? tmuxNotInstalled(argv) : err);
      });
    });
    child.once('exit', (code) => {
      const reason = stderr.trim() || `tmux control client exited with code ${code ?? 'signal'}`;
      this.shutDown(reason);
    });
    child.once('error', (err) => this.shutDown(String(err)));
    await Promise.race([this.run(['display-message', '-p', 'ok']), startError]);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  run(args: readonly string[]): Promise<string[]> {
    if (this.closed || !this.child?.stdin?.writable) {
      return Promise.reject(this.closedError(args));
    }
    return new Promise<string[]>((resolve, reject) => {
      this.pending.push({ args, resolve, reject });
      this.child!.stdin!.write(toTmuxCommandLine(args) + '\n');
    });
  }

  /** Detach and wait until tmux has let it go, inside the notify gate. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.closed) return;
    await detachInsideGate(this.sel, child, () => this.closed, this.options.binary);
  }

  private onData(text: string): void {
    const data = this.partial + text;
    const lines = data.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  private onLine(line: string): void {
    if (this.block) {
      // A reply ends only with the %end/%error carrying its own number, so
      // pane text that happens to start with "%end" cannot cut it short.
      const end = line.startsWith('%end ') || line.startsWith('%error ') ? /^%(end|error) \d+ (\d+) \d+$/.exec(line) : null;
      if (end && end[2] === this.block.number) {
        const { lines, solicited } = this.block;
        this.block = undefined;
        if (solicited) this.settle(end[1] === 'end', lines);
        return;
      }
      this.block.lines.push(line);
      return;
    }
    const begin = line.startsWith('%begin ') ? /^%begin \d+ (\d+) (\d+)$/.exec(line) : null;
    if (begin) {
      // Flag 1 marks replies to our commands; the attach itself yields a
      // block with flags 0 that answers nothing we sent.
      this.block = { number: begin[1]!, solicited: (Number(begin[2]) & 1) === 1, lines: [] };
      return;
    }
    // Notifications (%sessions-changed, %window-add, ...): every control
    // client gets them, output or not.
    if (line.startsWith('%')) for (const listener of this.notificationListeners) listener(line);
  }

  /** Hear tmux's notifications (lines outside reply blocks). */
  onNotification(listener: (line: string) => void): void {
    this.notificationListeners.push(listener);
  }

  private settle(ok: boolean, lines: string[]): void {
    const command = this.pending.shift();
    if (!command) return;
    if (ok) command.resolve(lines);
    else
      command.reject(
        classifyTmuxFailure(
          { command: 'tmux -C', args: command.args, stderr: lines.join('\n') },
          serverLabel(this.sel),
        ),
      );
  }

  private shutDown(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = reason;
    for (const command of this.pending.splice(0)) command.reject(this.closedError(command.args));
    for (const listener of this.closeListeners) listener(reason);
  }

  private closedError(args: readonly string[]): TmuxError {
    const reason = this.closeReason || 'control client is closed';
    const classified = classifyTmuxFailure(
      { command: 'tmux -C', args, stderr: reason },
      serverLabel(this.sel),
    );
    if (classified.constructor.name !== 'TmuxCommandError') return classified;
    return new ChannelClosedError(`The tmux control channel closed: ${reason}.`, classified.details);
  }
}
