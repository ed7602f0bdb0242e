import { DEFAULT_STYLE, styleSgr, type CellStyle } from './cellStyle.js';
import { parseCapture, type CapturedCell } from './captureRows.js';

/** History lines a mirror is seeded with (and captured for it). */
export const SEED_HISTORY = 40;

/**
 * What tmux tells about a pane's screen besides its cells, in one
 * `display-message -p` (see SEED_FORMAT).
 */
export interface PaneModes {
  width: number;
  height: number;
  cursorX: number;
  cursorY: number;
  alternateOn: boolean;
  /** The normal screen's cursor, saved while the alternate screen is on. */
  savedX: number;
  savedY: number;
  scrollUpper: number;
  scrollLower: number;
  wrap: boolean;
  origin: boolean;
  insert: boolean;
}

const FIELDS = [
  'pane_width', 'pane_height', 'cursor_x', 'cursor_y', 'alternate_on', 'alternate_saved_x', 'alternate_saved_y',
  'scroll_region_upper', 'scroll_region_lower', 'wrap_flag', 'origin_flag', 'insert_flag',
] as const;

export const SEED_FORMAT = FIELDS.map((f) => `#{${f}}`).join(' ');

export function parsePaneModes(line: string): PaneModes | undefined {
  const n = line.trim().split(' ').map(Number);
  if (n.length !== FIELDS.length || n.some((x) => !Number.isFinite(x))) return undefined;
  const [width, height, cursorX, cursorY, alt, savedX, savedY, scrollUpper, scrollLower, wrap, origin, insert] = n as number[];
  return {
    width: width!, height: height!, cursorX: cursorX!, cursorY: cursorY!, alternateOn: alt === 1,
    savedX: savedX!, savedY: savedY!, scrollUpper: scrollUpper!, scrollLower: scrollLower!,
    wrap: wrap === 1, origin: origin === 1, insert: insert === 1,
  };
}

/** The commands (one line: tmux runs them back to back, no output in between) whose replies make a seed. */
export function seedCommands(paneId: string): string[][] {
  return [
    ['display-message', '-p', '-t', paneId, SEED_FORMAT],
    // -N: trailing cells kept (a coloured blank is a cell); the active screen, history above it.
    ['capture-pane', '-p', '-e', '-N', '-S', String(-SEED_HISTORY), '-t', paneId],
    // The normal screen hidden under the alternate one (nothing when there is none).
    ['capture-pane', '-a', '-q', '-p', '-e', '-N', '-t', paneId],
  ];
}

export interface PaneSeed {
  modes: PaneModes;
  /** `capture-pane -e -N -S -SEED_HISTORY`: history lines, then exactly `height` screen lines. */
  capture: string[];
  /** `capture-pane -a`: the normal screen while the alternate one is on. */
  normal: string[];
}

const cup = (y: number, x: number) => `\u001b[${y + 1};${x + 1}H`;

/** Cells back as text, each style written whole where it changes. */
function cellsText(cells: readonly CapturedCell[], from: CellStyle): { text: string; style: CellStyle } {
  let text = '';
  let style = from;
  for (const cell of cells) {
    if (cell.style !== style) {
      text += styleSgr(cell.style);
      style = cell.style;
    }
    text += cell.text;
  }
  return { text, style };
}

/** Rows written one after another from the top; history scrolls off into the scrollback. */
function sequentialRows(rows: readonly CapturedCell[][]): string {
  return rows.map((cells) => `\u001b[0m${cellsText(cells, DEFAULT_STYLE).text}\u001b[0m`).join('\r\n');
}

/**
 * The bytes that rebuild a pane's screen in a terminal of its size: a full
 * reset, history and screen (line wrapping off, so no row can spill into
 * the next), the normal screen under an alternate one, then the scroll
 * region, modes and cursor. A cursor past the last column (tmux's pending
 * wrap) is made by writing the last cell again. What tmux does not tell
 * cannot be rebuilt: the current pen colour, saved cursor, tab stops and
 * character sets start at their defaults (a mirror that drifts because of
 * them is caught by the comparison with a later capture and re-seeded).
 */
export function seedText(seed: PaneSeed): string {
  const { modes } = seed;
  const rows = parseCapture(seed.capture);
  const screen = rows.slice(Math.max(0, rows.length - modes.height));
  const history = rows.slice(0, Math.max(0, rows.length - modes.height));
  let out = '\u001bc\u001b[?7l';
  if (modes.alternateOn) {
    const normal = parseCapture(seed.normal).slice(0, modes.height);
    out += sequentialRows([...history, ...normal]);
    out += `\u001b[0m${cup(modes.savedY, modes.savedX)}\u001b[?1049h`;
    screen.forEach((cells, y) => {
      out += cup(y, 0) + cellsText(cells, DEFAULT_STYLE).text + '\u001b[0m';
    });
  } else {
    out += sequentialRows([...history, ...screen]);
  }
  out += '\u001b[0m';
  // Origin mode first: setting the region then puts the cursor at the screen's top left (as tmux does, see tmuxSemantics.ts).
  if (modes.origin) out += '\u001b[?6h';
  if (modes.scrollUpper !== 0 || modes.scrollLower !== modes.height - 1) {
    out += `\u001b[${modes.scrollUpper + 1};${modes.scrollLower + 1}r`;
  }
  if (modes.insert) out += '\u001b[4h';
  if (modes.wrap) out += '\u001b[?7h';
  // In origin mode the cursor is outside the region only above it: setting the region left it at the screen's
  // top left, and printing or moving down from there keeps it out until it enters the region. Positioning (CUP)
  // would pull it into the region, so it goes there from the top left by relative moves, which do not.
  const above = modes.origin && modes.cursorY < modes.scrollUpper;
  if (modes.origin && !above && modes.cursorY > modes.scrollLower) return out;
  const moveTo = above
    ? (y: number, x: number) => (y > 0 ? `\u001b[${y}B` : '') + (x > 0 ? `\u001b[${x}C` : '')
    : (y: number, x: number) => cup(modes.origin ? y - modes.scrollUpper : y, x);
  if (modes.wrap && modes.cursorX >= modes.width) {
    out += pendingWrap(screen[modes.cursorY] ?? [], modes.width, modes.cursorY, moveTo) + (modes.insert ? '\u001b[4h' : '');
  } else {
    out += moveTo(modes.cursorY, Math.min(modes.cursorX, modes.width - 1));
  }
  return out;
}

/** Rewrite the row's last cell (with insert mode off), leaving the cursor just past it as tmux has it. */
function pendingWrap(cells: readonly CapturedCell[], width: number, row: number, moveTo: (y: number, x: number) => string): string {
  let x = 0;
  let last: CapturedCell | undefined;
  let lastX = width - 1;
  for (const cell of cells) {
    if (x + cell.width >= width) {
      last = cell;
      lastX = x;
      break;
    }
    x += cell.width;
  }
  const { text } = cellsText(last ? [last] : [{ text: ' ', width: 1, style: DEFAULT_STYLE }], DEFAULT_STYLE);
  return `\u001b[4l${moveTo(row, lastX)}${text}\u001b[0m`;
}
