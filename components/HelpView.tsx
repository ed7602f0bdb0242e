import React from 'react';
import { Box, Text } from 'ink';
import { KEY_TABLE, displayKey } from '../src/ui/keyTable.js';

export interface HelpViewProps {
  width: number;
  height: number;
}

/** Every key binding, generated from the key table. */
export function HelpView({ width, height }: HelpViewProps) {
  const rows = KEY_TABLE;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <Text bold>orch-tui keys</Text>
      <Text> </Text>
      {rows.map((row) => (
        <Text key={row.command} wrap="truncate">
          <Text color="cyan">{row.keys.map(displayKey).join(' ').padEnd(16)}</Text>
          {row.description}
          <Text dimColor> ({row.views.join(', ')})</Text>
        </Text>
      ))}
    </Box>
  );
}
