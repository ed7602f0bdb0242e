/**
 * An MCP client on `orch-tui -L <socket> mcp`, started as Claude Code would
 * start it (the built CLI over stdio), with a private state directory.
 */
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const CLI = path.resolve('dist/src/cli.js');

export interface OrchMcp {
  client: Client;
  /** Calls a tool; the result as the client got it (tool errors included). */
  call(name: string, args?: Record<string, unknown>, onprogress?: (p: { progress: number; message?: string }) => void): Promise<CallToolResult>;
  /** Calls a tool that must succeed; its structured content. */
  data<T = any>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Calls a tool that must fail; its one-sentence error text. */
  error(name: string, args?: Record<string, unknown>): Promise<string>;
  /** What the server wrote on stderr (its log). */
  stderr(): string;
  close(): Promise<void>;
}

export async function startOrchMcp(opts: {
  socket: string;
  stateHome: string;
  /** Global options, before the verb. */
  extraArgs?: string[];
  /** The verb's own options (`--allow-command NAME`). */
  mcpArgs?: string[];
  /** More environment: TMUX and TMUX_PANE make the server run "in" a pane. */
  env?: Record<string, string>;
}): Promise<OrchMcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, '-L', opts.socket, ...(opts.extraArgs ?? []), 'mcp', ...(opts.mcpArgs ?? [])],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: opts.stateHome, XDG_STATE_HOME: opts.stateHome, LANG: 'C.UTF-8',
      // Where the test server's socket is, as the harness has it.
      ...(process.env.TMUX_TMPDIR ? { TMUX_TMPDIR: process.env.TMUX_TMPDIR } : {}),
      ...opts.env,
    },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString('utf8'); });
  const client = new Client({ name: 'orch-tui-test', version: '0' });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}, onprogress?: (p: { progress: number; message?: string }) => void) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000, ...(onprogress ? { onprogress } : {}) })) as CallToolResult;
  const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  return {
    client,
    call,
    data: async (name, args) => {
      const r = await call(name, args);
      if (r.isError) throw new Error(`${name} failed: ${text(r)}`);
      return r.structuredContent as any;
    },
    error: async (name, args) => {
      const r = await call(name, args);
      if (!r.isError) throw new Error(`${name} was expected to fail but gave ${text(r)}`);
      return text(r);
    },
    stderr: () => log,
    close: () => client.close(),
  };
}

/** The real CLI as a person runs it (`orch-tui adopt`, ...), on the same server and state. */
export async function orchCli(opts: { socket: string; stateHome: string }, args: string[]) {
  const { execa } = await import('execa');
  return execa(process.execPath, [CLI, '-L', opts.socket, ...args], {
    reject: false,
    env: { XDG_STATE_HOME: opts.stateHome, ...(process.env.TMUX_TMPDIR ? { TMUX_TMPDIR: process.env.TMUX_TMPDIR } : {}) },
  });
}
