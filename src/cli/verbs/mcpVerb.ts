import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb } from '../verbSpec.js';

export const mcpSpec = defineVerb({
  name: 'mcp',
  summary: "an MCP server on stdio: orch-tui's verbs as tools for an orchestrating agent",
  forms: [],
  options: {
    'allow-command': {
      type: 'string', value: 'NAME', multiple: true,
      help: 'let the agent start and type into the program NAME with any arguments (repeatable; init writes these)',
    },
  },
  examples: ['orch-tui -L work mcp --allow-command make'],
  notes: ['`orch-tui init` registers it for Claude Code in a project; you rarely start it by hand.'],
});

/** `mcp [--allow-command NAME]...`: the MCP server on stdin/stdout, for an orchestrating agent (see `init`). */
export async function mcpVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseVerb(mcpSpec, args);
  // Loaded here: the SDK is not worth its start-up time for every other verb.
  const { runMcpStdio } = await import('../../mcp/mcpServer.js');
  await runMcpStdio(ctx.global, { allowedCommands: values['allow-command'] ?? [] });
  return 0;
}
