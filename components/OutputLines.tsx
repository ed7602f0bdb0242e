import React from 'react';
import { Text } from 'ink';
import stripAnsi from 'strip-ansi';
import { findErrorLines } from '../src/state/errorWatch.js';
import { useOrch } from './StoreContext.js';

const ERROR_STYLE = '\u001b[1;31m';
const RESET = '\u001b[0m';

/**
 * Output lines as captured (colours kept, already fitted to the box); error
 * lines stand out in bold red. One Text for the whole block: a node per
 * line would give Ink's layout fifty nodes per pane to measure every frame.
 */
export const OutputLines = React.memo(function OutputLines({ lines }: { lines: readonly string[] }) {
  const patterns = useOrch((s) => s.errorPatterns);
  const text = React.useMemo(() => {
    const errors = new Set(findErrorLines(lines, patterns).lineIndexes);
    return lines.map((line, i) => (errors.has(i) ? `${ERROR_STYLE}${stripAnsi(line)}${RESET}` : line)).join('\n');
  }, [lines, patterns]);
  return <Text wrap="truncate">{text}</Text>;
});
