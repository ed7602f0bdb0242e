import { createTmuxAdapter, type TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { GlobalOptions } from './globalOptions.js';

/** What a CLI verb gets: the global options, output streams and a tmux adapter. */
export interface VerbContext {
  global: GlobalOptions;
  out: (text: string) => void;
  /** One adapter per verb run; closed by the CLI when the verb ends. */
  adapter: () => TmuxAdapter;
}

export function createVerbContext(global: GlobalOptions): VerbContext & { close(): Promise<void> } {
  let adapter: TmuxAdapter | undefined;
  return {
    global,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    adapter: () =>
      // A one-shot verb runs a handful of commands: spawning them costs less
      // than starting a control client.
      (adapter ??= createTmuxAdapter({ server: global.server, mode: 'process' })),
    close: async () => {
      await adapter?.close();
    },
  };
}
