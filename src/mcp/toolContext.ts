import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { TaskQueue } from '../tasks/taskQueue.js';
import type { SendOutcome } from '../dispatch/checkedSend.js';
import type { BackgroundDispatch } from './backgroundDispatch.js';
import { annotationsOf, TOOL_CATALOG, type ToolName } from './toolCatalog.js';
import { ToolFailure } from './toolResult.js';
import type { Note } from '../notes/noteTypes.js';

/** What every tool works with: the same adapter, dispatcher and queue the verbs use. */
export interface McpToolContext {
  server: TmuxServerSelection;
  sessionGlob?: string;
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  queue: TaskQueue;
  dispatch: BackgroundDispatch;
  /** Ends a tool's waits when the server shuts down. */
  shutdown: AbortSignal;
  /** Programs create_worker may start beyond the known agents (the user's `mcp --allow-command`). */
  allowedCommands: readonly string[];
  /** The notes this agent may see, oldest first (for the status report's latest notes). */
  notes?: () => Promise<readonly Note[]>;
}

/** The registerTool config of a catalog tool: title and annotations from the catalog. */
export function toolConfig<C extends { description: string }>(name: ToolName, config: C) {
  return { ...config, title: TOOL_CATALOG[name].title, annotations: annotationsOf(name) };
}

/** A send that did not arrive is a tool error: its outcome's one sentence. */
export function deliveredOrFail(outcome: SendOutcome): SendOutcome {
  if (!outcome.delivered) throw new ToolFailure(outcome.message);
  return outcome;
}

/** An abort signal that fires for either of two. */
export function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  return AbortSignal.any([a, b]);
}

/** Seconds from a tool argument, with a default and a ceiling, as ms. */
export function secondsToMs(value: number | undefined, fallbackS: number, maxS: number): number {
  return Math.min(value ?? fallbackS, maxS) * 1000;
}
