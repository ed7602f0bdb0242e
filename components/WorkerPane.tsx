import React from 'react';
import { Box, type DOMElement } from 'ink';
import { OutputLines } from './OutputLines.js';
import { useOrch, useOrchStore } from './StoreContext.js';
import type { Worker } from '../src/store/orchState.js';
import { PaneHeader } from './PaneHeader.js';
import { useCompositedBodies } from './BodiesContext.js';
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

/** The header's spinner steps with output at most this often (StateBadge); finer moves of lastOutputAt are not drawn. */
export const HEADER_STEP_MS = 250;

/** The same header: every field equal but lastOutputAt, which may move within one HEADER_STEP_MS step. */
function sameHeader(a: Worker, b: Worker): boolean {
  for (const key of Object.keys(b) as Array<keyof Worker>) {
    if (key === 'lastOutputAt') continue;
    if (a[key] !== b[key]) return false;
  }
  return Math.floor(a.lastOutputAt / HEADER_STEP_MS) === Math.floor(b.lastOutputAt / HEADER_STEP_MS);
}

/**
 * The worker as its header shows it: every line a pane prints moves its
 * lastOutputAt, and a render per line is what the composited bodies are
 * there to avoid; the header is rendered again when something it shows
 * changed, or the spinner's step (a few times a second at most).
 */
function useHeaderWorker(workerId: string): Worker | undefined {
  const store = useOrchStore();
  const shown = React.useRef<Worker | undefined>(undefined);
  const read = React.useCallback(() => {
    const next = store.getState().workers[workerId];
    const before = shown.current;
    if (before && next && before !== next && sameHeader(before, next)) return before;
    shown.current = next;
    return next;
  }, [store, workerId]);
  return React.useSyncExternalStore(store.subscribe, read, read);
}

/**
 * One worker in the grid: a bordered box, its header and its latest lines.
 * With composited bodies (the dashboard) the body is a blank box whose
 * cells the compositor writes: new output renders nothing here; the pane
 * renders when its worker (header), focus or size changes.
 */
export const WorkerPane = React.memo(function WorkerPane({ workerId, width, height, focused, now }: WorkerPaneProps) {
  const bodies = useCompositedBodies();
  const worker = useHeaderWorker(workerId);
  const lines = useOrch((s) => (bodies ? EMPTY : s.output[workerId] ?? EMPTY));
  const marked = useOrch((s) => s.marked.includes(workerId));
  const inner = Math.max(0, width - 2);
  const rows = Math.max(0, height - 3);
  const body = React.useMemo(() => (bodies ? EMPTY : fitLines(lines, inner, rows)), [bodies, lines, inner, rows]);
  const bodyBox = React.useRef<DOMElement>(null);
  const present = worker !== undefined;
  React.useLayoutEffect(() => {
    const node = bodyBox.current;
    if (!bodies || !node) return;
    bodies.register(workerId, node);
    return () => bodies.unregister(workerId, node);
  }, [bodies, workerId, present]);
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
      {bodies ? <Box ref={bodyBox} width={inner} height={rows} flexShrink={0} /> : <OutputLines lines={body} />}
    </Box>
  );
});
