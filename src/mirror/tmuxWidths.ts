import type { Terminal } from '@xterm/headless';
import { DOUBLE_WIDTH, NOT_PRINTABLE, ZERO_WIDTH } from './glibcWidthTable.js';

/** A code point's width in cells as tmux counts it: -1 is "dropped", 0 combines onto the cell before. */
export type TmuxWidth = -1 | 0 | 1 | 2;

/** The Basic Multilingual Plane as a table (64 KB, built once); the rest by binary search. */
let bmp: Int8Array | undefined;

function buildBmp(): Int8Array {
  const table = new Int8Array(0x10000).fill(1);
  const fill = (ranges: readonly number[], width: number) => {
    for (let i = 0; i < ranges.length; i += 2) {
      for (let cp = ranges[i]!; cp <= Math.min(ranges[i + 1]!, 0xffff); cp++) table[cp] = width;
    }
  };
  fill(NOT_PRINTABLE, -1);
  fill(ZERO_WIDTH, 0);
  fill(DOUBLE_WIDTH, 2);
  return table;
}

function inRanges(ranges: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid * 2]!) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** glibc's wcwidth() for one code point (see glibcWidthTable.ts). */
export function tmuxWidth(cp: number): TmuxWidth {
  if (cp < 0x10000) return (bmp ??= buildBmp())[cp] as TmuxWidth;
  if (inRanges(DOUBLE_WIDTH, cp)) return 2;
  if (inRanges(ZERO_WIDTH, cp)) return 0;
  if (inRanges(NOT_PRINTABLE, cp)) return -1;
  return 1;
}

const ZWJ = 0x200d;

// xterm's property value: join flag in bit 0, width in bits 1-2, a state in bits 3+.
const JOIN = 1;
const AFTER_ZWJ = 1 << 3;
const property = (width: number, join: boolean, afterZwj = false) => (width << 1) | (join ? JOIN : 0) | (afterZwj ? AFTER_ZWJ : 0);
const widthOf = (value: number) => (value >> 1) & 3;

/**
 * xterm.js asks a "unicode version provider" how wide each printed code
 * point is and whether it joins the cell before. This one answers as tmux
 * 3.3a does (screen_write_cell): a zero-width character (a combining mark,
 * a variation selector) is appended to the cell left of the cursor,
 * whatever came before it; after a zero width joiner the next character
 * joins too, keeping the first one's width (👨‍👩‍👧 is 2 cells). tmux
 * forgets the joiner between two reads of the pane, so a sequence split
 * across reads is 6 cells there; the mirror joins across `%output` lines,
 * which do not match tmux's reads one to one. Such a row is caught by the
 * comparison with a capture.
 */
export const TMUX_UNICODE_VERSION = 'tmux-glibc';

export function registerTmuxWidths(terminal: Terminal): void {
  terminal.unicode.register({
    version: TMUX_UNICODE_VERSION,
    wcwidth: (cp): 0 | 1 | 2 => {
      const w = tmuxWidth(cp);
      return w === -1 ? 1 : w;
    },
    charProperties: (cp, preceding) => {
      if (cp < 0x300) return property(1, false);
      if (cp === ZWJ) return property(widthOf(preceding), true, true);
      if (preceding & AFTER_ZWJ) return property(widthOf(preceding), true);
      const w = tmuxWidth(cp);
      if (w === 0) return property(widthOf(preceding), true);
      return property(w < 0 ? 1 : w, false);
    },
  });
  terminal.unicode.activeVersion = TMUX_UNICODE_VERSION;
}

/** Quick test: any code point that is not plain ASCII. */
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Characters tmux drops (wcwidth -1: C1 controls sent as UTF-8,
 * unassigned code points), taken out before the text reaches the mirror,
 * which would print them (or run a C1 control). ASCII text passes as is.
 */
export function dropUnprintable(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    if (cp >= 0x80 && tmuxWidth(cp) < 0) {
      out += text.slice(from, i);
      from = i + size;
    }
    i += size;
  }
  return from === 0 ? text : out + text.slice(from);
}
