import React from 'react';
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';

export interface EmptyStateProps {
  width: number;
  height: number;
  /** Set when the server could not be reached. */
  problem?: string;
  /** The first look at the server has not come back yet. */
  connecting?: boolean;
  serverLabel: string;
  serverFlags: string;
}

/** No workers yet (or no server): say so, and how to start some. */
export function EmptyState({ width, height, problem, connecting, serverLabel, serverFlags }: EmptyStateProps) {
  const flags = serverFlags ? `${serverFlags} ` : '';
  if (connecting) {
    return (
      <Box width={width} height={height} paddingX={2} paddingY={1}>
        <Text dimColor>
          <Spinner type="dots" /> Looking for workers on {serverLabel}…
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={2} paddingY={1} overflow="hidden">
      <Text bold>{problem ? problem : `No workers on ${serverLabel} yet.`}</Text>
      <Text> </Text>
      <Text>Start one in another terminal, for example:</Text>
      <Text color="cyan">  tmux {flags}new-session -d -s api -c ~/project claude</Text>
      <Text>or watch simulated workers:</Text>
      <Text color="cyan">  orch-tui demo</Text>
      <Text> </Text>
      <Text dimColor>orch-tui keeps looking; workers appear here as soon as they exist.</Text>
    </Box>
  );
}
