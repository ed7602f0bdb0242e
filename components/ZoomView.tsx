import React from 'react';
import { Box, Text } from 'ink';
import { useOrch } from './StoreContext.js';
import { PaneHeader } from './PaneHeader.js';
import { OutputLines } from './OutputLines.js';
import { fitLines } from '../src/ui/paneLines.js';

export interface ZoomViewProps {
  width: number;
  height: number;
  now: number;
}

const EMPTY: string[] = [];

/** The focused worker over the whole screen, with its scrollback. */
export function ZoomView({ width, height, now }: ZoomViewProps) {
  const focusId = useOrch((s) => s.focusId);
  const worker = useOrch((s) => (s.focusId ? s.workers[s.focusId] : undefined));
  const lines = useOrch((s) => (s.focusId ? s.output[s.focusId] ?? EMPTY : EMPTY));
  const scroll = useOrch((s) => s.zoomScroll);
  if (!worker || !focusId) return null;
  const rows = Math.max(0, height - 2);
  const body = fitLines(lines, width, rows, scroll);
  const position = scroll > 0 ? ` ↑${scroll} of ${lines.length} lines` : ` ${lines.length} lines`;
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <PaneHeader worker={worker} focused now={now} />
      <Text dimColor wrap="truncate">
        {'─'.repeat(Math.max(0, width - position.length - 1))}
        {position}
      </Text>
      <OutputLines lines={body} />
    </Box>
  );
}
