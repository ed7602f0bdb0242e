import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentKind } from '../state/agentState.js';
import { processAlive } from '../processAlive.js';

/**
 * Who may act on which pane. A person at the keyboard (the dashboard, the
 * CLI verbs) reaches every pane but orch-tui's own; an agent (through the
 * MCP tools) reaches only managed workers: panes orch-tui created or a
 * person adopted, and of those, types only into agents, or into plain
 * programs a person said take commands. The marks live on the panes (user
 * options) so every orch-tui process agrees.
 */
export const WORKER_OPTION = '@orch_worker';
export const COMMANDS_OPTION = '@orch_commands';
export const SELF_OPTION = '@orch_self';

/** `@orch_worker` values: made by orch-tui, or adopted by a person. */
export const CREATED = '1';
export const ADOPTED = 'adopted';

/** What runs orch-tui in a pane and marks it so. */
export type SelfRole = 'dashboard' | 'run' | 'mcp';

/** The value of `@orch_self` for this process. */
export const selfTagFor = (role: SelfRole, pid = process.pid): string => `${role} ${pid}`;

/**
 * A pane where an orch-tui dashboard, `run` or MCP server runs now: never a
 * worker. A mark whose process is gone (killed without cleaning up) is
 * ignored.
 */
export function isOrchSelf(pane: PaneInfo, alive: (pid: number) => boolean = processAlive): boolean {
  const match = /^(dashboard|run|mcp) (\d+)$/.exec(pane.selfTag);
  return match !== null && alive(Number(match[2]));
}

export const isManaged = (pane: PaneInfo): boolean => pane.workerTag !== '';
export const acceptsCommands = (pane: PaneInfo): boolean => pane.commandsTag === '1';

/** Agents that read prompts; anything else is a plain program (a shell, a REPL, a build). */
const AGENT_KINDS: ReadonlySet<AgentKind> = new Set(['claude', 'codex', 'gemini', 'aider']);

/** An agent reads what it is given as a message; text given to a plain program runs. */
export const isAgentKind = (kind: AgentKind): boolean => AGENT_KINDS.has(kind);

/**
 * Why an agent may not type into this pane, or undefined when it may: the
 * pane must be managed, and run an agent, unless a person said it takes
 * commands (text sent to a shell is a command run).
 */
export function agentMayNotType(pane: PaneInfo, kind: AgentKind, name: string): string | undefined {
  if (!isManaged(pane)) return `No worker named "${name}".`;
  if (AGENT_KINDS.has(kind) || acceptsCommands(pane)) return undefined;
  return (
    `${name} runs ${pane.currentCommand || 'a plain program'}, not an agent: text sent to it would run as a command, ` +
    `so an agent may send it nothing unless the user adopts it with "orch-tui adopt ${name} --accepts-commands".`
  );
}
