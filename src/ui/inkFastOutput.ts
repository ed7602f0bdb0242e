import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

/** Entries kept in a cache before it starts over: a few screens' worth of lines. */
const MAX_ENTRIES = 20_000;

interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string> }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

interface InkOutput {
  width: number;
  height: number;
  operations: Operation[];
}

interface Piece {
  x: number;
  line: string;
  width: number;
}

type FrameResult = { output: string; height: number };

const widths = new Map<string, number>();
function widthOf(text: string): number {
  let width = widths.get(text);
  if (width === undefined) {
    if (widths.size > MAX_ENTRIES) widths.clear();
    width = stringWidth(text);
    widths.set(text, width);
  }
  return width;
}

/** Control characters other than ESC: a cell-by-cell layout would count them differently. */
// eslint-disable-next-line no-control-regex
const ODD_CONTROL = /[\u0000-\u001a\u001c-\u001f\u007f]/;

/**
 * The pieces each row of the frame is made of, after clipping and Ink's
 * text transformers, in the order Ink would write them.
 */
function rowPieces(frame: InkOutput): Piece[][] | undefined {
  const rows: Piece[][] = Array.from({ length: frame.height }, () => []);
  const clips: Clip[] = [];
  for (const op of frame.operations) {
    if (op.type === 'clip') clips.push(op.clip);
    else if (op.type === 'unclip') clips.pop();
    else {
      let { x, y } = op;
      let lines = op.text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        if (horizontal && (x + Math.max(...lines.map(widthOf)) < clip.x1! || x > clip.x2!)) continue;
        if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
        if (horizontal) {
          lines = lines.map((line) => {
            const from = x < clip.x1! ? clip.x1! - x : 0;
            const w = widthOf(line);
            const to = x + w > clip.x2! ? clip.x2! - x : w;
            return from === 0 && to >= w ? line : sliceAnsi(line, from, to);
          });
          if (x < clip.x1!) x = clip.x1!;
        }
        if (vertical) {
          const from = y < clip.y1! ? clip.y1! - y : 0;
          const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
          lines = lines.slice(from, to);
          if (y < clip.y1!) y = clip.y1!;
        }
      }
      let offsetY = 0;
      for (let index = 0; index < lines.length; index++) {
        const row = rows[y + offsetY];
        if (!row) continue;
        let line = lines[index]!;
        for (const transform of op.transformers) line = transform(line, index);
        if (ODD_CONTROL.test(line)) return undefined;
        const width = widthOf(line);
        // A line of no cells (empty, or colour codes only) puts nothing on screen.
        if (width > 0) row.push({ x, line, width });
        offsetY++;
      }
    }
  }
  return rows;
}

/** One row as text, when its pieces do not overlap (else undefined). */
function joinRow(pieces: Piece[]): string | undefined {
  if (pieces.length === 0) return '';
  const sorted = pieces.length === 1 ? pieces : [...pieces].sort((a, b) => a.x - b.x);
  let text = '';
  let column = 0;
  for (const piece of sorted) {
    if (piece.x < column) return undefined;
    if (piece.x > column) text += ' '.repeat(piece.x - column);
    text += piece.line;
    column = piece.x + piece.width;
  }
  return text.trimEnd();
}

/**
 * A frame the fast way: each row is its pieces joined with spaces, instead
 * of Ink's grid of one styled object per cell (tokenized, then turned back
 * into text) built anew for every frame. Returns undefined when a row has
 * overlapping pieces or odd control characters; Ink's own method draws
 * that frame.
 */
export function fastFrame(frame: InkOutput): FrameResult | undefined {
  const rows = rowPieces(frame);
  if (!rows) return undefined;
  const out: string[] = [];
  for (const pieces of rows) {
    const row = joinRow(pieces);
    if (row === undefined) return undefined;
    out.push(row);
  }
  return { output: out.join('\n'), height: rows.length };
}

let installed = false;

/**
 * Ink builds every frame as a grid of one styled object per screen cell
 * (each line run through an ANSI tokenizer), then turns the grid back into
 * text: for a 200x50 dashboard at 30 frames a second that was most of the
 * dashboard's CPU. The dashboard's frames are rows of boxes whose pieces
 * never overlap (every line is fitted to its box before it is drawn), so a
 * row is its pieces joined with spaces. Ink does not export `Output`; it is
 * reached at its file (the same module instance Ink uses), and a frame this
 * cannot draw exactly, or an Ink whose shape differs, falls back to Ink's
 * own method.
 */
export async function installFastInkOutput(): Promise<boolean> {
  if (installed) return true;
  try {
    const require = createRequire(import.meta.url);
    const inkMain = require.resolve('ink');
    const url = pathToFileURL(path.join(path.dirname(inkMain), 'output.js')).href;
    const module = (await import(url)) as { default?: { prototype: { get: (this: InkOutput) => FrameResult } } };
    const proto = module.default?.prototype;
    if (!proto || typeof proto.get !== 'function') return false;
    const original = proto.get;
    proto.get = function get(this: InkOutput): FrameResult {
      if (!Array.isArray(this.operations) || typeof this.height !== 'number') return original.call(this);
      return fastFrame(this) ?? original.call(this);
    };
    installed = true;
    return true;
  } catch {
    return false;
  }
}
