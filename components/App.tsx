import React from 'react';
import { Box } from 'ink';
import type { TmuxAdapter } from '../src/tmux/tmuxAdapter.js';
import type { OrchStore } from '../src/store/orchStore.js';
import { serverArgs, serverLabel } from '../src/tmux/tmuxServer.js';
import { layoutGrid, MIN_TERMINAL, pageOf } from '../src/ui/gridLayout.js';
import { StoreProvider, useOrch } from './StoreContext.js';
import { WorkerGrid } from './WorkerGrid.js';
import { ZoomView } from './ZoomView.js';
import { HelpView } from './HelpView.js';
import { Footer } from './Footer.js';
import { EmptyState } from './EmptyState.js';
import { TooSmall } from './TooSmall.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useTmuxFeed } from '../hooks/useTmuxFeed.js';
import { useDashboardKeys } from '../hooks/useDashboardKeys.js';
import { useNow } from '../hooks/useNow.js';

export interface AppProps {
  store: OrchStore;
  adapter: TmuxAdapter;
  intervalMs: number;
  sessionGlob?: string;
  onQuit: () => void;
}

/** The root: owns the feed and the keys, picks a view, passes sizes down. */
export function App(props: AppProps) {
  return (
    <StoreProvider store={props.store}>
      <Dashboard {...props} />
    </StoreProvider>
  );
}

function Dashboard({ store, adapter, intervalMs, sessionGlob, onQuit }: AppProps) {
  const { columns, rows } = useTerminalSize();
  useTmuxFeed({ adapter, store, intervalMs, sessionGlob });
  const now = useNow(1000);
  const view = useOrch((s) => s.view);
  const count = useOrch((s) => s.order.length);
  const focusIndex = useOrch((s) => s.order.indexOf(s.focusId ?? ''));
  const server = useOrch((s) => s.server);
  const lastError = useOrch((s) => s.errors[s.errors.length - 1]);
  // One row is kept free: Ink repaints the whole screen when a frame is as
  // tall as the terminal, which flickers.
  const height = Math.max(1, rows - 2);
  const layout = layoutGrid(count, columns, height);
  useDashboardKeys({
    store,
    onQuit,
    context: { columns: layout.columns, perPage: layout.perPage, zoomRows: Math.max(1, height - 2) },
  });

  if (columns < MIN_TERMINAL.columns || rows < MIN_TERMINAL.rows) {
    return <TooSmall columns={columns} rows={rows} />;
  }

  const page = pageOf(focusIndex, layout.perPage);
  const shownTo = Math.min(count, (page + 1) * layout.perPage);
  const more = count - shownTo;
  const status =
    server.kind === 'unavailable'
      ? 'tmux unavailable'
      : `${count} worker${count === 1 ? '' : 's'}` +
        (layout.pages > 1 ? ` · page ${page + 1}/${layout.pages}${more > 0 ? ` · ${more} more →` : ''}` : '');
  const recentError = lastError && now - lastError.at < 10_000 ? lastError.message : undefined;

  let body: React.ReactNode;
  if (view === 'help') body = <HelpView width={columns} height={height} />;
  else if (count === 0)
    body = (
      <EmptyState
        width={columns}
        height={height}
        problem={server.kind === 'unavailable' ? server.message : undefined}
        serverLabel={serverLabel(adapter.server)}
        serverFlags={serverArgs(adapter.server).join(' ')}
      />
    );
  else if (view === 'zoom') body = <ZoomView width={columns} height={height} now={now} />;
  else body = <WorkerGrid layout={layout} now={now} />;

  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Box height={height} flexDirection="column" overflow="hidden">
        {body}
      </Box>
      <Footer view={view} width={columns} status={status} error={recentError} />
    </Box>
  );
}
