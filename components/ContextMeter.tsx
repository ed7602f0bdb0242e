import React from 'react';
import { Text } from 'ink';
import type { ContextUse } from '../src/reports/contextUse.js';
import { contextLabel } from '../src/ui/contextMeter.js';

/** ` · ctx 15%`: how full a worker's context is, coloured as it nears the limit; nothing when unknown. */
export function ContextMeter({ context }: { context: ContextUse | undefined }) {
  if (!context) return null;
  const { text, color } = contextLabel(context);
  return (
    <>
      <Text dimColor> · </Text>
      <Text color={color} dimColor={color === undefined}>{text}</Text>
    </>
  );
}
