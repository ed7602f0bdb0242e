/**
 * Pane bodies drawn outside React: Ink draws the borders, headers, strip,
 * footer and modals, and leaves each grid body blank; this module owns
 * those blank rectangles. New lines of a pane write only the rows of its
 * body that changed, cursor-addressed and clipped to the rectangle, with
 * the cursor saved and restored around them so Ink's relative cursor is
 * never disturbed. After Ink writes a frame, the body rows on the rows it
 * rewrote are drawn again (InkRowTracker says which), a body that moved is
 * drawn whole, and where a body was and no longer is (it moved, a modal
 * took its place, a view hid the grid) the rows Ink left alone are
 * blanked: Ink had blanks there.
 */
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { clipLine } from './paneLines.js';
import type { TouchedRows } from './inkRowTracker.js';

/** A rectangle of screen cells, 0-based. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a body is: its rectangle, and the part of it not clipped away by the boxes around it. */
export interface Placement {
  rect: Rect;
  visible: Rect;
}

const RESET = '\u001b[0m';
const SAVE = '\u001b7';
const RESTORE = '\u001b8';

interface Body {
  lines: readonly string[];
  placement?: Placement;
  /** What was last drawn on each visible row (by screen row), so an unchanged row is not written. */
  drawn: Map<number, string>;
}

export class BodyCompositor {
  private readonly bodies = new Map<string, Body>();
  /** Rows written, for tests and the bench. */
  rowsWritten = 0;

  constructor(private readonly write: (text: string) => void) {}

  /** A body's lines changed: its rows that differ are written now (if it is placed). */
  setLines(id: string, lines: readonly string[]): void {
    const body = this.bodyOf(id);
    if (body.lines === lines) return;
    body.lines = lines;
    this.flush([...this.rowsOf(id, body)]);
  }

  /**
   * Ink wrote a frame: `touched` rows of the screen were rewritten;
   * `placements` is where every body on screen is now (a body missing
   * from it is not on screen).
   */
  afterInkFrame(touched: TouchedRows, placements: ReadonlyMap<string, Placement>): void {
    const out: string[] = [];
    for (const [id, body] of this.bodies) {
      const next = placements.get(id);
      const old = body.placement;
      if (old && !(next && samePlacement(old, next))) {
        // Gone from there: blank what Ink did not rewrite (it had blanks there).
        for (const [row] of body.drawn) {
          if (touched === 'all' || touched.has(row)) continue;
          if (next && insideRows(next.visible, row) && overlapsColumns(old.visible, next.visible)) continue;
          out.push(`\u001b[${row + 1};${old.visible.x + 1}H${' '.repeat(old.visible.width)}`);
        }
        body.drawn.clear();
      } else if (touched === 'all') body.drawn.clear();
      else for (const row of touched) body.drawn.delete(row);
      body.placement = next;
    }
    for (const [id, placement] of placements) {
      const body = this.bodyOf(id);
      body.placement = placement;
    }
    const rows: string[] = [...out];
    for (const [id, body] of this.bodies) rows.push(...this.rowsOf(id, body));
    this.flush(rows);
  }

  /** The pane left the dashboard: forget it (its rectangle is Ink's again). */
  remove(id: string): void {
    this.bodies.delete(id);
  }

  private bodyOf(id: string): Body {
    let body = this.bodies.get(id);
    if (!body) {
      body = { lines: [], drawn: new Map() };
      this.bodies.set(id, body);
    }
    return body;
  }

  /** The rows of a body that differ from what is on screen, as cursor-addressed writes. */
  private *rowsOf(_id: string, body: Body): Generator<string> {
    const placement = body.placement;
    if (!placement) return;
    const { rect, visible } = placement;
    if (visible.width <= 0 || visible.height <= 0) return;
    const start = Math.max(0, body.lines.length - rect.height);
    for (let y = visible.y; y < visible.y + visible.height; y++) {
      const line = body.lines[start + (y - rect.y)] ?? '';
      const cells = rowCells(line, rect.width, visible.x - rect.x, visible.width);
      if (body.drawn.get(y) === cells) continue;
      body.drawn.set(y, cells);
      yield `\u001b[${y + 1};${visible.x + 1}H${cells}`;
    }
  }

  private flush(rows: string[]): void {
    if (rows.length === 0) return;
    this.rowsWritten += rows.length;
    this.write(SAVE + rows.join('') + RESET + RESTORE);
  }
}

/** A line as exactly `width` cells from column `from` of a body `bodyWidth` wide: cut, padded, colours closed. */
export function rowCells(line: string, bodyWidth: number, from: number, width: number): string {
  let fitted = clipLine(line, bodyWidth);
  if (from > 0 || width < bodyWidth) fitted = sliceAnsi(fitted, from, from + width);
  const used = stringWidth(fitted);
  return RESET + fitted + RESET + ' '.repeat(Math.max(0, width - used));
}

function samePlacement(a: Placement, b: Placement): boolean {
  return sameRect(a.rect, b.rect) && sameRect(a.visible, b.visible);
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function insideRows(rect: Rect, row: number): boolean {
  return row >= rect.y && row < rect.y + rect.height;
}

function overlapsColumns(a: Rect, b: Rect): boolean {
  return b.x <= a.x && b.x + b.width >= a.x + a.width;
}

/** The visible part of `rect` inside `clip` (width or height 0 when none is). */
export function clipRect(rect: Rect, clip: Rect): Rect {
  const x = Math.max(rect.x, clip.x);
  const y = Math.max(rect.y, clip.y);
  const right = Math.min(rect.x + rect.width, clip.x + clip.width);
  const bottom = Math.min(rect.y + rect.height, clip.y + clip.height);
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}
