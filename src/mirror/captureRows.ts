import { applySgr, DEFAULT_STYLE, type CellStyle } from './cellStyle.js';
import { RowKey } from './rowKey.js';
import { tmuxWidth } from './tmuxWidths.js';

/** One cell of a captured row: its characters (a base and what combines onto it) and style. */
export interface CapturedCell {
  text: string;
  width: number;
  style: CellStyle;
}

/** DEC line drawing (`ESC ( 0`), as xterm.js draws it: tmux keeps the ASCII letter and a flag. */
const LINE_DRAWING: Readonly<Record<string, string>> = {
  '`': '◆', a: '▒', b: '␉', c: '␌', d: '␍', e: '␊', f: '°', g: '±', h: '␤', i: '␋', j: '┘', k: '┐', l: '┌', m: '└',
  n: '┼', o: '⎺', p: '⎻', q: '─', r: '⎼', s: '⎽', t: '├', u: '┤', v: '┴', w: '┬', x: '│', y: '≤', z: '≥', '{': 'π',
  '|': '≠', '}': '£', '~': '·',
};

// eslint-disable-next-line no-control-regex
const TOKEN = /\u001b\[([0-9;:]*)m|\u000e|\u000f|[^\u001b\u000e\u000f]/gu;

/**
 * Parse the rows of `capture-pane -p -e`. tmux writes a style only where
 * it changes, counting from the previous row too, so the style carries
 * over from row to row; a character of width 0 (combining) joins the cell
 * before it.
 */
export function parseCapture(lines: readonly string[]): CapturedCell[][] {
  let style: CellStyle = DEFAULT_STYLE;
  let lineDrawing = false;
  return lines.map((line) => {
    const cells: CapturedCell[] = [];
    for (const match of line.matchAll(TOKEN)) {
      const token = match[0];
      if (match[1] !== undefined) style = applySgr(style, match[1]);
      else if (token === '\u000e') lineDrawing = true;
      else if (token === '\u000f') lineDrawing = false;
      else {
        const width = tmuxWidth(token.codePointAt(0)!);
        const last = cells[cells.length - 1];
        if (width === 0 && last) last.text += token;
        else cells.push({ text: lineDrawing ? (LINE_DRAWING[token] ?? token) : token, width: Math.max(1, width), style });
      }
    }
    return cells;
  });
}

/** The row keys (see RowKey) of a capture: what it shows, row by row. */
export function captureKeys(lines: readonly string[]): string[] {
  return parseCapture(lines).map((cells) => {
    const key = new RowKey();
    for (const cell of cells) key.push(cell.text, cell.style);
    return key.finish();
  });
}
