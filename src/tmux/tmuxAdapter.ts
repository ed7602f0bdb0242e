import { TmuxChannel, type ChannelKind } from './tmuxChannel.js';
import { PANE_FORMAT, parsePaneList, type PaneInfo } from './paneFormat.js';
import { TmuxError, TmuxCommandError } from './tmuxErrors.js';
import { runTmuxProcess } from './tmuxProcess.js';
import { ownPaneOn, type TmuxServerSelection } from './tmuxServer.js';

export interface CaptureRequest {
  paneId: string;
  /** Lines of history above the visible screen to include. */
  historyLines: number;
}

/** A capture's lines, or the error that pane gave (one bad pane never spoils the rest). */
export type CaptureResult = string[] | TmuxError;

/**
 * Everything orch-tui asks of tmux. The app receives one of these; tests
 * hand components a fake and integration tests the real one.
 */
export interface TmuxAdapter {
  readonly server: TmuxServerSelection;
  /** orch-tui's own pane, when it runs inside the selected server. */
  readonly ownPane: string | undefined;
  listPanes(): Promise<PaneInfo[]>;
  capturePanes(requests: readonly CaptureRequest[]): Promise<Map<string, CaptureResult>>;
  /** Run one tmux command (argument array) over the channel. */
  run(args: readonly string[]): Promise<string[]>;
  /**
   * Put `data` into the named paste buffer byte-exact: fed through stdin
   * (`load-buffer -`), so no parser ever sees it and no size limit applies.
   */
  loadBuffer(name: string, data: string): Promise<void>;
  channelKind(): ChannelKind;
  /** A real server, whose output the feed can watch with its own control clients. */
  readonly watchesOutput?: boolean;
  /**
   * Hear tmux's notifications (`%sessions-changed`, `%window-add`, …) on the
   * command channel, when it is a control client. Returns an unsubscribe.
   */
  onNotification?(listener: (line: string) => void): () => void;
  /** Why commands are spawned one process each, if they are. */
  channelFallback(): string | undefined;
  close(): Promise<void>;
}

export interface TmuxAdapterOptions {
  server: TmuxServerSelection;
  env?: NodeJS.ProcessEnv;
  binary?: string;
  mode?: 'auto' | 'process';
}

/** The argument array that captures the tail of one pane, colours kept, wraps joined. */
export function capturePaneArgs(request: CaptureRequest): string[] {
  return ['capture-pane', '-p', '-e', '-J', '-S', String(-Math.max(0, request.historyLines)), '-t', request.paneId];
}

export function createTmuxAdapter(options: TmuxAdapterOptions): TmuxAdapter {
  const ownPane = ownPaneOn(options.server, options.env ?? process.env);
  const channel = new TmuxChannel({
    server: options.server,
    ownPane,
    binary: options.binary,
    mode: options.mode,
  });
  return {
    server: options.server,
    ownPane,
    watchesOutput: options.mode !== 'process',
    async listPanes() {
      return parsePaneList(await channel.run(['list-panes', '-a', '-F', PANE_FORMAT]));
    },
    async capturePanes(requests) {
      // Sent together: over control mode the lines are pipelined and the
      // replies come back in order, one per pane.
      const results = await Promise.all(
        requests.map((request) =>
          channel.run(capturePaneArgs(request)).then(
            (lines): CaptureResult => lines,
            (error: unknown): CaptureResult =>
              error instanceof TmuxError
                ? error
                : new TmuxCommandError(String(error), { command: 'tmux', args: capturePaneArgs(request) }),
          ),
        ),
      );
      return new Map(requests.map((request, i) => [request.paneId, results[i]!]));
    },
    run: (args) => channel.run(args),
    onNotification: (listener) => channel.onNotification(listener),
    async loadBuffer(name, data) {
      await runTmuxProcess(options.server, ['load-buffer', '-b', name, '-'], { binary: options.binary, input: data });
    },
    channelKind: () => channel.kind,
    channelFallback: () => channel.fallback,
    close: () => channel.close(),
  };
}
