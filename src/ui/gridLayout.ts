/** How worker panes tile the space left for the grid. */
export interface GridLayout {
  columns: number;
  rows: number;
  perPage: number;
  cellWidth: number;
  cellHeight: number;
  pages: number;
}

export const MIN_CELL_WIDTH = 32;
export const MIN_CELL_HEIGHT = 6;
/**
 * Grid panes count time in steps of this: with fifty panes on screen, a
 * clock redrawing headers every second was most of an idle dashboard's
 * work (a whole frame written each second). The zoom view counts seconds.
 */
export const GRID_CLOCK_MS = 10_000;

/** Below this the dashboard shows one sentence saying the terminal is too small. */
export const MIN_TERMINAL = { columns: 40, rows: 10 } as const;

/**
 * Choose columns and rows for `count` panes in `width`x`height` cells: every
 * pane at least MIN_CELL_WIDTH x MIN_CELL_HEIGHT, preferring wide panes
 * (terminal output is line-shaped); more panes than fit go to further pages.
 */
export function layoutGrid(count: number, width: number, height: number): GridLayout {
  const maxColumns = Math.max(1, Math.floor(width / MIN_CELL_WIDTH));
  const maxRows = Math.max(1, Math.floor(height / MIN_CELL_HEIGHT));
  const n = Math.max(1, count);
  let best: { columns: number; rows: number; score: number } | undefined;
  for (let columns = 1; columns <= Math.min(maxColumns, n); columns++) {
    const rows = Math.min(maxRows, Math.ceil(n / columns));
    const shown = Math.min(n, columns * rows);
    const cellWidth = width / columns;
    const cellHeight = height / rows;
    // Show as many panes as possible, then prefer cells about 3x wider than
    // tall in characters (roughly square on screen at 2:1 glyphs... and a
    // bit wider for log lines).
    const aspect = cellWidth / cellHeight;
    const score = shown * 100 - Math.abs(Math.log(aspect / 3.5));
    if (!best || score > best.score) best = { columns, rows, score };
  }
  const { columns, rows } = best!;
  const perPage = columns * rows;
  return {
    columns,
    rows,
    perPage,
    cellWidth: Math.floor(width / columns),
    cellHeight: Math.floor(height / rows),
    pages: Math.max(1, Math.ceil(count / perPage)),
  };
}

/** The page that holds the focused index. */
export function pageOf(index: number, perPage: number): number {
  return index < 0 ? 0 : Math.floor(index / Math.max(1, perPage));
}
