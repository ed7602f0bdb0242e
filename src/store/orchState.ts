import type { PaneInfo } from '../tmux/paneFormat.js';

export type View = 'grid' | 'zoom' | 'help';

/** A worker as the dashboard sees it: one tmux pane. */
export interface Worker {
  id: string;
  name: string;
  sessionName: string;
  sessionId: string;
  windowIndex: number;
  paneIndex: number;
  command: string;
  cwd: string;
  title: string;
  dead: boolean;
  deadStatus: number | undefined;
  width: number;
  height: number;
  inMode: boolean;
  /** When its screen last changed, in ms since the epoch. */
  lastOutputAt: number;
  /** orch-tui created it (`@orch_worker`). */
  managed: boolean;
}

export type ServerStatus =
  | { kind: 'connecting' }
  | { kind: 'ok'; channel: string }
  | { kind: 'unavailable'; message: string };

export interface ErrorEntry {
  at: number;
  message: string;
}

export interface OrchState {
  workers: Record<string, Worker>;
  /** Worker ids in display order (grouped by session). */
  order: string[];
  /** Latest output lines per worker, oldest first, bounded. */
  output: Record<string, string[]>;
  focusId: string | undefined;
  view: View;
  /** Lines scrolled up from the bottom in the zoom view. */
  zoomScroll: number;
  server: ServerStatus;
  /** Recent errors, newest last, bounded. */
  errors: ErrorEntry[];
  /** When the feed last wrote, ms since the epoch. */
  updatedAt: number;
}

export const MAX_OUTPUT_LINES = 2000;
export const MAX_ERRORS = 20;

export function initialState(overrides: Partial<OrchState> = {}): OrchState {
  return {
    workers: {},
    order: [],
    output: {},
    focusId: undefined,
    view: 'grid',
    zoomScroll: 0,
    server: { kind: 'connecting' },
    errors: [],
    updatedAt: 0,
    ...overrides,
  };
}

export type { PaneInfo };
