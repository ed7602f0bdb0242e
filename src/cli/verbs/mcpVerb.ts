import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb } from '../verbSpec.js';

export const mcpSpec = defineVerb({
  name: 'mcp',
  summary: "an MCP server on stdio: orch-tui's verbs as tools for an orchestrating agent",
  forms: [],
  options: {},
  examples: ['orch-tui -L work mcp'],
  notes: ['`orch-tui init` registers it for Claude Code in a project; you rarely start it by hand.'],
});

/** `mcp`: the MCP server on stdin/stdout, for an orchestrating agent (see `init`). */
export async function mcpVerb(ctx: VerbContext, args: string[]): Promise<number> {
  parseVerb(mcpSpec, args);
  // Loaded here: the SDK is not worth its start-up time for every other verb.
  const { runMcpStdio } = await import('../../mcp/mcpServer.js');
  await runMcpStdio(ctx.global);
  return 0;
}
