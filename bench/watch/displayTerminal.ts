/**
 * What orch-tui writes to its terminal, as the bench sees it: a control
 * client on the display server with output on (`tmux -C attach`), whose
 * `%output` lines are decoded (octal escapes, then UTF-8 per pane) and
 * timestamped on receipt. Markers are looked for in that stream; so are the
 * texts that tell a keypress was drawn. Keys are sent through the same
 * client (`send-keys`), one command a line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cleanTmuxEnv, tmuxArgs } from '../../test/harness/tmuxServer.js';
import { LineSplitter, MARKER_PATTERN, PaneTextDecoder, parseOutputLine, StreamScanner } from './controlOutput.js';
import { nowMs } from './percentiles.js';

interface TextWaiter {
  needle: string;
  scanner: StreamScanner;
  resolve: (at: number) => void;
}

export class DisplayTerminal {
  private readonly child: ChildProcess;
  private readonly lines = new LineSplitter();
  private readonly decoder = new PaneTextDecoder();
  private readonly markers = new StreamScanner(new RegExp(MARKER_PATTERN.source, 'g'));
  /** Marker key → when it was first written to the terminal. */
  readonly firstSeen = new Map<string, number>();
  private waiters: TextWaiter[] = [];
  bytes = 0;
  private exited = false;

  constructor(socket: string, session: string) {
    this.child = spawn('tmux', [...tmuxArgs(socket), '-C', 'attach-session', '-t', `=${session}`], {
      env: cleanTmuxEnv(),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.child.on('exit', () => {
      this.exited = true;
    });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    const at = nowMs();
    for (const line of this.lines.push(chunk)) {
      const output = parseOutputLine(line);
      if (!output) continue;
      this.bytes += output.data.length;
      const text = this.decoder.write(output.paneId, output.data);
      for (const key of this.markers.push(text)) if (!this.firstSeen.has(key)) this.firstSeen.set(key, at);
      if (this.waiters.length) {
        this.waiters = this.waiters.filter((w) => {
          if (!w.scanner.push(text).length) return true;
          w.resolve(at);
          return false;
        });
      }
    }
  }

  /** Resolves with the receipt time of the first output, from now on, that holds `needle`. */
  waitForText(needle: string, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`the dashboard never drew "${needle}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: TextWaiter = {
        needle,
        scanner: new StreamScanner(pattern, Math.max(96, needle.length * 4)),
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Presses one key (a tmux key name, or a character with `literal`) in the pane; returns when it was sent. */
  sendKey(paneId: string, key: string, literal = false): number {
    if (this.exited) throw new Error('the display control client has exited');
    const quoted = `"${key.replace(/[\\"$]/g, '\\$&')}"`;
    const at = nowMs();
    this.child.stdin!.write(`send-keys -t ${paneId}${literal ? ' -l' : ''} ${quoted}\n`);
    return at;
  }

  close(): void {
    if (!this.exited) this.child.kill('SIGTERM');
  }
}

