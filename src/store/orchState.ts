import type { PaneInfo } from '../tmux/paneFormat.js';

import type { TextInput } from '../ui/textInput.js';
import type { Task } from '../tasks/taskTypes.js';
import type { Note } from '../notes/noteTypes.js';
import { DEFAULT_ERROR_PATTERNS } from '../state/errorWatch.js';
import type { AgentKind, AgentStateName, StateSource, WaitingPrompt } from '../state/agentState.js';

export type View = 'grid' | 'zoom' | 'help' | 'tasks' | 'status' | 'notes';

/** What an input box is for. */
export type InputPurpose = 'task' | 'broadcast' | 'compact' | 'reset';

export interface FormField {
  label: string;
  input: TextInput;
  hint: string;
}

/** A modal takes the keys first while it is open. */
export type Modal =
  | { kind: 'input'; purpose: InputPurpose; targets: string[]; title: string; input: TextInput; allowEmpty: boolean }
  | { kind: 'confirm'; purpose: 'kill' | 'broadcast-all' | 'answer'; targets: string[]; question: string; payload?: string }
  | { kind: 'form'; purpose: 'new-worker' | 'new-task' | 'new-note'; fields: FormField[]; focus: number };

export interface Notice {
  at: number;
  message: string;
  tone: 'info' | 'ok' | 'error';
}

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
  /** Managed (`@orch_worker`): orch-tui created it or a person adopted it; an orchestrating agent reaches only these. */
  managed: boolean;
  /** A person said this plain program takes commands from an agent (`@orch_commands`). */
  acceptsCommands: boolean;
  agent: AgentKind;
  state: AgentStateName;
  stateReason: string;
  /** The line or field that decided the state. */
  stateEvidence: string;
  stateSource: StateSource;
  /** When it entered its state, ms since the epoch. */
  stateSince: number;
  /** The question it waits on (a permission prompt: command and choices). */
  prompt: WaitingPrompt | undefined;
  /** When it last finished a turn (working → idle). */
  finishedAt: number | undefined;
  /** Error lines in its latest output, and the last one. */
  errorCount: number;
  latestError: string | undefined;
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
  modal: Modal | undefined;
  /** Workers marked with Space, for broadcast. */
  marked: string[];
  /** Outcomes of actions (delivered, refused, killed...), newest last, bounded. */
  notices: Notice[];
  /** Tasks sent from the dashboard, oldest first, for Up/Down recall. */
  taskHistory: string[];
  /** Printed when orch-tui quits (outside tmux, `a` cannot switch the client). */
  attachOnQuit: string | undefined;
  /** The task queue as the dispatcher last saw it. */
  tasks: Task[];
  /** Selected row in the task view. */
  taskCursor: number;
  /** Who dispatches tasks when it is not this dashboard (another holds the lock). */
  dispatcherElsewhere: string | undefined;
  /** What counts as an error line (the defaults plus `--error-pattern`). */
  errorPatterns: readonly RegExp[];
  /** The notes board, oldest first, as last read. */
  notes: Note[];
  /** Unread notes per worker name (only those with some), for the pane headers. */
  unreadNotes: Record<string, number>;
  /** Selected row in the notes view (0 is the newest shown). */
  noteCursor: number;
  /** The notes view shows only notes addressed to this worker (or to all); undefined: every note. */
  noteFilter: string | undefined;
}

export const MAX_OUTPUT_LINES = 2000;
export const MAX_ERRORS = 20;
export const MAX_NOTICES = 20;
export const MAX_HISTORY = 100;

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
    modal: undefined,
    marked: [],
    notices: [],
    taskHistory: [],
    attachOnQuit: undefined,
    tasks: [],
    taskCursor: 0,
    dispatcherElsewhere: undefined,
    errorPatterns: DEFAULT_ERROR_PATTERNS,
    notes: [],
    unreadNotes: {},
    noteCursor: 0,
    noteFilter: undefined,
    ...overrides,
  };
}

export type { PaneInfo };
