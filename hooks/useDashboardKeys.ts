import { useInput } from 'ink';
import type { OrchStore } from '../src/store/orchStore.js';
import { findBinding, keyName } from '../src/ui/keyTable.js';
import { applyCommand, type CommandContext } from '../src/ui/applyCommand.js';

export interface DashboardKeysOptions {
  store: OrchStore;
  context: CommandContext;
  onQuit: () => void;
}

/** Keys go through the key table to a command, and from there to the store. */
export function useDashboardKeys({ store, context, onQuit }: DashboardKeysOptions): void {
  useInput((input, key) => {
    const state = store.getState();
    const binding = findBinding(state.view, keyName(input, key));
    if (!binding) return;
    if (binding.command === 'quit') {
      onQuit();
      return;
    }
    const next = applyCommand(state, binding.command, context);
    if (next !== state) store.setState(next, true);
  });
}
