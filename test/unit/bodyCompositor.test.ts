import { describe, expect, it } from 'vitest';
import xterm from '@xterm/headless';
import { BodyCompositor, clipRect, type Placement, type Rect } from '../../src/ui/bodyCompositor.js';
import { InkRowTracker } from '../../src/ui/inkRowTracker.js';

const COLUMNS = 40;
const ROWS = 12;

/** A screen the compositor and a pretend Ink write to, read back as a person sees it. */
function screen() {
  const term = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true });
  const writes: string[] = [];
  const write = (text: string) => {
    writes.push(text);
    term.write(text);
  };
  const flushed = () => new Promise<void>((resolve) => term.write('', resolve));
  const row = (y: number) => (term.buffer.active.getLine(y)?.translateToString(true) ?? '').trimEnd();
  const cursor = () => [term.buffer.active.cursorX, term.buffer.active.cursorY];
  return { term, write, writes, flushed, row, cursor };
}

const rect: Rect = { x: 2, y: 3, width: 10, height: 4 };
const placed = (r: Rect, visible: Rect = r): Map<string, Placement> => new Map([['%1', { rect: r, visible }]]);

describe('BodyCompositor', () => {
  it('writes a body into its rectangle and, on new lines, only the rows that changed', async () => {
    const s = screen();
    // Ink's frame around it: a border of x's.
    for (let y = 0; y < ROWS - 1; y++) s.write(`\u001b[${y + 1};1H${'x'.repeat(COLUMNS)}`);
    s.write('\u001b[5;20H');
    const compositor = new BodyCompositor(s.write);
    compositor.afterInkFrame(new Set(), placed(rect));
    compositor.setLines('%1', ['one', 'two', 'three']);
    await s.flushed();
    expect(s.row(3)).toBe('xxone       ' + 'x'.repeat(28));
    expect(s.row(5)).toBe('xxthree     ' + 'x'.repeat(28));
    expect(s.row(6)).toBe('xx          ' + 'x'.repeat(28));
    expect(s.row(2)).toBe('x'.repeat(40));
    // The cursor is where Ink left it.
    expect(s.cursor()).toEqual([19, 4]);
    const before = compositor.rowsWritten;
    compositor.setLines('%1', ['one', 'two', 'three!']);
    expect(compositor.rowsWritten - before).toBe(1);
    // Scrolling: the last `height` lines, every row that differs.
    compositor.setLines('%1', ['one', 'two', 'three!', 'four', 'five']);
    await s.flushed();
    expect([3, 4, 5, 6].map(s.row).map((r) => r.slice(2, 12).trimEnd())).toEqual(['two', 'three!', 'four', 'five']);
  });

  it('clips to the rectangle: long lines, a wide character at the edge, colours closed', async () => {
    const s = screen();
    for (let y = 0; y < ROWS - 1; y++) s.write(`\u001b[${y + 1};1H${'x'.repeat(COLUMNS)}`);
    const compositor = new BodyCompositor(s.write);
    compositor.afterInkFrame(new Set(), placed(rect));
    compositor.setLines('%1', ['a'.repeat(30), '123456789中文', '\u001b[31mred\u001b[42m']);
    await s.flushed();
    expect(s.row(3)).toBe('xx' + 'a'.repeat(10) + 'x'.repeat(28));
    expect(s.row(4)).toBe('xx123456789 ' + 'x'.repeat(28));
    const cell = s.term.buffer.active.getLine(5)!.getCell(12)!;
    expect(cell.getChars()).toBe('x');
    expect(cell.isFgDefault() && cell.isBgDefault()).toBe(true);
  });

  it('draws only the part left visible by the boxes around it', async () => {
    const s = screen();
    const compositor = new BodyCompositor(s.write);
    const visible = clipRect(rect, { x: 0, y: 0, width: 40, height: 5 });
    expect(visible).toEqual({ x: 2, y: 3, width: 10, height: 2 });
    compositor.afterInkFrame(new Set(), placed(rect, visible));
    compositor.setLines('%1', ['r0', 'r1', 'r2', 'r3']);
    await s.flushed();
    expect(JSON.stringify([3, 4, 5, 6].map(s.row))).toEqual(JSON.stringify(['  r0', '  r1', '', '']));
  });

  it('redraws the rows an Ink frame rewrote, and no others', async () => {
    const s = screen();
    const tracker = new InkRowTracker(ROWS);
    const compositor = new BodyCompositor(s.write);
    compositor.afterInkFrame(new Set(), placed(rect));
    compositor.setLines('%1', ['a', 'b', 'c', 'd']);
    // Ink (incremental): from the frame's last row up to row 4, rewrite it (border moved), next lines kept.
    const ink = '\u001b[6A\u001b[G|border row 4|\u001b[K\n\u001b[E\u001b[E\u001b[E\u001b[E\u001b[E';
    s.write('\u001b[11;1H');
    tracker.feed('\u001b[11;1H');
    s.write(ink);
    const touched = tracker.feed(ink);
    expect(touched).toEqual(new Set([4]));
    const before = compositor.rowsWritten;
    compositor.afterInkFrame(touched, placed(rect));
    await s.flushed();
    expect(compositor.rowsWritten - before).toBe(1);
    expect(s.row(4)).toBe('|bb         4|');
  });

  it('blanks a body a modal took the place of (rows Ink left alone), and draws it whole when the modal goes', async () => {
    const s = screen();
    const compositor = new BodyCompositor(s.write);
    compositor.afterInkFrame(new Set(), placed(rect));
    compositor.setLines('%1', ['a', 'b', 'c', 'd']);
    // The modal: Ink rewrote rows 5 and 6; the body is not on screen any more.
    s.write('\u001b[6;1H\u001b[2KMODAL\u001b[7;1H\u001b[2KMODAL');
    compositor.afterInkFrame(new Set([5, 6]), new Map());
    await s.flushed();
    expect(JSON.stringify([3, 4, 5, 6].map(s.row))).toEqual(JSON.stringify(['', '', 'MODAL', 'MODAL']));
    // New lines while hidden write nothing.
    const hidden = compositor.rowsWritten;
    compositor.setLines('%1', ['a', 'b', 'c', 'e']);
    expect(compositor.rowsWritten).toBe(hidden);
    // The modal closes: Ink blanks its rows; the body comes back whole, with its latest lines.
    s.write('\u001b[6;1H\u001b[2K\u001b[7;1H\u001b[2K');
    compositor.afterInkFrame(new Set([5, 6]), placed(rect));
    await s.flushed();
    expect(JSON.stringify([3, 4, 5, 6].map(s.row))).toEqual(JSON.stringify(['  a', '  b', '  c', '  e']));
  });

  it('moves a body: the old place is blanked, the new one drawn', async () => {
    const s = screen();
    const compositor = new BodyCompositor(s.write);
    compositor.afterInkFrame(new Set(), placed(rect));
    compositor.setLines('%1', ['a', 'b']);
    const moved = { ...rect, x: 20, y: 1 };
    compositor.afterInkFrame(new Set(), placed(moved));
    await s.flushed();
    expect(JSON.stringify([1, 2, 3, 4].map(s.row))).toEqual(JSON.stringify([' '.repeat(20) + 'a', ' '.repeat(20) + 'b', '', '']));
  });
});

describe('InkRowTracker', () => {
  it('follows Ink’s relative moves, erases and text; a full clear touches everything', () => {
    const tracker = new InkRowTracker(10);
    expect(tracker.feed('line0\nline1\nline2\n')).toEqual(new Set([0, 1, 2]));
    // eraseLines(3) from row 3: erase, up, erase, up, erase, column 0.
    expect(tracker.feed('\u001b[2K\u001b[1A\u001b[2K\u001b[1A\u001b[2K\u001b[G')).toEqual(new Set([3, 2, 1]));
    expect(tracker.feed('\u001b[?25l\u001b]0;title\u0007\u001b[31m')).toEqual(new Set());
    expect(tracker.feed('\u001b[5;1Hx')).toEqual(new Set([4]));
    expect(tracker.feed('\u001b[2J')).toBe('all');
  });
});
