import type { OrchStore } from '../src/store/orchStore.js';
import { findBinding, KEY_TABLE, keyName, type CommandId, type KeyContext } from '../src/ui/keyTable.js';
import { applyCommand, type CommandContext } from '../src/ui/applyCommand.js';
import { editModal } from '../src/store/modalActions.js';
import { useKeypress } from './useKeypress.js';

export interface DashboardKeysOptions {
  store: OrchStore;
  context: CommandContext;
  onQuit: () => void;
  /** Commands that act on workers (send, kill, ...), run outside the store. */
  onAction: (command: CommandId) => void;
}

const VIEW_COMMANDS: ReadonlySet<CommandId> = new Set([
  'focus-left', 'focus-right', 'focus-up', 'focus-down', 'focus-next', 'focus-previous', 'zoom', 'unzoom',
  'scroll-up', 'scroll-down', 'page-next', 'page-previous', 'help', 'close-help',
  'tasks-view', 'status-view', 'close-view', 'task-up', 'task-down', 'notes-view', 'note-up', 'note-down', 'note-filter',
]);

/**
 * Keys go through the key table to a command. An open modal takes the keys
 * first; printable keys it has no row for are typed into its text.
 */
export function useDashboardKeys({ store, context, onQuit, onAction }: DashboardKeysOptions): void {
  useKeypress((data, pasted) => {
    const state = store.getState();
    const where: KeyContext = state.modal?.kind ?? state.view;
    if (pasted) {
      // A paste is text for the open box, never a string of commands.
      if (state.modal && state.modal.kind !== 'confirm') store.setState(editModal(state, { kind: 'insert', text: data }), true);
      return;
    }
    const { name, text } = keyName(data);
    const binding = findBinding(where, name, KEY_TABLE, state);
    if (!binding) {
      if (state.modal && state.modal.kind !== 'confirm') {
        const typed = text ?? (Array.from(name).length === 1 ? name : undefined);
        if (typed !== undefined) store.setState(editModal(state, { kind: 'insert', text: typed }), true);
      }
      return;
    }
    if (binding.command === 'quit') return onQuit();
    if (VIEW_COMMANDS.has(binding.command)) {
      const next = applyCommand(state, binding.command, context);
      if (next !== state) store.setState(next, true);
      return;
    }
    onAction(binding.command);
  });
}
