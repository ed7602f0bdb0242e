import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * A tool's answer: the data as `structuredContent`, and for the model (which
 * reads `content`) a text: the given one, else the data as JSON.
 */
export function toolResult(data: Record<string, unknown>, text?: string): CallToolResult {
  return { content: [{ type: 'text', text: text ?? JSON.stringify(data, null, 2) }], structuredContent: data };
}

/** Thrown inside a tool: becomes a tool error whose text is this one sentence. */
export class ToolFailure extends Error {}

/**
 * While a long wait runs, tell a client that asked for progress (a
 * `progressToken`) how far it is, at most every `everyMs`, so clients that
 * reset their request timeout on progress keep waiting.
 */
export function progressReporter(extra: ToolExtra, totalMs: number, everyMs = 5000): (elapsedMs: number, message: string) => void {
  const token = extra._meta?.progressToken;
  let last = 0;
  return (elapsedMs, message) => {
    if (token === undefined || elapsedMs - last < everyMs) return;
    last = elapsedMs;
    void extra.sendNotification({
      method: 'notifications/progress',
      params: { progressToken: token, progress: Math.round(elapsedMs / 1000), total: Math.round(totalMs / 1000), message },
    }).catch(() => undefined);
  };
}
