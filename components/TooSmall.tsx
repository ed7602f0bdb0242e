import React from 'react';
import { Text } from 'ink';
import { MIN_TERMINAL } from '../src/ui/gridLayout.js';

/** A sentence instead of a broken layout, wrapped so it is read whole in a terminal of any width. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Text wrap="wrap">
      Terminal too small ({columns}x{rows}); orch-tui needs {MIN_TERMINAL.columns}x{MIN_TERMINAL.rows}.
    </Text>
  );
}
