import React from 'react';
import { Text } from 'ink';
import { MIN_TERMINAL } from '../src/ui/gridLayout.js';

/** A single line instead of a broken layout. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Text wrap="truncate">
      Terminal too small ({columns}x{rows}); orch-tui needs {MIN_TERMINAL.columns}x{MIN_TERMINAL.rows}.
    </Text>
  );
}
