import { workerName } from '../workers/selectWorkers.js';
import { acceptsCommands, isManaged } from '../workers/agentBoundary.js';
import type { DecidedState, WorkerSnapshot } from './workerSnapshot.js';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { finishedTurn } from '../state/decideState.js';
import { findErrorLines } from '../state/errorWatch.js';
import { paneCommand, paneDirectory } from '../workers/paneLabels.js';
import { sameContext } from '../ui/contextMeter.js';
import {
  MAX_ERRORS,
  MAX_OUTPUT_LINES,
  type OrchState,
  type ServerStatus,
  type View,
  type Worker,
} from './orchState.js';

/**
 * Pure state transitions. Each returns the same object when nothing
 * changed, so subscribers re-render only on real change.
 */

function toWorker(
  pane: PaneInfo,
  previous: Worker | undefined,
  output: { lines: readonly string[]; changed: boolean },
  decided: DecidedState | undefined,
  at: number,
  errorPatterns: readonly RegExp[],
): Worker {
  const activity = pane.windowActivity * 1000;
  const lastOutputAt = output.changed ? at : (previous?.lastOutputAt ?? activity);
  const d = decided?.decision;
  const state = d?.state ?? previous?.state ?? 'unknown';
  // Errors the worker's screen shows now, not in its scrollback: a build that
  // failed and was fixed stops counting once it scrolls away, and the count
  // is the same in the grid and in the zoom view (which captures more history).
  const screen = output.lines.slice(-Math.max(1, pane.height));
  const errors = output.changed || !previous ? findErrorLines(screen, errorPatterns) : undefined;
  return {
    id: pane.paneId,
    name: workerName(pane),
    sessionName: pane.sessionName,
    sessionId: pane.sessionId,
    windowIndex: pane.windowIndex,
    paneIndex: pane.paneIndex,
    // Once dead, tmux knows no directory and names the last process it saw:
    // keep what the pane was while it lived, else what it was started with.
    command: pane.dead && previous && !previous.dead ? previous.command : paneCommand(pane),
    cwd: pane.dead && previous && !previous.dead ? previous.cwd : paneDirectory(pane),
    title: pane.title,
    dead: pane.dead,
    deadStatus: pane.deadStatus,
    width: pane.width,
    height: pane.height,
    inMode: pane.inMode,
    lastOutputAt,
    managed: isManaged(pane),
    acceptsCommands: acceptsCommands(pane),
    agent: decided?.kind ?? previous?.agent ?? 'generic',
    state,
    stateReason: d?.reason ?? previous?.stateReason ?? 'not decided yet',
    stateEvidence: d?.evidence ?? previous?.stateEvidence ?? '',
    stateSource: d?.source ?? previous?.stateSource ?? 'tmux',
    stateSince: previous && previous.state === state ? previous.stateSince : at,
    prompt: d ? d.prompt : previous?.prompt,
    finishedAt: previous && finishedTurn(previous.state, state) ? at : previous?.finishedAt,
    errorCount: errors ? errors.count : previous!.errorCount,
    latestError: errors ? errors.latest : previous!.latestError,
    // The same object while the reading is the same, so the pane is not redrawn for it.
    context: !decided ? previous?.context : sameContext(previous?.context, decided.report?.context) ? previous?.context : decided.report?.context,
    costUsd: decided ? decided.report?.costUsd : previous?.costUsd,
  };
}

function sameWorker(a: Worker | undefined, b: Worker): boolean {
  if (!a) return false;
  for (const key of Object.keys(b) as Array<keyof Worker>) {
    if (key === 'prompt' ? JSON.stringify(a.prompt) !== JSON.stringify(b.prompt) : a[key] !== b[key]) return false;
  }
  return true;
}

function sameLines(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Write one feed tick: workers appear, change and go; output is replaced by fresh captures. */
export function applySnapshot(state: OrchState, snapshot: WorkerSnapshot, channel: string): OrchState {
  let changed = false;
  const workers: Record<string, Worker> = {};
  const output: Record<string, string[]> = {};
  for (const pane of snapshot.panes) {
    const id = pane.paneId;
    const captured = snapshot.captures.get(id);
    const lines = captured ? captured.slice(-MAX_OUTPUT_LINES) : state.output[id] ?? [];
    const outputChanged = captured !== undefined && state.output[id] !== undefined && !sameLines(state.output[id], lines);
    const worker = toWorker(pane, state.workers[id], { lines, changed: outputChanged }, snapshot.states?.get(id), snapshot.at, state.errorPatterns);
    workers[id] = sameWorker(state.workers[id], worker) ? state.workers[id]! : worker;
    output[id] = sameLines(state.output[id], lines) ? state.output[id]! : lines;
    if (workers[id] !== state.workers[id] || output[id] !== state.output[id]) changed = true;
  }
  const order = snapshot.panes.map((p) => p.paneId);
  if (!sameLines(state.order, order)) changed = true;
  const server: ServerStatus = { kind: 'ok', channel };
  const serverChanged = state.server.kind !== 'ok' || state.server.channel !== channel;
  let errors = state.errors;
  for (const [id, message] of snapshot.paneErrors) {
    errors = pushError(errors, snapshot.at, `${workers[id]?.name ?? id}: ${message}`);
  }
  if (!changed && !serverChanged && errors === state.errors) return state;
  const focusId = order.includes(state.focusId ?? '') ? state.focusId : order[0];
  const view = focusId === undefined && state.view === 'zoom' ? 'grid' : state.view;
  return {
    ...state,
    workers: changed ? workers : state.workers,
    output: changed ? output : state.output,
    order: sameLines(state.order, order) ? state.order : order,
    focusId,
    view,
    server: serverChanged ? server : state.server,
    errors,
    updatedAt: snapshot.at,
  };
}

/** The server could not be reached this tick (no server, tmux missing, ...). */
export function markServerUnavailable(state: OrchState, message: string): OrchState {
  if (state.server.kind === 'unavailable' && state.server.message === message) return state;
  return { ...state, server: { kind: 'unavailable', message } };
}

function pushError(errors: OrchState['errors'], at: number, message: string): OrchState['errors'] {
  const last = errors[errors.length - 1];
  if (last?.message === message) return errors;
  return [...errors, { at, message }].slice(-MAX_ERRORS);
}

export function recordError(state: OrchState, message: string, at: number): OrchState {
  const errors = pushError(state.errors, at, message);
  return errors === state.errors ? state : { ...state, errors };
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'next' | 'previous';

/** Move focus through the grid, which has `columns` panes a row. */
export function moveFocus(state: OrchState, direction: Direction, columns: number): OrchState {
  const { order } = state;
  if (order.length === 0) return state;
  const at = Math.max(0, order.indexOf(state.focusId ?? ''));
  const cols = Math.max(1, columns);
  const step: Record<Direction, number> = { left: -1, right: 1, up: -cols, down: cols, next: 1, previous: -1 };
  let target = at + step[direction];
  if (direction === 'up' && target < 0) target = at;
  if (direction === 'next' || direction === 'previous') target = (target + order.length) % order.length;
  else if (direction === 'down' && target >= order.length) {
    // Moving down from a row above the short last row lands on its last pane.
    const lastRowStart = Math.floor((order.length - 1) / cols) * cols;
    target = at < lastRowStart ? order.length - 1 : at;
  } else target = Math.min(order.length - 1, Math.max(0, target));
  if ((direction === 'left' || direction === 'right') && Math.floor(target / cols) !== Math.floor(at / cols)) {
    // Left and right stay on the row, except across a page boundary, which paging handles.
    target = at;
  }
  const focusId = order[target];
  return focusId === state.focusId ? state : { ...state, focusId };
}

export function focusWorker(state: OrchState, id: string): OrchState {
  return state.order.includes(id) && state.focusId !== id ? { ...state, focusId: id } : state;
}

export function setView(state: OrchState, view: View): OrchState {
  if (view === 'zoom' && state.focusId === undefined) return state;
  return state.view === view ? state : { ...state, view, zoomScroll: 0 };
}

export function toggleZoom(state: OrchState): OrchState {
  return setView(state, state.view === 'zoom' ? 'grid' : 'zoom');
}

/** Scroll the zoom view by `delta` lines (positive is up, into history). */
export function scrollZoom(state: OrchState, delta: number, visibleRows: number): OrchState {
  const lines = state.output[state.focusId ?? '']?.length ?? 0;
  const max = Math.max(0, lines - visibleRows);
  const zoomScroll = Math.min(max, Math.max(0, state.zoomScroll + delta));
  return zoomScroll === state.zoomScroll ? state : { ...state, zoomScroll };
}
