import type { Terminal } from '@xterm/headless';
import { tmuxWidth } from './tmuxWidths.js';
import { blankCutHalvesPlainly, type PrintingHandler } from './cutWideHalves.js';

/** The parts of xterm.js's (unexported) input handler that are adjusted below. */
interface InputHandlerShape {
  _activeBuffer: { x: number; y: number; scrollTop: number; scrollBottom: number; savedCurAttrData?: { bg: number } };
  _bufferService: { cols: number; rows: number };
  _curAttrData: { bg: number };
  _coreService: { decPrivateModes: { origin: boolean; wraparound: boolean }; modes: { insertMode: boolean } };
  setScrollRegion(params: unknown): boolean;
  eraseInDisplay(params: unknown, respectProtect?: boolean): boolean;
  scrollDown(params: unknown): boolean;
  cursorBackward(params: unknown): boolean;
  setModePrivate(params: unknown): boolean;
  resetModePrivate(params: unknown): boolean;
  linePosAbsolute(params: unknown): boolean;
  _moveCursor(dx: number, dy: number): void;
  _restrictCursor(maxCol?: number): void;
  _eraseAttrData(): { bg: number };
  _setCursor(x: number, y: number): void;
  _resetBufferLine(y: number, respectProtect?: boolean): void;
  parse(data: unknown, promiseResult?: unknown): unknown;
  _dirtyRowTracker?: { markDirty(y: number): void };
  insertLines(params: unknown): boolean;
  deleteLines(params: unknown): boolean;
  insertChars(params: unknown): boolean;
  deleteChars(params: unknown): boolean;
  eraseChars(params: unknown): boolean;
  backspace(): boolean;
  lineFeed(): boolean;
  index(): boolean;
  reverseIndex(): boolean;
  print(data: Uint32Array, start: number, end: number): void;
}

/** Any character two cells wide (only then can one meet the last column). */
function hasWide(data: Uint32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (data[i]! >= 0x1100 && tmuxWidth(data[i]!) === 2) return true;
  return false;
}

/** The count of a CSI with one numeric parameter (0 or none is 1). */
function countOf(params: unknown): number {
  const first = (params as { params?: ArrayLike<number> }).params?.[0];
  return typeof first === 'number' && first > 0 ? first : 1;
}

function inputHandlerOf(terminal: Terminal): InputHandlerShape | undefined {
  const handler = (terminal as unknown as { _core?: { _inputHandler?: Partial<InputHandlerShape> } })._core?._inputHandler;
  const methods = ['insertLines', 'deleteLines', 'insertChars', 'deleteChars', 'eraseChars', 'backspace', 'lineFeed', 'index', 'reverseIndex', 'print', 'setModePrivate', 'setScrollRegion', 'eraseInDisplay', 'scrollDown', 'cursorBackward', 'resetModePrivate', 'linePosAbsolute', '_moveCursor', '_restrictCursor', '_eraseAttrData', '_setCursor', '_resetBufferLine', 'parse'] as const;
  if (!handler || !handler._activeBuffer || !handler._bufferService || typeof handler._curAttrData?.bg !== 'number') return undefined;
  if (typeof handler._coreService?.decPrivateModes?.origin !== 'boolean') return undefined;
  if (typeof handler._coreService.modes?.insertMode !== 'boolean') return undefined;
  if (!methods.every((m) => typeof handler[m] === 'function')) return undefined;
  return handler as InputHandlerShape;
}

/**
 * Where tmux 3.3a (screen-write.c) and xterm.js read the same bytes
 * differently, the mirror must do what tmux does: it mirrors tmux's
 * screen, not a terminal's. xterm.js offers no hook for these (C0
 * controls, or code that must run after its own), so its input handler's
 * methods are wrapped on this one instance; the shape is checked first
 * and an xterm.js of another shape is left alone (returns undefined). A
 * mirror without them still converges: the comparison with a capture
 * re-seeds it.
 *
 * - A cursor past the last column (a pending wrap, tmux's `cx == sx`)
 *   stays there through LF, IND and RI, and through ICH, DCH and ECH, which do nothing
 *   there; BS goes to the last column, CUB counts from past it, VPA
 *   keeps it. ICH of all the cells right of the
 *   cursor does nothing either. xterm.js first moves such a cursor
 *   back onto the last column.
 * - In insert mode, a character that wraps onto the next line is written
 *   over that line's first cell, not inserted there (tmux inserts before
 *   it wraps, on the line it leaves).
 * - Without line wrapping the cursor stays on the last column (xterm.js
 *   puts it past it): a combining mark printed there joins the cell left
 *   of it, an erase starts there, a BS leaves it. A cursor already past
 *   it (wrapping turned off at a pending wrap) drops what is printed.
 * - A zero-width character with the cursor in the first column has no
 *   cell to join and is dropped (xterm.js puts it in a cell of its own).
 * - The alternate screen starts blank in the default colours (xterm.js
 *   fills it with the current background), and the scroll region is the
 *   screen's, kept across the switch (xterm.js keeps one per buffer).
 * - ED 2 (clear the screen) leaves every row blank in the current
 *   background, after scrolling the used rows into the history (tmux's
 *   scroll-on-clear); xterm.js's scrollOnEraseInDisplay scrolls the rows
 *   with content and leaves the others as they were.
 * - SD (scroll down) fills the new rows with the current background, as
 *   SU does (xterm.js: default colours).
 * - A wide character that does not fit in the last column leaves that
 *   cell as it was (xterm.js blanks it in the current colours).
 * - A line that a wrap scrolls in is blank in the default colours (tmux
 *   passes no background to that line feed); an LF's line takes the
 *   current background, in both.
 * - In origin mode the cursor can be outside the region (where setting
 *   the region put it) until it is moved there: xterm.js pulls it into
 *   the region on every erase or edit. Positioning (CUP) is still
 *   limited to the region.
 * - ED 1 with the cursor in the last column of the last row erases (xterm.js
 *   throws half way).
 * - Relative cursor moves in origin mode move by what they say (xterm.js
 *   adds the region's top row to the result).
 * - Setting the scroll region moves the cursor to the screen's top left
 *   corner, in origin mode too (xterm.js: the region's).
 * - IL and DL leave the cursor's column alone (xterm.js goes to column 0)
 *   and, with the cursor outside the scroll region, work on the whole
 *   screen below it (xterm.js does nothing); there, IL of as many lines
 *   as are left does nothing at all.
 */
export interface TmuxSemantics {
  /** Set when xterm.js threw while parsing (its own bug, or a wrap above): the screen may be wrong, re-seed. */
  broken: boolean;
  /**
   * While a seed rebuilds the screen from a capture, characters are cells
   * to put back, not output to replay: a combining mark in the last column
   * belongs to that column's cell.
   */
  seeding: boolean;
}

/** A background no pen has (every flag bit set): marks a saved cursor this call did not save. */
const SAVED_BG_UNTOUCHED = -1;

export function adoptTmuxSemantics(terminal: Terminal): TmuxSemantics | undefined {
  const ih = inputHandlerOf(terminal);
  if (!ih) return undefined;
  const semantics: TmuxSemantics = { seeding: false, broken: false };

  // An exception inside xterm.js's write loop would end the process (it runs in a timer); it is
  // caught here, and the mirror says it needs a seed.
  const parse = ih.parse.bind(ih);
  ih.parse = (data, promiseResult) => {
    try {
      return parse(data, promiseResult);
    } catch {
      semantics.broken = true;
      return undefined;
    }
  };
  const pending = () => ih._activeBuffer.x >= ih._bufferService.cols;

  const keepColumn = (original: (params: unknown) => boolean, insert: boolean) => (params: unknown) => {
    const buffer = ih._activeBuffer;
    const x = buffer.x;
    const outside = buffer.y < buffer.scrollTop || buffer.y > buffer.scrollBottom;
    let result: boolean;
    // tmux moves no lines (and clears none) when asked to insert all that are left below the cursor.
    if (outside && insert && countOf(params) >= ih._bufferService.rows - buffer.y) return true;
    if (outside) {
      const [top, bottom] = [buffer.scrollTop, buffer.scrollBottom];
      buffer.scrollTop = 0;
      buffer.scrollBottom = ih._bufferService.rows - 1;
      try {
        result = original(params);
      } finally {
        buffer.scrollTop = top;
        buffer.scrollBottom = bottom;
      }
    } else result = original(params);
    buffer.x = x;
    return result;
  };
  const insertLines = ih.insertLines.bind(ih);
  ih.scrollDown = (params) => {
    // IL at the region's top row is SD with the erase colour.
    const buffer = ih._activeBuffer;
    const [x, y] = [buffer.x, buffer.y];
    buffer.y = buffer.scrollTop;
    try {
      return insertLines(params);
    } finally {
      buffer.x = x;
      buffer.y = y;
    }
  };
  ih.insertLines = keepColumn(ih.insertLines.bind(ih), true);
  ih.deleteLines = keepColumn(ih.deleteLines.bind(ih), false);

  const nothingWhenPending = (original: (params: unknown) => boolean) => (params: unknown) => (pending() ? true : original(params));
  const insertChars = nothingWhenPending(ih.insertChars.bind(ih));
  // tmux moves no cells when asked to insert as many as are left right of the cursor (but before the last column).
  ih.insertChars = (params) => {
    const left = ih._bufferService.cols - ih._activeBuffer.x;
    return left > 1 && countOf(params) >= left ? true : insertChars(params);
  };
  ih.deleteChars = nothingWhenPending(ih.deleteChars.bind(ih));
  ih.eraseChars = nothingWhenPending(ih.eraseChars.bind(ih));

  const cursorBackward = ih.cursorBackward.bind(ih);
  ih.cursorBackward = (params) => {
    if (!pending()) return cursorBackward(params);
    ih._activeBuffer.x = Math.max(0, ih._bufferService.cols - countOf(params));
    return true;
  };

  const backspace = ih.backspace.bind(ih);
  ih.backspace = () => {
    if (!pending()) return backspace();
    ih._activeBuffer.x = ih._bufferService.cols - 1;
    return true;
  };
  const keepPending = (original: () => boolean) => () => {
    const x = ih._activeBuffer.x;
    const result = original();
    if (x >= ih._bufferService.cols) ih._activeBuffer.x = x;
    return result;
  };
  ih.lineFeed = keepPending(ih.lineFeed.bind(ih));
  ih.index = keepPending(ih.index.bind(ih));
  ih.reverseIndex = keepPending(ih.reverseIndex.bind(ih));
  /** A buffer switch carries the scroll region over. */
  const keepRegion = (switchModes: () => boolean): boolean => {
    const before = ih._activeBuffer;
    const [top, bottom] = [before.scrollTop, before.scrollBottom];
    const result = switchModes();
    if (ih._activeBuffer !== before) {
      ih._activeBuffer.scrollTop = top;
      ih._activeBuffer.scrollBottom = bottom;
    }
    return result;
  };
  const setModePrivate = ih.setModePrivate.bind(ih);
  ih.setModePrivate = (params) => {
    const pen = ih._curAttrData;
    const bg = pen.bg;
    // A cursor saved on the way (1049, 1048) keeps the pen's real background,
    // which its restore gives back, as tmux's saved cell does.
    const saved = ih._activeBuffer.savedCurAttrData;
    const savedBg = saved?.bg;
    if (saved) saved.bg = SAVED_BG_UNTOUCHED;
    // The colour bits only (xterm.js's erase attribute takes them from the pen).
    pen.bg = bg & ~0x3ffffff;
    try {
      return keepRegion(() => setModePrivate(params));
    } finally {
      pen.bg = bg;
      if (saved) saved.bg = saved.bg === SAVED_BG_UNTOUCHED ? savedBg! : bg;
    }
  };
  const resetModePrivate = ih.resetModePrivate.bind(ih);
  ih.resetModePrivate = (params) => keepRegion(() => resetModePrivate(params));

  const linePosAbsolute = ih.linePosAbsolute.bind(ih);
  ih.linePosAbsolute = (params) => {
    const x = ih._activeBuffer.x;
    const result = linePosAbsolute(params);
    if (x >= ih._bufferService.cols && ih._coreService.decPrivateModes.wraparound) ih._activeBuffer.x = x;
    return result;
  };

  const setScrollRegion = ih.setScrollRegion.bind(ih);
  ih.setScrollRegion = (params) => {
    const buffer = ih._activeBuffer;
    const before = [buffer.scrollTop, buffer.scrollBottom, buffer.x, buffer.y].join();
    const result = setScrollRegion(params);
    const moved = [buffer.scrollTop, buffer.scrollBottom, buffer.x, buffer.y].join() !== before;
    if (moved && ih._coreService.decPrivateModes.origin) {
      buffer.x = 0;
      buffer.y = 0;
    }
    return result;
  };

  const eraseInDisplay = ih.eraseInDisplay.bind(ih);
  ih.eraseInDisplay = (params, respectProtect) => {
    const which = (params as { params?: ArrayLike<number> }).params?.[0] ?? 0;
    let result = true;
    try {
      result = eraseInDisplay(params, respectProtect);
    } catch (error) {
      // xterm.js 6 looks at the row below the cursor for ED 1 in the last column, also on the last row, and throws there:
      // finish the erase (the rows above the cursor).
      if (which !== 1) throw error;
      for (let y = ih._activeBuffer.y - 1; y >= 0; y--) ih._resetBufferLine(y, respectProtect);
    }
    if (which === 2 && terminal.options.scrollOnEraseInDisplay) {
      terminal.options.scrollOnEraseInDisplay = false;
      try {
        eraseInDisplay(params, respectProtect);
      } finally {
        terminal.options.scrollOnEraseInDisplay = true;
      }
    }
    return result;
  };

  const print = blankCutHalvesPlainly(ih as unknown as PrintingHandler, ih.print.bind(ih));
  // xterm.js replaces its modes object on a reset: look it up every time.
  /** A wide character that does not fit the last column wraps without touching that cell (xterm.js blanks it in the pen's colours). */
  const wideAtLastColumn = (width: number) => {
    if (width === 2 && ih._activeBuffer.x === ih._bufferService.cols - 1) ih._activeBuffer.x = ih._bufferService.cols;
  };
  const printWrapping = (data: Uint32Array, start: number, end: number) => {
    const cols = ih._bufferService.cols;
    let x = ih._activeBuffer.x;
    let from = start;
    for (let i = start; i < end; i++) {
      const width = tmuxWidth(data[i]!);
      if (width === 0) continue;
      if (x >= cols) x = 0;
      if (width === 2 && x === cols - 1) {
        if (i > from) print(data, from, i);
        ih._activeBuffer.x = cols;
        from = i;
        x = 0;
      }
      x += width < 0 ? 1 : width;
    }
    print(data, from, end);
  };
  const printInserting = (data: Uint32Array, start: number, end: number) => {
    const modes = ih._coreService.modes;
    for (let i = start; i < end; i++) {
      const width = Math.max(0, tmuxWidth(data[i]!));
      wideAtLastColumn(width);
      const wraps = width > 0 && ih._activeBuffer.x + width > ih._bufferService.cols;
      if (wraps) modes.insertMode = false;
      try {
        print(data, i, i + 1);
      } finally {
        modes.insertMode = true;
      }
    }
  };
  /** Without wrapping: a character past the end is dropped, the cursor stays on the last column after each one. */
  const printUnwrapped = (data: Uint32Array, start: number, end: number) => {
    if (semantics.seeding) return print(data, start, end);
    const cols = ih._bufferService.cols;
    for (let i = start; i < end; i++) {
      const width = Math.max(0, tmuxWidth(data[i]!));
      const x = ih._activeBuffer.x;
      // Past the end, or a wide character that does not fit: tmux drops it (xterm.js would first blank a wide cell left of it).
      if ((x >= cols && width > 0) || (width > 1 && x > cols - width) || (x === 0 && width === 0)) continue;
      print(data, i, i + 1);
      if (ih._activeBuffer.x >= cols && width > 0) ih._activeBuffer.x = cols - 1;
    }
  };
  const eraseAttrData = ih._eraseAttrData.bind(ih);
  let printing = false;
  ih._eraseAttrData = () => {
    const attr = eraseAttrData();
    if (printing) attr.bg &= ~0x3ffffff;
    return attr;
  };
  ih.print = (data, start, end) => {
    const decModes = ih._coreService.decPrivateModes;
    if (!decModes.wraparound) return printUnwrapped(data, start, end);
    while (start < end && ih._activeBuffer.x === 0 && tmuxWidth(data[start]!) === 0) start++;
    if (start >= end) return;
    printing = true;
    try {
      if (ih._coreService.modes.insertMode) printInserting(data, start, end);
      else if (hasWide(data, start, end)) printWrapping(data, start, end);
      else print(data, start, end);
    } finally {
      printing = false;
    }
  };

  ih._restrictCursor = (maxCol = ih._bufferService.cols - 1) => {
    const buffer = ih._activeBuffer;
    buffer.x = Math.min(maxCol, Math.max(0, buffer.x));
    buffer.y = Math.min(ih._bufferService.rows - 1, Math.max(0, buffer.y));
    ih._dirtyRowTracker?.markDirty(buffer.y);
  };
  const setCursor = ih._setCursor.bind(ih);
  ih._setCursor = (x, y) => {
    setCursor(x, y);
    const buffer = ih._activeBuffer;
    if (ih._coreService.decPrivateModes.origin) buffer.y = Math.min(buffer.scrollBottom, Math.max(buffer.scrollTop, buffer.y));
  };

  // xterm.js 6 moves relatively through its absolute setter, which in origin mode adds the region's top again.
  ih._moveCursor = (dx, dy) => {
    // Off a pending wrap first (tmux: `if (cx == sx) cx--`); the row is not pulled into the region before the move.
    ih._activeBuffer.x = Math.min(ih._activeBuffer.x, ih._bufferService.cols - 1);
    ih._activeBuffer.x += dx;
    ih._activeBuffer.y += dy;
    ih._restrictCursor();
  };
  return semantics;
}
