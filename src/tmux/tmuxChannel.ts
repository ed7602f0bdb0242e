import { randomBytes } from 'node:crypto';
import { processAlive } from '../processAlive.js';
import { ControlModeClient } from './controlModeClient.js';
import { ChannelClosedError, NoServerError, TmuxError, TmuxNotInstalledError } from './tmuxErrors.js';
import { runTmuxProcess, type TmuxCommandRunner } from './tmuxProcess.js';
import { notifiesControlClients, throughNotifyGate } from './notifyGate.js';
import type { TmuxServerSelection } from './tmuxServer.js';

/** The session option that marks a session orch-tui made for its channel. */
export const CONTROL_SESSION_OPTION = '@orch_control';

export interface TmuxChannelOptions {
  server: TmuxServerSelection;
  /** orch-tui's own pane when it runs inside the selected server. */
  ownPane?: string;
  binary?: string;
  /** `process` skips control mode entirely (for comparison and debugging). */
  mode?: 'auto' | 'process';
  /** Least time between two reconnection attempts. */
  reconnectDelayMs?: number;
}

export type ChannelKind = 'control' | 'process' | 'disconnected';

/**
 * The one command channel to a tmux server. It prefers a control-mode client
 * (about 1 ms a command against 4-5 ms for a spawned `tmux`), reconnects
 * after the server restarts, and falls back to a process per command when
 * control mode cannot start.
 */
export class TmuxChannel implements TmuxCommandRunner {
  private client: ControlModeClient | undefined;
  private connecting: Promise<void> | undefined;
  private lastAttempt = 0;
  private lastError: TmuxError | undefined;
  private fallbackReason: string | undefined;
  private createdSession: string | undefined;
  private closing = false;
  private readonly notificationListeners = new Set<(line: string) => void>();

  constructor(private readonly options: TmuxChannelOptions) {
    if (options.mode === 'process') this.fallbackReason = 'process mode requested';
  }

  get kind(): ChannelKind {
    if (this.fallbackReason) return 'process';
    return this.client?.isOpen ? 'control' : 'disconnected';
  }

  /** Why the channel spawns a process per command, if it does. */
  get fallback(): string | undefined {
    return this.fallbackReason;
  }

  /** The session id orch-tui created for its channel (outside tmux), if any. */
  get controlSession(): string | undefined {
    return this.createdSession;
  }

  async run(args: readonly string[]): Promise<string[]> {
    if (this.fallbackReason) return this.spawn(args);
    if (!this.client?.isOpen) await this.connect();
    if (this.fallbackReason) return this.spawn(args);
    try {
      const client = this.client!;
      if (notifiesControlClients(args)) return await throughNotifyGate(this.options.server, () => client.run(args));
      return await client.run(args);
    } catch (error) {
      // The client went away under this command: most often the server
      // itself did. Never re-run the command (it may have taken effect);
      // report what happened instead.
      if (error instanceof ChannelClosedError) {
        await this.spawn(['list-sessions', '-F', '#{session_id}']);
      }
      throw error;
    }
  }

  /**
   * Hear tmux's notifications while the channel is a control client (they
   * survive reconnections). Returns a function that stops listening.
   */
  onNotification(listener: (line: string) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** Detach; remove the session created for the channel. */
  async close(): Promise<void> {
    this.closing = true;
    const client = this.client;
    this.client = undefined;
    if (this.createdSession) {
      const id = this.createdSession;
      this.createdSession = undefined;
      await this.spawn(['kill-session', '-t', id]).catch(() => undefined);
    }
    await client?.close().catch(() => undefined);
  }

  private spawn(args: readonly string[]): Promise<string[]> {
    return runTmuxProcess(this.options.server, args, { binary: this.options.binary });
  }

  private connect(): Promise<void> {
    if (this.closing) return Promise.reject(this.lastError ?? new NoServerError('The channel is closed.', { command: 'tmux', args: [] }));
    if (this.connecting) return this.connecting;
    const wait = (this.options.reconnectDelayMs ?? 1000) - (Date.now() - this.lastAttempt);
    if (this.lastError && wait > 0) return Promise.reject(this.lastError);
    this.lastAttempt = Date.now();
    this.connecting = this.attach()
      .then(() => {
        this.lastError = undefined;
      })
      .catch((error: unknown) => {
        if (error instanceof NoServerError || error instanceof TmuxNotInstalledError) {
          this.lastError = error;
          throw error;
        }
        // Control mode is unavailable for some other reason: keep working,
        // one process per command.
        this.fallbackReason = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  private async attach(): Promise<void> {
    const session = await this.sessionToAttach();
    const client = new ControlModeClient(this.options.server, { binary: this.options.binary, session });
    client.onClose(() => {
      if (this.client === client) this.client = undefined;
    });
    client.onNotification((line) => {
      for (const listener of this.notificationListeners) listener(line);
    });
    try {
      await client.start();
    } catch (error) {
      if (this.createdSession === session) {
        this.createdSession = undefined;
        await this.spawn(['kill-session', '-t', session]).catch(() => undefined);
      }
      throw error;
    }
    this.client = client;
    if (this.createdSession === session) {
      await client.run(['set-option', '-t', session, CONTROL_SESSION_OPTION, String(process.pid)]);
      await this.removeStaleControlSessions(client);
    }
  }

  /** orch-tui's own session inside tmux; otherwise a small one made for us. */
  private async sessionToAttach(): Promise<string> {
    // Fails with NoServerError when nothing listens: orch-tui never starts a
    // server just to watch it.
    const sessions = await this.spawn(['list-sessions', '-F', '#{session_id}']);
    if (this.options.ownPane) {
      const [own] = await this.spawn(['display-message', '-p', '-t', this.options.ownPane, '#{session_id}']);
      if (own && sessions.includes(own)) return own;
    }
    const [created] = await this.spawn([
      'new-session', '-d', '-s', `orch-tui-ctl-${process.pid}-${randomBytes(3).toString('hex')}`, '-x', '20', '-y', '5',
      '-P', '-F', '#{session_id}', '--', 'sleep', '2147483647',
    ]);
    if (!created) throw new Error('tmux did not report the control session it created');
    this.createdSession = created;
    return created;
  }

  /** Sessions left by an orch-tui that died without cleaning up. */
  private async removeStaleControlSessions(client: ControlModeClient): Promise<void> {
    const rows = await client.run(['list-sessions', '-F', `#{session_id} #{${CONTROL_SESSION_OPTION}}`]);
    for (const row of rows) {
      const [id, owner] = row.split(' ');
      const pid = Number(owner);
      if (!id || !owner || id === this.createdSession || !Number.isInteger(pid) || pid <= 0) continue;
      if (!processAlive(pid)) await client.run(['kill-session', '-t', id]).catch(() => undefined);
    }
  }
}
