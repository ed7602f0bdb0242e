import React from 'react';
import { Box } from 'ink';
import { useOrch } from './StoreContext.js';
import { WorkerPane } from './WorkerPane.js';
import type { GridLayout } from '../src/ui/gridLayout.js';
import { pageOf } from '../src/ui/gridLayout.js';

export interface WorkerGridProps {
  layout: GridLayout;
  now: number;
}

/** The page of workers that holds the focused one, in rows of `layout.columns`. */
export function WorkerGrid({ layout, now }: WorkerGridProps) {
  const order = useOrch((s) => s.order);
  const focusId = useOrch((s) => s.focusId);
  const page = pageOf(order.indexOf(focusId ?? ''), layout.perPage);
  const shown = order.slice(page * layout.perPage, (page + 1) * layout.perPage);
  const rows: string[][] = [];
  for (let i = 0; i < shown.length; i += layout.columns) rows.push(shown.slice(i, i + layout.columns));
  return (
    <Box flexDirection="column">
      {rows.map((row, r) => (
        <Box key={r} flexDirection="row" height={layout.cellHeight}>
          {row.map((id) => (
            <WorkerPane
              key={id}
              workerId={id}
              width={layout.cellWidth}
              height={layout.cellHeight}
              focused={id === focusId}
              now={now}
            />
          ))}
        </Box>
      ))}
    </Box>
  );
}
