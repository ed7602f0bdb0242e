import type { CaptureRequest, CaptureResult, TmuxAdapter } from '../../src/tmux/tmuxAdapter.js';
import type { ChannelKind } from '../../src/tmux/tmuxChannel.js';
import type { PaneInfo } from '../../src/tmux/paneFormat.js';
import type { TmuxServerSelection } from '../../src/tmux/tmuxServer.js';

/**
 * A TmuxAdapter over an in-memory server: panes and their full output.
 * A capture returns the visible screen plus the history asked for, as
 * `capture-pane -S -N` does. Setting `failWith` makes `listPanes` throw it.
 */
export class FakeTmuxAdapter implements TmuxAdapter {
  readonly server: TmuxServerSelection = { socketName: 'orch-fake' };
  readonly ownPane: string | undefined = undefined;
  panes: PaneInfo[];
  readonly output = new Map<string, string[]>();
  failWith: Error | undefined;
  readonly captures: CaptureRequest[][] = [];
  closed = false;

  constructor(panes: PaneInfo[] = [], output: Record<string, string[]> = {}) {
    this.panes = panes;
    for (const [id, lines] of Object.entries(output)) this.output.set(id, lines);
  }

  /** Replace a pane's output; its history size changes, so the feed recaptures it. */
  setOutput(paneId: string, lines: string[]): void {
    this.output.set(paneId, lines);
    this.panes = this.panes.map((p) => (p.paneId === paneId ? { ...p, historySize: p.historySize + 1 } : p));
  }

  async listPanes(): Promise<PaneInfo[]> {
    if (this.failWith) throw this.failWith;
    return this.panes.map((p) => ({ ...p }));
  }

  async capturePanes(requests: readonly CaptureRequest[]): Promise<Map<string, CaptureResult>> {
    this.captures.push([...requests]);
    const result = new Map<string, CaptureResult>();
    for (const { paneId, historyLines } of requests) {
      const pane = this.panes.find((p) => p.paneId === paneId);
      const lines = this.output.get(paneId) ?? [];
      result.set(paneId, lines.slice(-((pane?.height ?? 24) + historyLines)));
    }
    return result;
  }

  /** Every command run, in order; `reply` answers them (default: nothing). */
  readonly runs: string[][] = [];
  reply: (args: readonly string[]) => string[] = () => [];
  readonly buffers = new Map<string, string>();

  async run(args: readonly string[]): Promise<string[]> {
    this.runs.push([...args]);
    return this.reply(args);
  }

  async loadBuffer(name: string, data: string): Promise<void> {
    this.buffers.set(name, data);
  }

  channelKind(): ChannelKind {
    return 'control';
  }

  channelFallback(): string | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
