import { useEffect } from 'react';
import { useStdout } from 'ink';
import type { OrchStore } from '../src/store/orchStore.js';
import type { TmuxAdapter } from '../src/tmux/tmuxAdapter.js';
import { notificationsFor, type NotifyOptions } from '../src/ui/notifications.js';

/**
 * Tells the user when a worker starts waiting for them, hits an error or
 * finishes a turn: the terminal bell and a tmux message on every attached
 * (non-control) client, each switchable.
 */
export function useNotifications(store: OrchStore, adapter: TmuxAdapter, options: NotifyOptions): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (!options.bell && !options.tmuxMessage) return;
    return store.subscribe((next, prev) => {
      if (next.workers === prev.workers) return;
      const messages = notificationsFor(prev.workers, next.workers);
      if (messages.length === 0) return;
      if (options.bell) stdout.write('\u0007');
      if (options.tmuxMessage) void showOnClients(adapter, messages.join(' · '));
    });
  }, [store, adapter, options.bell, options.tmuxMessage, stdout]);
}

async function showOnClients(adapter: TmuxAdapter, message: string): Promise<void> {
  try {
    const clients = await adapter.run(['list-clients', '-F', '#{client_control_mode} #{client_tty}']);
    for (const line of clients) {
      const [control, tty] = line.split(' ');
      if (control === '0' && tty) await adapter.run(['display-message', '-c', tty, '-d', '5000', message]);
    }
  } catch {
    // A notification that cannot be shown is not worth an error on screen.
  }
}
