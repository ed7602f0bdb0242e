import type { Terminal } from '@xterm/headless';
import type { AgentKind } from '../state/agentState.js';
import { contentLines } from '../state/screenChrome.js';
import { rowAnsi } from './mirrorRows.js';

/** What the dashboard shows of a pane in the grid: a body of `rows` x `columns` cells. */
export interface BodyView {
  rows: number;
  columns: number;
  /** The agent in the pane, whose chrome is folded out of the body (see screenChrome.ts). */
  agent?: AgentKind;
}

/** History lines looked at above the screen when a body needs more than the screen has. */
const HISTORY_LOOK = 20;

/**
 * A pane's grid body from its mirror: the last `rows` content lines of its
 * history and screen (trailing blanks are not content; for an agent, its
 * chrome is not either), each cut to `columns` cells with its colours.
 * Fewer rows than `rows` when there is less to show. Only the lines looked
 * at are read: for a plain program, from the last non-blank row up.
 */
export function bodyRows(terminal: Terminal, view: BodyView): string[] {
  if (view.rows <= 0 || view.columns <= 0) return [];
  const buffer = terminal.buffer.active;
  const cell = buffer.getNullCell();
  const last = buffer.baseY + terminal.rows - 1;
  const first = Math.max(0, buffer.baseY - HISTORY_LOOK);
  let picked: number[];
  if (view.agent === 'claude') {
    const plain: string[] = [];
    for (let y = first; y <= last; y++) plain.push(buffer.getLine(y)?.translateToString(true) ?? '');
    picked = contentLines(view.agent, plain).slice(-view.rows).map((i) => first + i);
  } else {
    let end = last;
    while (end >= first && (buffer.getLine(end)?.translateToString(true) ?? '') === '') end--;
    picked = [];
    for (let y = Math.max(first, end - view.rows + 1); y <= end; y++) picked.push(y);
  }
  return picked.map((y) => rowAnsi(buffer.getLine(y), view.columns, cell));
}

/**
 * A pane's lines as the state detectors and error counting read them (what
 * `capture-pane -J` of the screen and some history gives): plain text,
 * lines the terminal wrapped joined again, trailing blank lines dropped.
 * With `colours`, each row carries its SGR codes (`capture-pane -e -J`):
 * what the grid draws; the detectors strip them (cleanLines).
 */
export function screenLines(terminal: Terminal, history = HISTORY_LOOK, colours = false): string[] {
  const buffer = terminal.buffer.active;
  const cell = buffer.getNullCell();
  const last = buffer.baseY + terminal.rows - 1;
  const lines: string[] = [];
  for (let y = Math.max(0, buffer.baseY - history); y <= last; y++) {
    const line = buffer.getLine(y);
    const text = colours ? rowAnsi(line, terminal.cols, cell) : line?.translateToString(true) ?? '';
    if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
