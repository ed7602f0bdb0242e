import React from 'react';
import { Box, Text } from 'ink';
import { useOrch } from './StoreContext.js';
import { attentionList, attentionText, type AttentionKind } from '../src/ui/stateStyle.js';

const ICON: Record<AttentionKind, { icon: string; color: string }> = {
  waiting: { icon: '⚠', color: 'magenta' },
  error: { icon: '✗', color: 'red' },
  exited: { icon: '✗', color: 'red' },
  finished: { icon: '✓', color: 'green' },
};

export const ATTENTION_ROWS = 3;

/** Rows the strip takes: none when nobody needs the user. */
export function attentionRows(count: number): number {
  return Math.min(ATTENTION_ROWS, count);
}

/** Who needs you: waiting (with the question), in error, or newly finished. */
export function AttentionStrip({ width, now }: { width: number; now: number }) {
  const workers = useOrch((s) => s.workers);
  const order = useOrch((s) => s.order);
  const items = attentionList(workers, order, now);
  if (items.length === 0) return null;
  const shown = items.slice(0, ATTENTION_ROWS);
  const more = items.length - shown.length;
  return (
    <Box flexDirection="column" width={width} height={shown.length} overflow="hidden">
      {shown.map(({ worker, kind }, i) => (
        <Text key={worker.id} wrap="truncate" color={ICON[kind].color}>
          {ICON[kind].icon} {attentionText(worker, kind)}
          {i === shown.length - 1 && more > 0 ? <Text dimColor> (+{more} more)</Text> : null}
          {i === 0 ? <Text dimColor> — g goes there</Text> : null}
        </Text>
      ))}
    </Box>
  );
}
