import React from 'react';
import { Box, Text } from 'ink';
import { footerEntries } from '../src/ui/keyTable.js';
import type { KeyContext } from '../src/ui/keyTable.js';
import { fitFooter, FOOTER_SEPARATOR, type FooterEntry } from '../src/ui/footerLine.js';

export interface FooterProps {
  view: KeyContext;
  width: number;
  /** Right-hand status: worker count, page, last error. */
  status: string;
  error?: string;
  /** The keys to offer; by default the view's footer rows of the key table. */
  entries?: readonly FooterEntry[];
}

/** One line: the status first (cut only when help and quit would not fit), then the keys that fit whole, from the key table. */
export function Footer({ view, width, status, error, entries = footerEntries(view) }: FooterProps) {
  const fitted = fitFooter(width, status, error, entries);
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        <Text dimColor>{fitted.status}</Text>
        {fitted.error ? <Text color="red">{'  '}{fitted.error}</Text> : null}
        <Text dimColor>{FOOTER_SEPARATOR}</Text>
        {fitted.entries.map((e, i) => (
          <Text key={e.label}>
            <Text color="cyan" bold>
              {e.key}
            </Text>{' '}
            {e.label}
            {i < fitted.entries.length - 1 ? '  ' : ''}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
