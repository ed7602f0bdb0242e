import React from 'react';
import { Box } from 'ink';
import { OutputLines } from './OutputLines.js';
import { useOrch } from './StoreContext.js';
import { PaneHeader } from './PaneHeader.js';
import { fitLines } from '../src/ui/paneLines.js';

export interface WorkerPaneProps {
  workerId: string;
  width: number;
  height: number;
  focused: boolean;
  now: number;
}

const EMPTY: string[] = [];

/** One worker in the grid: a bordered box, its header and its latest lines. */
export function WorkerPane({ workerId, width, height, focused, now }: WorkerPaneProps) {
  const worker = useOrch((s) => s.workers[workerId]);
  const lines = useOrch((s) => s.output[workerId] ?? EMPTY);
  const marked = useOrch((s) => s.marked.includes(workerId));
  if (!worker) return null;
  const inner = Math.max(0, width - 2);
  const body = fitLines(lines, inner, Math.max(0, height - 3));
  return (
    <Box
      width={width}
      height={height}
      flexDirection="column"
      borderStyle={focused ? 'double' : 'round'}
      borderColor={focused ? 'cyan' : worker.state === 'waiting' ? 'magenta' : worker.state === 'error' ? 'red' : 'gray'}
      overflow="hidden"
    >
      <PaneHeader worker={worker} focused={focused} now={now} marked={marked} />
      <OutputLines lines={body} />
    </Box>
  );
}
