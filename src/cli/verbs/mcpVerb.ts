import { parseArgs } from 'node:util';
import type { VerbContext } from '../verbContext.js';

/** `mcp [--allow-command NAME]...`: the MCP server on stdin/stdout, for an orchestrating agent (see `init`). */
export async function mcpVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { 'allow-command': { type: 'string', multiple: true } } });
  // Loaded here: the SDK is not worth its start-up time for every other verb.
  const { runMcpStdio } = await import('../../mcp/mcpServer.js');
  await runMcpStdio(ctx.global, { allowedCommands: values['allow-command'] ?? [] });
  return 0;
}
