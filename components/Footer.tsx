import React from 'react';
import { Box, Text } from 'ink';
import { footerEntries } from '../src/ui/keyTable.js';
import type { KeyContext } from '../src/ui/keyTable.js';

export interface FooterProps {
  view: KeyContext;
  width: number;
  /** Right-hand status: worker count, page, last error. */
  status: string;
  error?: string;
}

/** One line: the status first (it must never be cut off), then the main keys from the key table. */
export function Footer({ view, width, status, error }: FooterProps) {
  const entries = footerEntries(view);
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        <Text dimColor>{status}</Text>
        {error ? <Text color="red">{'  '}{error}</Text> : null}
        <Text dimColor>{'  │ '}</Text>
        {entries.map((e) => (
          <Text key={e.label}>
            <Text color="cyan" bold>
              {e.key}
            </Text>{' '}
            {e.label}
            {'  '}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
