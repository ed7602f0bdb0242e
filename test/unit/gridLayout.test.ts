import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutGrid, MIN_CELL_HEIGHT, MIN_CELL_WIDTH, pageOf } from '../../src/ui/gridLayout.js';

const SIZES: Array<[number, number]> = [
  [160, 44],
  [80, 24],
];

describe('layoutGrid', () => {
  for (const [width, height] of SIZES) {
    for (const count of [1, 3, 4, 50]) {
      it(`fits ${count} panes in ${width}x${height}`, () => {
        const g = layoutGrid(count, width, height);
        expect(g.cellWidth).toBeGreaterThanOrEqual(MIN_CELL_WIDTH);
        expect(g.cellHeight).toBeGreaterThanOrEqual(MIN_CELL_HEIGHT);
        expect(g.columns * g.cellWidth).toBeLessThanOrEqual(width);
        expect(g.rows * g.cellHeight).toBeLessThanOrEqual(height);
        expect(g.perPage).toBe(g.columns * g.rows);
        expect(g.pages).toBe(Math.ceil(count / g.perPage));
        // Never more cells than panes, so no page is mostly empty.
        expect(g.columns).toBeLessThanOrEqual(count);
      });
    }
  }

  it('gives one pane the whole area', () => {
    expect(layoutGrid(1, 160, 44)).toMatchObject({ columns: 1, rows: 1, cellWidth: 160, cellHeight: 44, pages: 1 });
  });

  it('shows 3 and 4 panes on one page when they fit', () => {
    expect(layoutGrid(3, 160, 44).pages).toBe(1);
    expect(layoutGrid(4, 160, 44).pages).toBe(1);
    expect(layoutGrid(4, 80, 24).pages).toBe(1);
  });

  it('pages 50 panes, using as many cells as fit', () => {
    const big = layoutGrid(50, 160, 44);
    expect(big).toMatchObject({ columns: 5, rows: 7, perPage: 35, pages: 2 });
    const small = layoutGrid(50, 80, 24);
    expect(small).toMatchObject({ columns: 2, rows: 4, perPage: 8, pages: 7 });
  });

  it('treats no panes as one empty page', () => {
    expect(layoutGrid(0, 80, 24)).toMatchObject({ columns: 1, rows: 1, pages: 1 });
  });

  it('holds its invariants for any count on any screen at least one cell big', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: MIN_CELL_WIDTH, max: 400 }),
        fc.integer({ min: MIN_CELL_HEIGHT, max: 150 }),
        (count, width, height) => {
          const g = layoutGrid(count, width, height);
          return (
            g.cellWidth >= MIN_CELL_WIDTH &&
            g.cellHeight >= MIN_CELL_HEIGHT &&
            g.columns * g.cellWidth <= width &&
            g.rows * g.cellHeight <= height &&
            g.pages * g.perPage >= count &&
            (g.pages - 1) * g.perPage < Math.max(1, count)
          );
        },
      ),
    );
  });
});

describe('pageOf', () => {
  it('finds the page of an index', () => {
    expect(pageOf(0, 8)).toBe(0);
    expect(pageOf(7, 8)).toBe(0);
    expect(pageOf(8, 8)).toBe(1);
    expect(pageOf(49, 8)).toBe(6);
  });

  it('puts "not found" (-1) on the first page and survives perPage 0', () => {
    expect(pageOf(-1, 8)).toBe(0);
    expect(pageOf(3, 0)).toBe(3);
  });
});
