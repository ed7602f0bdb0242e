import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import type { WatchedSession, WatcherReport, WatcherRequest } from './outputWatchProtocol.js';
import { applyLineDelta } from './lineDelta.js';
import { emptyStats, type MirrorStats } from './sessionMirrors.js';

export interface OutputWatchOptions {
  server: TmuxServerSelection;
  binary?: string;
  /** Panes that printed something since the last call. */
  onDirty: (paneIds: readonly string[]) => void;
  /** Sessions, windows or panes came or went. */
  onTopology: () => void;
  /** The watcher process ended; the feed goes on polling. */
  onGone?: (reason: string) => void;
}

/** How long a session whose output client ended is left to the safety poll. */
const RETRY_LOST_MS = 3000;

/** The compiled watcher script; tests running the TypeScript sources use the built one. */
export function watcherScriptPath(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), 'outputWatcherChild.js');
  if (here.endsWith('.js')) return sibling;
  return path.resolve(path.dirname(here), '../../dist/src/feed/outputWatcherChild.js');
}

/**
 * The dashboard's handle on the output watcher process (see
 * outputWatcherChild.ts): says which sessions to watch, hears which panes
 * printed. Sends the watch set only when it changed.
 */
export class OutputWatch {
  private child: ChildProcess | undefined;
  private lastWatch = '';
  private ended = false;
  /** Sessions whose client just ended: not asked for again for a while, so a failing attach cannot spin. */
  private readonly lostAt = new Map<string, number>();

  constructor(private readonly options: OutputWatchOptions) {}

  /** Start the watcher; false when it cannot run (the feed then polls). */
  start(): boolean {
    const script = watcherScriptPath();
    if (!existsSync(script)) return false;
    const child = fork(script, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
    this.child = child;
    child.on('message', (report: WatcherReport) => this.onReport(report));
    child.on('error', (error) => this.gone(error.message));
    child.on('exit', (code) => this.gone(`the output watcher exited with code ${code ?? 'signal'}`));
    this.send({ type: 'config', server: this.options.server, binary: this.options.binary });
    return true;
  }

  /** Sessions whose output client is attached and reporting. */
  readonly attached = new Set<string>();

  /** How many times tmux paused a pane because this watcher fell behind (each resumed). */
  pauses = 0;

  /** The mirrors' record against tmux (see sessionMirrors.ts). */
  mirrorStats: MirrorStats = emptyStats();

  private readonly mirrored = new Map<string, string[]>();

  /** A mirrored pane's lines as its mirror last showed them (undefined until its mirror is seeded). */
  mirrorLines(paneId: string): string[] | undefined {
    return this.mirrored.get(paneId);
  }

  /** The watcher's process id (tests and the benchmark stop it to see what tmux does). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && !this.ended;
  }

  /** Hold output clients on exactly these sessions. */
  watch(sessions: readonly WatchedSession[]): void {
    const mirrored = new Set(sessions.flatMap((s) => s.mirror ?? []));
    for (const id of this.mirrored.keys()) if (!mirrored.has(id)) this.mirrored.delete(id);
    const now = Date.now();
    for (const [id, at] of this.lostAt) if (now - at > RETRY_LOST_MS) this.lostAt.delete(id);
    sessions = sessions.filter((s) => !this.lostAt.has(s.id));
    const key = JSON.stringify(sessions);
    if (key === this.lastWatch) return;
    this.lastWatch = key;
    this.send({ type: 'watch', sessions: [...sessions] });
  }

  /** Forget the last watch set, so the next `watch` is sent even if equal (a lost client). */
  resend(): void {
    this.lastWatch = '';
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.ended) return;
    this.ended = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => child.kill('SIGTERM'), 2000);
    await exited;
    clearTimeout(timer);
  }

  private send(request: WatcherRequest): void {
    if (this.child?.connected) this.child.send(request);
  }

  private onReport(report: WatcherReport): void {
    if (report.type === 'changes') {
      for (const [id, delta] of report.lines ?? []) this.mirrored.set(id, applyLineDelta(this.mirrored.get(id) ?? [], delta));
      if (report.stats) this.mirrorStats = report.stats;
      const dirty = report.lines ? [...new Set([...report.dirty, ...report.lines.map(([id]) => id)])] : report.dirty;
      if (dirty.length > 0) this.options.onDirty(dirty);
      if (report.topology) this.options.onTopology();
    } else if (report.type === 'attached') {
      this.attached.add(report.session);
    } else if (report.type === 'paused') {
      this.pauses++;
    } else if (report.type === 'lost') {
      this.attached.delete(report.session);
      this.mirrored.clear();
      this.lostAt.set(report.session, Date.now());
      this.resend();
    }
  }

  private gone(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.options.onGone?.(reason);
  }
}
