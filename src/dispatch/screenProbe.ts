import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { ProbeState, WorkerProbe } from './workerProbe.js';

interface ScreenMark {
  screen: string;
  cursor: string;
}

async function look(adapter: TmuxAdapter, paneId: string): Promise<ScreenMark> {
  const [cursor = ''] = await adapter.run(['display-message', '-p', '-t', paneId, '#{cursor_x},#{cursor_y},#{history_size}']);
  const screen = (await adapter.run(['capture-pane', '-p', '-t', paneId])).join('\n');
  return { screen, cursor };
}

/**
 * For programs that publish nothing about themselves: the text was
 * submitted when, after Enter, the screen or the cursor moved on.
 */
export function screenProbe(adapter: TmuxAdapter, paneId: string, stateOf: () => Promise<ProbeState>): WorkerProbe {
  return {
    state: stateOf,
    mark: () => look(adapter, paneId),
    async submitted(mark) {
      const before = mark as ScreenMark;
      const now = await look(adapter, paneId);
      if (now.cursor !== before.cursor) return { kind: 'whole', evidence: 'the cursor moved on' };
      if (now.screen !== before.screen) return { kind: 'whole', evidence: 'the screen moved on' };
      return undefined;
    },
  };
}
