/**
 * Every tool `orch-tui mcp` offers, in one table: its title, whether it only
 * reads, whether it destroys something, and whether `orch-tui init` lets
 * Claude Code call it without asking. The server registers from this table
 * and `init` writes its allow-list from it, so the two cannot drift.
 */
export const MCP_SERVER_NAME = 'orch-tui';

export interface ToolEntry {
  title: string;
  readOnly: boolean;
  destructive: boolean;
  /** Allowed without a question by the settings `init` writes. */
  allowByDefault: boolean;
}

const entry = (title: string, kind: 'read' | 'act' | 'destroy' | 'ask'): ToolEntry => ({
  title,
  readOnly: kind === 'read',
  destructive: kind === 'destroy',
  allowByDefault: kind === 'read' || kind === 'act',
});

export const TOOL_CATALOG = {
  list_workers: entry('List workers and their states', 'read'),
  read_screen: entry("Read a worker's screen", 'read'),
  send_task: entry('Send a task to a worker', 'act'),
  broadcast: entry('Send a text to every worker', 'act'),
  compact_worker: entry("Compact a worker's context", 'act'),
  clear_worker: entry("Clear a worker's conversation, then give it a new task", 'destroy'),
  interrupt_worker: entry('Interrupt a worker (Escape)', 'act'),
  // Approving a worker's permission prompt decides for the user: asked each time.
  answer_prompt: entry("Answer a worker's permission prompt", 'ask'),
  kill_worker: entry('Kill a worker', 'destroy'),
  create_worker: entry('Create a worker', 'act'),
  add_task: entry('Queue a task', 'act'),
  list_tasks: entry('List the task queue', 'read'),
  wait_for_state: entry('Wait until a worker reaches a state', 'read'),
  wait_for_tasks: entry('Wait until tasks are finished', 'read'),
  status_report: entry('The orchestration status report', 'read'),
  post_note: entry('Leave a note on the team\'s board', 'act'),
  read_notes: entry('Read the notes board', 'read'),
} as const satisfies Record<string, ToolEntry>;

export type ToolName = keyof typeof TOOL_CATALOG;

/** The name Claude Code gives a tool of this server: `mcp__orch-tui__list_workers`. */
export function claudeToolName(tool: ToolName, server = MCP_SERVER_NAME): string {
  return `mcp__${server}__${tool}`;
}

/** Claude Code permission rules for the tools allowed by default. */
export function defaultAllowedTools(server = MCP_SERVER_NAME): string[] {
  return (Object.keys(TOOL_CATALOG) as ToolName[])
    .filter((name) => TOOL_CATALOG[name].allowByDefault)
    .map((name) => claudeToolName(name, server));
}

/** The MCP annotations of a tool, from its catalog entry. */
export function annotationsOf(name: ToolName) {
  const t: ToolEntry = TOOL_CATALOG[name];
  return { title: t.title, readOnlyHint: t.readOnly, destructiveHint: t.destructive, openWorldHint: false };
}
