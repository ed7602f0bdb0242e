/**
 * What a line from a control-mode client with output on means to the feed.
 * A line is classified by its first words; the data of `%output` is handed
 * on as it came (octal escapes, bytes as latin1 characters: see
 * outputData.ts) for the pane's mirror to decode.
 */
export type ControlEvent =
  | { kind: 'output'; paneId: string; data: string }
  | { kind: 'pause'; paneId: string }
  | { kind: 'topology'; name: string; args: string }
  | { kind: 'exit'; reason: string };

/** Notifications after which the list of panes may differ. */
const TOPOLOGY = new Set([
  '%sessions-changed',
  '%session-changed',
  '%session-renamed',
  '%session-window-changed',
  '%window-add',
  '%window-close',
  '%window-renamed',
  '%window-pane-changed',
  '%unlinked-window-add',
  '%unlinked-window-close',
  '%unlinked-window-renamed',
  '%layout-change',
  '%pane-mode-changed',
]);

/** The pane id (`%12`) that starts at `from`, or undefined. */
function paneIdAt(line: string, from: number): string | undefined {
  const end = line.indexOf(' ', from);
  const id = end < 0 ? line.slice(from) : line.slice(from, end);
  return /^%\d+$/.test(id) ? id : undefined;
}

/** `%output %1 DATA`, or `%extended-output %1 AGE ... : DATA`: the pane and its data. */
function outputEvent(line: string, from: number, extended: boolean): ControlEvent | undefined {
  const paneId = paneIdAt(line, from);
  if (!paneId) return undefined;
  const after = from + paneId.length + 1;
  if (!extended) return { kind: 'output', paneId, data: line.slice(after) };
  const colon = line.indexOf(' : ', after - 1);
  return { kind: 'output', paneId, data: colon < 0 ? '' : line.slice(colon + 3) };
}

/**
 * Classify one line that is not inside a `%begin` … `%end` reply block.
 * Returns undefined for lines the feed does not care about.
 */
export function parseControlLine(line: string): ControlEvent | undefined {
  if (line.startsWith('%output ')) return outputEvent(line, 8, false);
  if (line.startsWith('%extended-output ')) return outputEvent(line, 17, true);
  if (line.startsWith('%pause ')) {
    const paneId = paneIdAt(line, 7);
    return paneId ? { kind: 'pause', paneId } : undefined;
  }
  if (line.startsWith('%exit')) return { kind: 'exit', reason: line.slice(5).trim() };
  const space = line.indexOf(' ');
  const name = space < 0 ? line : line.slice(0, space);
  return TOPOLOGY.has(name) ? { kind: 'topology', name, args: space < 0 ? '' : line.slice(space + 1) } : undefined;
}

/** A reply block to a command this client sent: its lines (UTF-8 decoded) and whether it ended in `%error`. */
export interface ControlReply {
  ok: boolean;
  lines: string[];
}

/**
 * Splits a control client's stdout into lines and tracks reply blocks, so
 * pane text inside a reply (which may itself start with `%output`) is never
 * read as a notification. Bytes are read as latin1: only ASCII prefixes are
 * inspected, latin1 decoding never fails on a split UTF-8 character, and
 * `%output` data stays byte for byte. Replies to this client's own
 * commands (flag 1; the attach's own block has 0) go to `onReply`, in order.
 */
export class ControlLineReader {
  private partial = '';
  private inBlock: { number: string; solicited: boolean; lines: string[] } | undefined;

  constructor(
    private readonly onEvent: (event: ControlEvent) => void,
    private readonly onReply?: (reply: ControlReply) => void,
  ) {}

  push(chunk: Buffer): void {
    const text = this.partial + chunk.toString('latin1');
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.partial = text.slice(start);
  }

  private line(line: string): void {
    const block = this.inBlock;
    if (block !== undefined) {
      const end = line.startsWith('%end ') || line.startsWith('%error ') ? /^%(end|error) \d+ (\d+) \d+$/.exec(line) : null;
      if (end && end[2] === block.number) {
        this.inBlock = undefined;
        if (block.solicited && this.onReply) {
          const lines = block.lines.map((l) => Buffer.from(l, 'latin1').toString('utf8'));
          this.onReply({ ok: end[1] === 'end', lines });
        }
      } else if (block.solicited && this.onReply) block.lines.push(line);
      return;
    }
    const begin = line.startsWith('%begin ') ? /^%begin \d+ (\d+) (\d+)$/.exec(line) : null;
    if (begin) {
      this.inBlock = { number: begin[1]!, solicited: (Number(begin[2]) & 1) === 1, lines: [] };
      return;
    }
    const event = parseControlLine(line);
    if (event) this.onEvent(event);
  }
}
