import React from 'react';
import { BodiesContext } from './BodiesContext.js';
import type { CompositedBodies } from '../src/ui/compositedBodies.js';
import { Box } from 'ink';
import type { TmuxAdapter } from '../src/tmux/tmuxAdapter.js';
import type { OrchStore } from '../src/store/orchStore.js';
import { serverArgs, serverLabel } from '../src/tmux/tmuxServer.js';
import { layoutGrid, MIN_TERMINAL, pageOf } from '../src/ui/gridLayout.js';
import { StoreProvider, useOrch } from './StoreContext.js';
import { GRID_CLOCK_MS, WorkerGrid } from './WorkerGrid.js';
import { ZoomView } from './ZoomView.js';
import { HelpView } from './HelpView.js';
import { Footer } from './Footer.js';
import { EmptyState } from './EmptyState.js';
import { TooSmall } from './TooSmall.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { useTmuxFeed } from '../hooks/useTmuxFeed.js';
import { useDashboardKeys } from '../hooks/useDashboardKeys.js';
import { useNow } from '../hooks/useNow.js';
import { useTaskEngine } from '../hooks/useTaskEngine.js';
import { TaskView } from './TaskView.js';
import { StatusView, progressLabel } from './StatusView.js';
import { useStatusReport } from '../hooks/useStatusReport.js';
import type { TaskEngine } from '../src/tasks/taskEngine.js';
import type { DispatcherSeat } from '../src/tasks/dispatcherLock.js';
import type { TaskQueue } from '../src/tasks/taskQueue.js';
import { useNotifications } from '../hooks/useNotifications.js';
import type { NotifyOptions } from '../src/ui/notifications.js';
import { MIN_MODAL_ROWS, ModalPanel, modalHeight } from './ModalPanel.js';

/** A pane needs its two borders and its header. */
const MIN_PANE_ROWS = 3;
import { MessageLine } from './MessageLine.js';
import { AttentionStrip, attentionRows } from './AttentionStrip.js';
import { attentionList } from '../src/ui/stateStyle.js';
import type { Dispatcher } from '../src/dispatch/dispatcher.js';
import { createDashboardActions } from '../src/ui/dashboardActions.js';
import { footerEntries, KEY_TABLE } from '../src/ui/keyTable.js';
import type { NotesBoard } from '../src/notes/notesBoard.js';
import type { NotesCourier } from '../src/notes/notesCourier.js';
import { useNotesBoard } from '../hooks/useNotesBoard.js';
import { NotesView } from './NotesView.js';
import type { RoundUnderWay } from '../src/roundUnderWay.js';

export interface AppProps {
  store: OrchStore;
  adapter: TmuxAdapter;
  intervalMs: number;
  sessionGlob?: string;
  onQuit: () => void;
  dispatcher: Dispatcher;
  /** Where a new worker starts when nothing is focused. */
  defaultCwd: string;
  notify?: NotifyOptions;
  /** The task dispatcher, when this dashboard holds the dispatcher lock. */
  taskEngine?: TaskEngine;
  /** The dispatcher lock the dashboard takes whenever it is free (absent: taskEngine always dispatches). */
  dispatcherSeat?: DispatcherSeat;
  taskQueue?: TaskQueue;
  /** The notes board of this server, and the dispatcher's notes work when this dashboard dispatches. */
  notesBoard?: NotesBoard;
  notesCourier?: NotesCourier;
  /** The dispatch loop's rounds, which quitting waits for (see useTaskEngine). */
  dispatchRounds?: RoundUnderWay;
  /** Grid bodies drawn outside React (the dashboard); absent, panes draw their lines in React. */
  bodies?: CompositedBodies;
}

/** The root: owns the feed and the keys, picks a view, passes sizes down. */
export function App(props: AppProps) {
  return (
    <StoreProvider store={props.store}>
      <BodiesContext.Provider value={props.bodies}>
        <Dashboard {...props} />
      </BodiesContext.Provider>
    </StoreProvider>
  );
}

const NOTICE_MS = 15_000;

const NONE: readonly string[] = [];

/** The dashboard clock outside the zoom view. */
const IDLE_CLOCK_MS = 5000;

/**
 * The worker panes drawn now (the grid's page, or the zoomed one), as a
 * stable array: the feed captures only these as they print.
 */
function useVisibleWorkers(view: string, perPage: number, drawn: boolean): readonly string[] {
  const key = useOrch((s) => {
    if (!drawn) return '';
    if (view === 'zoom') return s.focusId ?? '';
    if (view !== 'grid') return '';
    const page = pageOf(s.order.indexOf(s.focusId ?? ''), perPage);
    return s.order.slice(page * perPage, (page + 1) * perPage).join(' ');
  });
  return React.useMemo(() => (key === '' ? NONE : key.split(' ')), [key]);
}

const QUIET: NotifyOptions = { bell: false, tmuxMessage: false };

const NO_TASKS = async () => [];

/** How often the dashboard reads the notes board (every process posts to it). */
const NOTES_READ_MS = 1000;

function Dashboard(props: AppProps) {
  const { store, adapter, intervalMs, sessionGlob, onQuit, dispatcher, defaultCwd, notify = QUIET, taskEngine, dispatcherSeat, taskQueue, notesBoard, notesCourier } = props;
  const { columns, rows } = useTerminalSize();
  useNotifications(store, adapter, notify);
  const readTasks = React.useMemo(() => (taskQueue ? async () => (await taskQueue.list()).tasks : NO_TASKS), [taskQueue]);
  useTaskEngine({ store, engine: taskEngine, seat: dispatcherSeat, courier: notesCourier, readTasks, intervalMs, rounds: props.dispatchRounds });
  useNotesBoard({ store, board: notesBoard, intervalMs: NOTES_READ_MS });
  const view = useOrch((s) => s.view);
  const taskCount = useOrch((s) => s.tasks.length);
  const fullReport = useStatusReport(store, view === 'status');
  // Every tick redraws the whole frame. Seconds matter where one worker is
  // watched (zoom); elsewhere labels count in larger steps and notices
  // last 10-15 s, so a slower clock keeps an idle dashboard idle.
  const now = useNow(view === 'zoom' ? 1000 : IDLE_CLOCK_MS);
  const count = useOrch((s) => s.order.length);
  const focusIndex = useOrch((s) => s.order.indexOf(s.focusId ?? ''));
  const server = useOrch((s) => s.server);
  const lastError = useOrch((s) => s.errors[s.errors.length - 1]);
  const notice = useOrch((s) => s.notices[s.notices.length - 1]);
  const modal = useOrch((s) => s.modal);
  const marked = useOrch((s) => s.marked.length);
  const helpScroll = useOrch((s) => s.zoomScroll);
  // The footer's keys, with the conditional ones (y/n while the focused worker asks) when they hold.
  const footerText = useOrch((s) => footerEntries(s.modal?.kind ?? s.view, KEY_TABLE, s).map((e) => `${e.key}\u0000${e.label}`).join('\n'));
  const footerKeys = React.useMemo(
    () => footerText.split('\n').filter(Boolean).map((line) => ({ key: line.split('\u0000')[0]!, label: line.split('\u0000')[1]! })),
    [footerText],
  );
  const onAction = React.useMemo(
    () => createDashboardActions({ store, adapter, dispatcher, defaultCwd, taskQueue, notesBoard }),
    [store, adapter, dispatcher, defaultCwd, taskQueue, notesBoard],
  );
  // One row is kept free (Ink repaints the whole screen when a frame is as
  // tall as the terminal, which flickers), one for messages, one for keys.
  const attention = useOrch((s) => attentionList(s.workers, s.order, now).length);
  // An open modal comes first: on a short terminal the attention strip gives up rows to it.
  const strip = view === 'help' ? 0 : Math.min(attentionRows(attention), modal && rows < 20 ? 1 : Infinity);
  const available = Math.max(1, rows - 3 - strip);
  // The modal gets the rows it needs (a text box grows to half the space);
  // the grid keeps the rest, and hides when that is too little to draw a pane.
  const panel = modal ? Math.min(modalHeight(modal, Math.max(MIN_MODAL_ROWS + 1, Math.floor(available / 2))), Math.max(1, available - 1)) : 0;
  const height = Math.max(1, available - panel);
  const layout = layoutGrid(count, columns, height);
  const visibleIds = useVisibleWorkers(view, layout.perPage, columns >= MIN_TERMINAL.columns && rows >= MIN_TERMINAL.rows);
  useTmuxFeed({ adapter, store, intervalMs, sessionGlob, visibleIds });
  useDashboardKeys({
    store,
    onQuit,
    onAction,
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
        (marked > 0 ? ` · ${marked} marked` : '') +
        (taskCount > 0 ? ` · ${progressLabel(fullReport)}` : '') +
        (layout.pages > 1 ? ` · page ${page + 1}/${layout.pages}${more > 0 ? ` · ${more} more →` : ''}` : '');
  const recentError = lastError && now - lastError.at < 10_000 ? lastError.message : undefined;
  const recentNotice = notice && now - notice.at < NOTICE_MS ? notice : undefined;

  let body: React.ReactNode;
  if (view === 'help') body = <HelpView width={columns} height={height} scroll={helpScroll} />;
  else if (view === 'tasks') body = <TaskView width={columns} height={height} />;
  else if (view === 'notes') body = <NotesView width={columns} height={height} />;
  else if (view === 'status') body = <StatusView report={fullReport} width={columns} height={height} scroll={helpScroll} />;
  else if (count === 0)
    body = (
      <EmptyState
        width={columns}
        height={height}
        problem={server.kind === 'unavailable' ? server.message : undefined}
        connecting={server.kind === 'connecting'}
        serverLabel={serverLabel(adapter.server)}
        serverFlags={serverArgs(adapter.server).join(' ')}
      />
    );
  else if (view === 'zoom') body = <ZoomView width={columns} height={height} now={now} />;
  // The grid stays mounted (hidden) under the other views: coming back to
  // it is a frame, not the building of fifty panes.
  const grid =
    count > 0 ? (
      <Box display={view === 'grid' && height >= MIN_PANE_ROWS ? 'flex' : 'none'} flexDirection="column">
        <WorkerGrid
          columns={layout.columns}
          perPage={layout.perPage}
          cellWidth={layout.cellWidth}
          cellHeight={layout.cellHeight}
          now={Math.floor(now / GRID_CLOCK_MS) * GRID_CLOCK_MS}
        />
      </Box>
    ) : null;

  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      {strip > 0 ? <AttentionStrip width={columns} now={now} /> : null}
      <Box height={height} flexDirection="column" overflowY="hidden">
        {body}
        {grid}
      </Box>
      {modal ? <ModalPanel modal={modal} width={columns} height={panel} /> : null}
      <MessageLine notice={recentNotice} width={columns} />
      <Footer view={modal?.kind ?? view} width={columns} status={status} error={recentError} entries={footerKeys} />
    </Box>
  );
}
