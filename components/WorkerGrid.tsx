import React from 'react';
import { Box } from 'ink';
import { useOrch } from './StoreContext.js';
import { WorkerPane } from './WorkerPane.js';
import { GRID_CLOCK_MS, pageOf } from '../src/ui/gridLayout.js';

export { GRID_CLOCK_MS };

export interface WorkerGridProps {
  columns: number;
  perPage: number;
  cellWidth: number;
  cellHeight: number;
  /** The clock in GRID_CLOCK_MS steps (a finer one would redraw every pane each tick). */
  now: number;
}


/** The page of workers that holds the focused one, in rows of `columns`. */
export const WorkerGrid = React.memo(function WorkerGrid({ columns, perPage, cellWidth, cellHeight, now }: WorkerGridProps) {
  const order = useOrch((s) => s.order);
  const focusId = useOrch((s) => s.focusId);
  const page = pageOf(order.indexOf(focusId ?? ''), perPage);
  const shown = order.slice(page * perPage, (page + 1) * perPage);
  const rows: string[][] = [];
  for (let i = 0; i < shown.length; i += columns) rows.push(shown.slice(i, i + columns));
  return (
    <Box flexDirection="column">
      {rows.map((row, r) => (
        <Box key={r} flexDirection="row" height={cellHeight}>
          {row.map((id) => (
            <WorkerPane
              key={id}
              workerId={id}
              width={cellWidth}
              height={cellHeight}
              focused={id === focusId}
              now={now}
            />
          ))}
        </Box>
      ))}
    </Box>
  );
});
