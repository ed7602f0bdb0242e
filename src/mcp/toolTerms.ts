import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ToolFailure } from './toolResult.js';

/**
 * The verbs and the tools share their errors, which name the verb a person
 * would run next ("see orch-tui ls"). An agent calls tools instead: in a
 * tool's error those pointers name the tool (list_workers), so the agent
 * does not reach for its shell to run orch-tui. Pointers to what only the
 * user can do (orch-tui adopt, init --allow-command, task retry) stay.
 */
const VERB_TO_TOOL: ReadonlyArray<readonly [RegExp, string]> = [
  [/\(see orch-tui ls\)/g, '(see list_workers)'],
  [/\(see orch-tui task ls\)/g, '(see list_tasks)'],
  [/\(see orch-tui note ls\)/g, '(see read_notes)'],
  [/create it first \(orch-tui new [^)]*\)/g, 'create it first with create_worker'],
];

export function inToolTerms(sentence: string): string {
  return VERB_TO_TOOL.reduce((text, [verb, tool]) => text.replace(verb, tool), sentence);
}

type Handler = (...args: never[]) => unknown;

/** Every tool registered on `mcp` from now on fails in tool terms. */
export function failInToolTerms(mcp: McpServer): void {
  const register = mcp.registerTool.bind(mcp) as (name: string, config: unknown, handler: Handler) => unknown;
  const wrapped = (name: string, config: unknown, handler: Handler) =>
    register(name, config, async (...args: never[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const said = inToolTerms(message);
        if (said === message) throw error;
        throw new ToolFailure(said);
      }
    });
  mcp.registerTool = wrapped as unknown as McpServer['registerTool'];
}
