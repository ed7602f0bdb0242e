import React from 'react';
import { Text } from 'ink';
import stripAnsi from 'strip-ansi';
import { findErrorLines } from '../src/state/errorWatch.js';
import { useOrch } from './StoreContext.js';

/** Output lines as captured (colours kept); error lines stand out in red with a marker. */
export function OutputLines({ lines }: { lines: readonly string[] }) {
  const patterns = useOrch((s) => s.errorPatterns);
  const errors = new Set(findErrorLines(lines, patterns).lineIndexes);
  return (
    <>
      {lines.map((line, i) =>
        errors.has(i) ? (
          <Text key={i} wrap="truncate" color="red" bold>
            {stripAnsi(line)}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            {line}
          </Text>
        ),
      )}
    </>
  );
}
