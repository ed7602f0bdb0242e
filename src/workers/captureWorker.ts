import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { trimCapture } from '../feed/capturePlan.js';
import { findWorker } from './findWorker.js';

export interface CapturedScreen {
  id: string;
  name: string;
  lines: string[];
}

/**
 * The last `lines` lines of a worker's screen and history, trailing blank
 * lines dropped; with `color`, the terminal's escape sequences are kept.
 */
export async function captureWorker(
  adapter: TmuxAdapter,
  spec: string,
  options: { lines: number; color?: boolean },
): Promise<CapturedScreen> {
  const { pane, name } = await findWorker(adapter, spec);
  const captureArgs = ['capture-pane', '-p', '-J', '-S', String(-options.lines), '-t', pane.paneId];
  if (options.color) captureArgs.splice(2, 0, '-e');
  const text = trimCapture(await adapter.run(captureArgs)).slice(-options.lines);
  return { id: pane.paneId, name, lines: text };
}
