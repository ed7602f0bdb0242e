import { parseArgs } from 'node:util';
import type { VerbContext } from '../verbContext.js';

/** `mcp`: the MCP server on stdin/stdout, for an orchestrating agent (see `init`). */
export async function mcpVerb(ctx: VerbContext, args: string[]): Promise<number> {
  parseArgs({ args, strict: true, options: {} });
  // Loaded here: the SDK is not worth its start-up time for every other verb.
  const { runMcpStdio } = await import('../../mcp/mcpServer.js');
  await runMcpStdio(ctx.global);
  return 0;
}
