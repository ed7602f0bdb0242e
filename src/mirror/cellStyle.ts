/**
 * A cell's look, the same numbers on both sides of a comparison: tmux's
 * `capture-pane -e` codes parsed here, and xterm.js cells read in
 * mirrorRows.ts. A colour is its mode in the high byte (xterm's own
 * encoding: 0 default, P16 the 16 ANSI colours, P256, RGB) and its value
 * below.
 */
export const COLOR_DEFAULT = 0;
export const P16 = 0x1000000;
export const P256 = 0x2000000;
export const RGB = 0x3000000;

export const BOLD = 1;
export const DIM = 2;
export const ITALIC = 4;
export const UNDERLINE = 8;
export const BLINK = 16;
export const INVERSE = 32;
export const INVISIBLE = 64;
export const STRIKE = 128;
export const OVERLINE = 256;

/** Attributes that show on a blank cell; the others (and the foreground) only colour glyphs. */
const SHOWS_ON_BLANK = UNDERLINE | INVERSE | STRIKE | OVERLINE;

export interface CellStyle {
  fg: number;
  bg: number;
  attrs: number;
}

export const DEFAULT_STYLE: Readonly<CellStyle> = { fg: COLOR_DEFAULT, bg: COLOR_DEFAULT, attrs: 0 };

const ATTR_CODES: ReadonlyArray<[number, number]> = [
  [BOLD, 1], [DIM, 2], [ITALIC, 3], [UNDERLINE, 4], [BLINK, 5], [INVERSE, 7], [INVISIBLE, 8], [STRIKE, 9], [OVERLINE, 53],
];

function colorParams(color: number, base: 30 | 40): string {
  const mode = color & 0x3000000;
  const value = color & 0xffffff;
  if (mode === P16) return value < 8 ? String(base + value) : String(base + 60 + value - 8);
  if (mode === P256) return `${base + 8};5;${value}`;
  if (mode === RGB) return `${base + 8};2;${(value >> 16) & 255};${(value >> 8) & 255};${value & 255}`;
  return '';
}

/** The SGR sequence that sets exactly this style from any other (it starts with a reset). */
export function styleSgr(style: CellStyle): string {
  let params = '0';
  for (const [flag, code] of ATTR_CODES) if (style.attrs & flag) params += `;${code}`;
  const fg = colorParams(style.fg, 30);
  if (fg) params += `;${fg}`;
  const bg = colorParams(style.bg, 40);
  if (bg) params += `;${bg}`;
  return `\u001b[${params}m`;
}

/**
 * What of a style can be seen on this text: on a blank, the foreground and
 * the glyph attributes cannot, so two blanks that differ only there look
 * the same (tmux and xterm.js may well keep different pens on them).
 */
export function visibleKey(text: string, style: CellStyle): string {
  if (text === ' ' && !(style.attrs & SHOWS_ON_BLANK)) return style.bg === COLOR_DEFAULT ? '' : `b${style.bg}`;
  return `${style.fg}.${style.bg}.${style.attrs}`;
}

/**
 * Apply one SGR sequence's parameters (as written between `ESC [` and
 * `m`, sub-parameters after `:`) to a style, as tmux does. Returns a new
 * style object.
 */
export function applySgr(style: CellStyle, params: string): CellStyle {
  const next = { ...style };
  const list = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < list.length; i++) {
    const [head, ...sub] = list[i]!.split(':');
    const n = head === '' ? 0 : Number(head);
    if (n === 38 || n === 48 || n === 58) {
      // 38;5;n / 38;2;r;g;b, or the same with colons.
      const args = sub.length > 0 ? sub.map(Number) : list.slice(i + 1).map(Number);
      const used = sub.length > 0 ? 0 : args[0] === 5 ? 2 : args[0] === 2 ? 4 : 0;
      let color: number | undefined;
      if (args[0] === 5 && args[1] !== undefined) color = P256 | (args[1] & 255);
      else if (args[0] === 2 && args.length >= 4) {
        const [r, g, b] = sub.length > 4 ? args.slice(2, 5) : args.slice(1, 4);
        color = RGB | ((r! & 255) << 16) | ((g! & 255) << 8) | (b! & 255);
      }
      if (color !== undefined && n === 38) next.fg = color;
      if (color !== undefined && n === 48) next.bg = color;
      i += used;
      continue;
    }
    // tmux 3.3a's capture writes overline (53) as `5:3`, like the underline styles (`4:2`).
    if (n === 5 && sub[0] === '3') next.attrs |= OVERLINE;
    else if (n === 0) Object.assign(next, DEFAULT_STYLE);
    else if (n === 4) next.attrs = sub[0] === '0' ? next.attrs & ~UNDERLINE : next.attrs | UNDERLINE;
    else if (n === 21) next.attrs |= UNDERLINE;
    else if (n === 22) next.attrs &= ~(BOLD | DIM);
    else if (n === 23) next.attrs &= ~ITALIC;
    else if (n === 24) next.attrs &= ~UNDERLINE;
    else if (n === 25) next.attrs &= ~BLINK;
    else if (n === 27) next.attrs &= ~INVERSE;
    else if (n === 28) next.attrs &= ~INVISIBLE;
    else if (n === 29) next.attrs &= ~STRIKE;
    else if (n === 55) next.attrs &= ~OVERLINE;
    else if (n >= 30 && n <= 37) next.fg = P16 | (n - 30);
    else if (n === 39) next.fg = COLOR_DEFAULT;
    else if (n >= 40 && n <= 47) next.bg = P16 | (n - 40);
    else if (n === 49) next.bg = COLOR_DEFAULT;
    else if (n >= 90 && n <= 97) next.fg = P16 | (n - 90 + 8);
    else if (n >= 100 && n <= 107) next.bg = P16 | (n - 100 + 8);
    else {
      const attr = ATTR_CODES.find(([, code]) => code === n);
      if (attr) next.attrs |= attr[0];
    }
  }
  return next;
}
