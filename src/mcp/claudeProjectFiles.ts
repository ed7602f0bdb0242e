import { defaultAllowedTools, MCP_SERVER_NAME, TOOL_CATALOG, type ToolName } from './toolCatalog.js';
import { ORCHESTRATE_COMMAND } from './orchestratePrompt.js';

/** How Claude Code starts the server: an argv, run without a shell. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** One file `orch-tui init` writes, decided before anything is written. */
export interface PlannedFile {
  /** Relative to the project directory. */
  path: string;
  action: 'create' | 'update' | 'unchanged' | 'refuse';
  /** What it holds or changes, for the user; for `refuse`, why. */
  summary: string;
  /** The full new content (absent for unchanged and refused files). */
  content?: string;
}

export const MCP_JSON = '.mcp.json';
export const COMMAND_FILE = '.claude/commands/orchestrate.md';
export const SETTINGS_FILE = '.claude/settings.local.json';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** `.mcp.json`: adds (or with force replaces) the orch-tui entry; other servers stay. */
export function planMcpJson(existing: string | undefined, server: ServerCommand, force: boolean): PlannedFile {
  const entry = { type: 'stdio', command: server.command, args: server.args, env: {} };
  const shown = [server.command, ...server.args].join(' ');
  if (existing === undefined) {
    return { path: MCP_JSON, action: 'create', summary: `registers the MCP server "${MCP_SERVER_NAME}": ${shown}`, content: json({ mcpServers: { [MCP_SERVER_NAME]: entry } }) };
  }
  const doc = parseObject(existing);
  if (!doc && !force) return { path: MCP_JSON, action: 'refuse', summary: 'exists and is not a JSON object; fix it or add --force to replace it' };
  const base = doc ?? {};
  const servers = asObject(base['mcpServers']);
  const current = servers[MCP_SERVER_NAME];
  if (JSON.stringify(current) === JSON.stringify(entry)) return { path: MCP_JSON, action: 'unchanged', summary: `already registers "${MCP_SERVER_NAME}"` };
  // Only the programs create_worker may start changed: the user asked for exactly that.
  const sameButAllowed = JSON.stringify(withoutAllowed(current)) === JSON.stringify(withoutAllowed(entry));
  if (current !== undefined && !force && !sameButAllowed) {
    return { path: MCP_JSON, action: 'refuse', summary: `already has a different "${MCP_SERVER_NAME}" server; add --force to replace that entry` };
  }
  const others = Object.keys(servers).filter((k) => k !== MCP_SERVER_NAME);
  return {
    path: MCP_JSON, action: 'update',
    summary: `${current === undefined ? 'adds' : 'replaces'} the MCP server "${MCP_SERVER_NAME}": ${shown}${others.length ? ` (keeps ${others.join(', ')})` : ''}`,
    content: json({ ...base, mcpServers: { ...servers, [MCP_SERVER_NAME]: entry } }),
  };
}

/** A server entry with its `--allow-command NAME` pairs taken out. */
function withoutAllowed(entry: unknown): unknown {
  const e = asObject(entry);
  if (!Array.isArray(e['args'])) return entry;
  const args = e['args'] as unknown[];
  return { ...e, args: args.filter((a, i) => a !== '--allow-command' && args[i - 1] !== '--allow-command') };
}

/** `.claude/commands/orchestrate.md`: written whole; an edited copy is kept unless forced. */
export function planCommandFile(existing: string | undefined, force: boolean): PlannedFile {
  const summary = `the /orchestrate command: the orchestrator prompt, using the orch-tui tools (${ORCHESTRATE_COMMAND.split('\n').length} lines)`;
  if (existing === ORCHESTRATE_COMMAND) return { path: COMMAND_FILE, action: 'unchanged', summary: 'already the current /orchestrate command' };
  if (existing !== undefined && !force) return { path: COMMAND_FILE, action: 'refuse', summary: 'exists and differs; add --force to overwrite it' };
  return { path: COMMAND_FILE, action: existing === undefined ? 'create' : 'update', summary, content: ORCHESTRATE_COMMAND };
}

/**
 * `.claude/settings.local.json`: enables the project's orch-tui server (so
 * Claude Code does not stop to ask) and allows the tools that neither
 * destroy anything nor decide for the user. Only adds; never removes.
 */
export function planSettings(existing: string | undefined, force: boolean): PlannedFile {
  const doc = existing === undefined ? {} : parseObject(existing);
  if (!doc && !force) return { path: SETTINGS_FILE, action: 'refuse', summary: 'exists and is not a JSON object; fix it or add --force to replace it' };
  const base = doc ?? {};
  const enabled = Array.isArray(base['enabledMcpjsonServers']) ? (base['enabledMcpjsonServers'] as unknown[]) : [];
  const permissions = asObject(base['permissions']);
  const allow = Array.isArray(permissions['allow']) ? (permissions['allow'] as unknown[]) : [];
  const addEnabled = enabled.includes(MCP_SERVER_NAME) ? [] : [MCP_SERVER_NAME];
  const addAllow = defaultAllowedTools().filter((rule) => !allow.includes(rule));
  if (doc && addEnabled.length === 0 && addAllow.length === 0) {
    return { path: SETTINGS_FILE, action: 'unchanged', summary: `already enables "${MCP_SERVER_NAME}" and allows its tools` };
  }
  const asked = (Object.keys(TOOL_CATALOG) as ToolName[]).filter((n) => !TOOL_CATALOG[n].allowByDefault);
  const content = json({
    ...base,
    enabledMcpjsonServers: [...enabled, ...addEnabled],
    permissions: { ...permissions, allow: [...allow, ...addAllow] },
  });
  const summary = `enables the project MCP server "${MCP_SERVER_NAME}"; allows ${addAllow.length} of its tools without asking (Claude Code still asks before ${asked.join(', ')})`;
  return { path: SETTINGS_FILE, action: existing === undefined ? 'create' : 'update', summary, content };
}
