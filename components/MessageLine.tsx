import React from 'react';
import { Text } from 'ink';
import type { Notice } from '../src/store/orchState.js';

/** The latest outcome (delivered, refused, killed...) or error, for a while. */
export function MessageLine({ notice, width }: { notice: Notice | undefined; width: number }) {
  if (!notice) return <Text> </Text>;
  const color = notice.tone === 'error' ? 'red' : notice.tone === 'ok' ? 'green' : 'yellow';
  return (
    <Text color={color} wrap="truncate">
      {notice.message.slice(0, Math.max(0, width * 2))}
    </Text>
  );
}
