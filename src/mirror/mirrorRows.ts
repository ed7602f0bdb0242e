import type { IBufferCell, IBufferLine, Terminal } from '@xterm/headless';
import {
  BLINK, BOLD, DIM, INVERSE, INVISIBLE, ITALIC, OVERLINE, STRIKE, UNDERLINE, styleSgr, type CellStyle,
} from './cellStyle.js';
import { RowKey } from './rowKey.js';
import { tmuxWidth } from './tmuxWidths.js';

/**
 * A cell's characters as tmux holds them: an empty cell is a blank, and a
 * combining mark joined onto an empty cell sits on a blank (tmux's cells
 * start as spaces).
 */
export function cellText(chars: string): string {
  if (chars === '') return ' ';
  return tmuxWidth(chars.codePointAt(0)!) === 0 ? ` ${chars}` : chars;
}

/** A cell's style in cellStyle.ts's numbers. */
export function styleOf(cell: IBufferCell): CellStyle {
  const fgMode = cell.getFgColorMode();
  const bgMode = cell.getBgColorMode();
  let attrs = 0;
  if (cell.isBold()) attrs |= BOLD;
  if (cell.isDim()) attrs |= DIM;
  if (cell.isItalic()) attrs |= ITALIC;
  if (cell.isUnderline()) attrs |= UNDERLINE;
  if (cell.isBlink()) attrs |= BLINK;
  if (cell.isInverse()) attrs |= INVERSE;
  if (cell.isInvisible()) attrs |= INVISIBLE;
  if (cell.isStrikethrough()) attrs |= STRIKE;
  if (cell.isOverline()) attrs |= OVERLINE;
  return {
    fg: fgMode === 0 ? 0 : fgMode | (cell.getFgColor() & 0xffffff),
    bg: bgMode === 0 ? 0 : bgMode | (cell.getBgColor() & 0xffffff),
    attrs,
  };
}

/** The visible screen's row keys (see RowKey): what the mirror shows, to compare with a capture. */
export function mirrorKeys(terminal: Terminal): string[] {
  const buffer = terminal.buffer.active;
  const cell = buffer.getNullCell();
  const keys: string[] = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.baseY + y);
    const key = new RowKey();
    if (line) {
      for (let x = 0; x < terminal.cols; x++) {
        line.getCell(x, cell);
        // Width 0 is the second half of a wide character.
        if (cell.getWidth() === 0) continue;
        key.push(cellText(cell.getChars()), styleOf(cell));
      }
    }
    keys.push(key.finish());
  }
  return keys;
}

const RESET = '\u001b[0m';

/**
 * One row, cut to `columns` cells, as text with SGR codes: what a
 * compositor draws. Styles are written whole at each change (a reset and
 * every attribute), so a row never depends on what was drawn before it; a
 * wide character that does not fit the last cell becomes a blank; the
 * row ends reset. Trailing default blanks are left out.
 */
export function rowAnsi(line: IBufferLine | undefined, columns: number, cell: IBufferCell): string {
  if (!line) return '';
  let out = '';
  let pending = '';
  let fg = 0;
  let bg = 0;
  let flags = 0;
  let styled = false;
  const end = Math.min(columns, line.length);
  for (let x = 0; x < end; x++) {
    line.getCell(x, cell);
    const width = cell.getWidth();
    if (width === 0) continue;
    let text = cellText(cell.getChars());
    if (x + width > columns) text = ' ';
    const cfg = cell.getFgColorMode() === 0 ? 0 : cell.getFgColorMode() | (cell.getFgColor() & 0xffffff);
    const cbg = cell.getBgColorMode() === 0 ? 0 : cell.getBgColorMode() | (cell.getBgColor() & 0xffffff);
    const cflags = cell.isAttributeDefault() ? 0 : styleOf(cell).attrs;
    let sgr = '';
    if (cfg !== fg || cbg !== bg || cflags !== flags) {
      fg = cfg;
      bg = cbg;
      flags = cflags;
      styled = fg !== 0 || bg !== 0 || flags !== 0;
      sgr = styleSgr({ fg, bg, attrs: flags });
    }
    if (text === ' ' && !styled && sgr === '') {
      pending += ' ';
      continue;
    }
    if (text === ' ' && !styled) {
      // A reset to plain: hold it with the blanks, they may be trailing.
      pending += sgr + ' ';
      continue;
    }
    out += pending + sgr + text;
    pending = '';
  }
  return styled || out.includes('\u001b') ? out + RESET : out;
}

/** A row as plain text, trailing blanks trimmed. */
export function rowPlain(line: IBufferLine | undefined): string {
  return line ? line.translateToString(true) : '';
}
