import React from 'react';
import { Box } from 'ink';
import { OutputLines } from './OutputLines.js';
import { useOrch } from './StoreContext.js';
import { PaneHeader } from './PaneHeader.js';
import { fitLines } from '../src/ui/paneLines.js';
import { GRID_CLOCK_MS } from '../src/ui/gridLayout.js';

export interface WorkerPaneProps {
  workerId: string;
  width: number;
  height: number;
  focused: boolean;
  now: number;
}

const EMPTY: string[] = [];

/** One worker in the grid: a bordered box, its header and its latest lines. Redrawn only when its own worker, lines or props change. */
export const WorkerPane = React.memo(function WorkerPane({ workerId, width, height, focused, now }: WorkerPaneProps) {
  const worker = useOrch((s) => s.workers[workerId]);
  const lines = useOrch((s) => s.output[workerId] ?? EMPTY);
  const marked = useOrch((s) => s.marked.includes(workerId));
  const inner = Math.max(0, width - 2);
  const rows = Math.max(0, height - 3);
  const body = React.useMemo(() => fitLines(lines, inner, rows), [lines, inner, rows]);
  if (!worker) return null;
  return (
    <Box
      width={width}
      height={height}
      flexDirection="column"
      borderStyle={focused ? 'double' : 'round'}
      borderColor={focused ? 'cyan' : worker.state === 'waiting' ? 'magenta' : worker.state === 'error' ? 'red' : 'gray'}
      overflowY="hidden"
    >
      <PaneHeader worker={worker} focused={focused} now={now} marked={marked} clockMs={GRID_CLOCK_MS} />
      <OutputLines lines={body} />
    </Box>
  );
});
