/**
 * A scripted fake of the Anthropic Messages API on 127.0.0.1 for driving a
 * real Claude Code (point ANTHROPIC_BASE_URL at `url`).
 *
 * What Claude Code 2.1.328 was seen to send (recorded with a logging server):
 *
 * - With CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1: nothing at start-up, then
 *   exactly ONE `POST /v1/messages?beta=true` per model turn (a tool call and
 *   its result make two). No title, quota, haiku or count_tokens requests.
 * - Without that variable it also sends `HEAD /api/hello` at start-up and,
 *   on the first prompt, a title request: same model (claude-opus-5-5),
 *   `tools: []`, `output_config.format` = a json_schema `{title: string}`.
 * - Main turns: `tools` holds ~13 tools (Agent, Bash, Edit, Read, ...),
 *   `system` starts with a billing header then "You are Claude Code, ...",
 *   `stream: true`, `thinking: {type: "adaptive"}`, max_tokens 128000.
 *   `messages` interleaves `role: "system"` environment messages.
 * - `/compact <goal>`: a request indistinguishable by model, tools or system
 *   from a main turn. Its LAST user message ends with a text block that
 *   starts "CRITICAL: Respond with TEXT ONLY. Do NOT call any tools." and
 *   contains "Your task is to create a detailed summary of the conversation
 *   so far", then "Additional Instructions:\n<goal>". That is how
 *   {@link isSummaryRequest} recognises it. It DOES take the next scripted
 *   reply (so a test can make the summary slow); when the queue is empty it
 *   gets a short `<analysis>/<summary>` text.
 * - Retries: with CLAUDE_CODE_MAX_RETRIES=N a failing turn is sent N+1 times
 *   (header x-stainless-retry-count stays "0": Claude Code retries itself).
 *   Each attempt takes one scripted reply (or use `times` on an error reply).
 *
 * Isolating the text the user typed (byte-exact): a user message's `content`
 * is either a string or an array of blocks (the same prompt was seen as
 * `[{type:'text'}]` in one request and as a plain string in the next). The
 * typed prompt is always its own text block, unmodified, and the LAST text
 * block of its message. Claude Code adds other text blocks before it
 * (system reminders, "[Request interrupted by user for tool use]", the
 * <local-command-*>/<command-*> record of a previous slash command),
 * `tool_result` blocks, and whole synthetic user messages (the /compact
 * instruction, the post-compact summary). {@link typedTexts} drops those by
 * pattern and keeps the rest verbatim; `lastUserText` is the last one of the
 * last user message. Note `messages` also holds `role: "system"` entries, so
 * "the last message" is often not a user message.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  | { kind: 'text'; text: string; /** before each delta */ delayMs?: number; chunks?: number; /** the reply's token usage (default 100 input tokens) */ usage?: Partial<Usage> }
  /** A tool call: `Bash` with `{command, description}`, or any tool Claude offers (e.g. `mcp__orch-tui__list_workers`). */
  | { kind: 'tool'; tool: string; input: Record<string, unknown> }
  | { kind: 'error'; status: number; message: string; /** answer this many attempts (default 1) */ times?: number }
  | { kind: 'hang' };

/** A reply's `usage`, as the Messages API reports it in `message_start`. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type RequestKind = 'main' | 'summary' | 'side' | 'other';

export interface RecordedRequest {
  method: string;
  /** e.g. `/v1/messages?beta=true` */
  path: string;
  /** Parsed JSON body (undefined when there was none). */
  body: any;
  /** Every typed text of every user message, in order (synthetic blocks dropped). */
  userTexts: string[];
  /** The last typed text of the last user message, if it has any (not for summary requests). */
  lastUserText: string | undefined;
  receivedAt: number;
  /** A /compact summarising request. */
  isSummary: boolean;
  /** main: a conversation turn; summary: /compact; side: a tool-less messages call; other: not /v1/messages. */
  kind: RequestKind;
  /** What it was answered with (`default` when the queue was empty). */
  reply: ScriptedReply['kind'] | 'default' | 'side' | 'none';
}

export interface FakeAnthropic {
  url: string;
  /** Every request received, side requests included (see `kind`). */
  requests: RecordedRequest[];
  /** Replies for the next main/summary requests, FIFO; empty queue answers "OK.". */
  enqueue(...replies: ScriptedReply[]): void;
  /** The typed text of the last user message of the last main (non-summary) request. */
  lastUserText(): string | undefined;
  /** Resolves with the first request, already received or future, matching `pred`. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest>;
  /** Ends every hanging reply, with `text` or the default text. */
  releaseHangs(text?: string): void;
  /**
   * Decides the reply to each main/summary request before the queue does
   * (undefined: use the queue), for tests where several Claude Codes share
   * this server and each needs its own script.
   */
  setResponder(responder: ((r: RecordedRequest) => ScriptedReply | undefined) | undefined): void;
  close(): Promise<void>;
}

const SUMMARY_MARKERS = [
  'CRITICAL: Respond with TEXT ONLY. Do NOT call any tools.',
  'Your task is to create a detailed summary of the conversation so far',
];

/**
 * Text blocks Claude Code adds to a user message around what was typed, and
 * user messages it makes up itself. Seen in 2.1.328: system reminders (git
 * attribution, first message), "[Request interrupted by user for tool use]\n"
 * after a refused permission, the <local-command-*> / <command-*> blocks a
 * slash command leaves behind (next message), the post-compact summary
 * message, and the /compact instruction itself.
 */
const SYNTHETIC_TEXT = [
  /^<system-reminder>[\s\S]*<\/system-reminder>\s*$/,
  /^\[Request interrupted by user[^\]]*\]\s*$/,
  /^<local-command-(caveat|stdout|stderr)>/,
  /^<command-(name|message|args)>/,
  /^<bash-(input|stdout|stderr)>/,
  /^This session is being continued from a previous conversation/,
];

function isSummaryInstruction(text: string): boolean {
  return SUMMARY_MARKERS.some((m) => text.includes(m));
}

function isSyntheticText(text: string): boolean {
  return isSummaryInstruction(text) || SYNTHETIC_TEXT.some((re) => re.test(text));
}

/**
 * The typed text(s) of one user message, byte-exact, in order (see the file
 * comment); [] for tool results, synthetic messages and non-user messages.
 */
export function typedTexts(message: any): string[] {
  if (message?.role !== 'user') return [];
  const blocks: unknown[] = typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : Array.isArray(message.content) ? message.content : [];
  return blocks
    .filter((b: any): b is { type: 'text'; text: string } => b?.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text)
    .filter((t) => !isSyntheticText(t));
}

function lastUserMessage(body: any): any {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  return messages.filter((m) => m?.role === 'user').at(-1);
}

/** True for the request `/compact` sends (see the file comment). */
export function isSummaryRequest(body: any): boolean {
  const last = lastUserMessage(body);
  if (!last) return false;
  const blocks: any[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content ?? [];
  return blocks.some((b) => b?.type === 'text' && typeof b.text === 'string' && isSummaryInstruction(b.text));
}

function classify(method: string, path: string, body: any): RequestKind {
  if (method !== 'POST' || !path.startsWith('/v1/messages') || path.startsWith('/v1/messages/')) return 'other';
  if (!Array.isArray(body?.tools) || body.tools.length === 0) return 'side';
  return isSummaryRequest(body) ? 'summary' : 'main';
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** A value satisfying a (simple) JSON schema, for side requests asking for structured output. */
function sampleFor(schema: any): unknown {
  switch (schema?.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? Object.keys(schema.properties ?? {})) {
        out[key] = sampleFor(schema.properties?.[key]);
      }
      return out;
    }
    case 'array': return [];
    case 'number': case 'integer': return 0;
    case 'boolean': return false;
    default: return 'Fake session';
  }
}

function splitText(text: string, chunks: number): string[] {
  const chars = Array.from(text);
  const n = Math.max(1, Math.min(chunks, chars.length || 1));
  const size = Math.ceil(chars.length / n);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(chars.slice(i * size, (i + 1) * size).join(''));
  return parts.filter((p, i) => p !== '' || i === 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  const hanging = new Set<(text?: string) => void>();
  const waiters = new Set<(r: RecordedRequest) => void>();
  let messageCounter = 0;
  let responder: ((r: RecordedRequest) => ScriptedReply | undefined) | undefined;

  /** Writes a whole streamed message; stops quietly if the client went away. */
  async function stream(res: http.ServerResponse, model: string, reply: ScriptedReply | { kind: 'default' }, summary: boolean) {
    const id = ++messageCounter;
    const alive = () => !res.destroyed && !res.writableEnded;
    const event = (type: string, data: object) => {
      if (alive()) res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_fake_${id}` });
    event('message_start', {
      message: {
        id: `msg_fake_${id}`, type: 'message', role: 'assistant', model, content: [],
        stop_reason: null, stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...(reply.kind === 'text' ? reply.usage : {}) },
      },
    });
    let stopReason = 'end_turn';
    if (reply.kind === 'tool') {
      const json = JSON.stringify(reply.input);
      const half = Math.floor(json.length / 2);
      event('content_block_start', { index: 0, content_block: { type: 'tool_use', id: `toolu_fake_${id}`, name: reply.tool, input: {} } });
      event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(0, half) } });
      event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(half) } });
      event('content_block_stop', { index: 0 });
      stopReason = 'tool_use';
    } else {
      const text = reply.kind === 'text' ? reply.text
        : summary ? '<analysis>Fake analysis.</analysis>\n<summary>Fake summary of the conversation.</summary>'
        : 'OK.';
      const parts = reply.kind === 'text' ? splitText(text, reply.chunks ?? 1) : [text];
      const delayMs = reply.kind === 'text' ? reply.delayMs ?? 0 : 0;
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      for (const part of parts) {
        if (delayMs > 0) await sleep(delayMs);
        if (!alive()) return;
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: part } });
      }
      event('content_block_stop', { index: 0 });
    }
    event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 10 } });
    event('message_stop', {});
    if (alive()) res.end();
  }

  function nextReply(): ScriptedReply | undefined {
    const head = queue[0];
    if (head?.kind === 'error' && (head.times ?? 1) > 1) {
      queue[0] = { ...head, times: (head.times ?? 1) - 1 };
      return head;
    }
    return queue.shift();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    let body: any;
    try { body = raw ? JSON.parse(raw) : undefined; } catch { body = raw; }
    const kind = classify(method, path, body);
    const userTexts: string[] = Array.isArray(body?.messages) ? body.messages.flatMap(typedTexts) : [];
    const record: RecordedRequest = {
      method, path, body, userTexts,
      lastUserText: typedTexts(lastUserMessage(body)).at(-1),
      receivedAt: Date.now(),
      isSummary: kind === 'summary',
      kind,
      reply: 'none',
    };

    if (kind === 'other') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(path.includes('count_tokens') ? JSON.stringify({ input_tokens: 100 }) : '{}');
    } else if (kind === 'side') {
      record.reply = 'side';
      const schema = body?.output_config?.format?.schema;
      const text = schema ? JSON.stringify(sampleFor(schema)) : 'OK.';
      void stream(res, body?.model ?? 'claude-fake', { kind: 'text', text }, false);
    } else {
      const reply = responder?.(record) ?? nextReply();
      record.reply = reply?.kind ?? 'default';
      if (reply?.kind === 'error') {
        res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': 'req_fake_error' });
        res.end(JSON.stringify({
          type: 'error',
          error: { type: ERROR_TYPES[reply.status] ?? 'api_error', message: reply.message },
        }));
      } else if (reply?.kind === 'hang') {
        const release = (text?: string) => {
          hanging.delete(release);
          const answer = text === undefined ? { kind: 'default' as const } : { kind: 'text' as const, text };
          void stream(res, body?.model ?? 'claude-fake', answer, kind === 'summary');
        };
        hanging.add(release);
        res.on('close', () => hanging.delete(release));
      } else {
        void stream(res, body?.model ?? 'claude-fake', reply ?? { kind: 'default' }, kind === 'summary');
      }
    }
    requests.push(record);
    for (const waiter of [...waiters]) waiter(record);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => { queue.push(...replies); },
    lastUserText: () => requests.filter((r) => r.kind === 'main').at(-1)?.lastUserText,
    waitForRequest: (pred, timeoutMs) => {
      const found = requests.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake Anthropic: no matching request within ${timeoutMs} ms (${requests.length} received)`));
        }, timeoutMs);
        const waiter = (r: RecordedRequest) => {
          if (!pred(r)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(r);
        };
        waiters.add(waiter);
      });
    },
    releaseHangs: (text?: string) => { for (const release of [...hanging]) release(text); },
    setResponder: (next) => { responder = next; },
    close: () => new Promise<void>((resolve) => {
      hanging.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
