/**
 * What a line from a control-mode client with output on means to the feed.
 * Only the pane id of `%output` matters (the data is the raw terminal
 * stream, not the screen; the screen is read with capture-pane), so a line
 * is classified by its first words without decoding the data.
 */
export type ControlEvent =
  | { kind: 'output'; paneId: string }
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

/**
 * Classify one line that is not inside a `%begin` … `%end` reply block.
 * Returns undefined for lines the feed does not care about.
 */
export function parseControlLine(line: string): ControlEvent | undefined {
  if (line.startsWith('%output ')) {
    const paneId = paneIdAt(line, 8);
    return paneId ? { kind: 'output', paneId } : undefined;
  }
  if (line.startsWith('%extended-output ')) {
    const paneId = paneIdAt(line, 17);
    return paneId ? { kind: 'output', paneId } : undefined;
  }
  if (line.startsWith('%pause ')) {
    const paneId = paneIdAt(line, 7);
    return paneId ? { kind: 'pause', paneId } : undefined;
  }
  if (line.startsWith('%exit')) return { kind: 'exit', reason: line.slice(5).trim() };
  const space = line.indexOf(' ');
  const name = space < 0 ? line : line.slice(0, space);
  return TOPOLOGY.has(name) ? { kind: 'topology', name, args: space < 0 ? '' : line.slice(space + 1) } : undefined;
}

/**
 * Splits a control client's stdout into lines and tracks reply blocks, so
 * pane text inside a reply (which may itself start with `%output`) is never
 * read as a notification. Bytes are read as latin1: only ASCII prefixes are
 * inspected, and latin1 decoding never fails on a split UTF-8 character.
 */
export class ControlLineReader {
  private partial = '';
  private inBlock: string | undefined;

  constructor(private readonly onEvent: (event: ControlEvent) => void) {}

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
    if (this.inBlock !== undefined) {
      const end = /^%(?:end|error) \d+ (\d+) \d+$/.exec(line);
      if (end && end[1] === this.inBlock) this.inBlock = undefined;
      return;
    }
    const begin = /^%begin \d+ (\d+) \d+$/.exec(line);
    if (begin) {
      this.inBlock = begin[1];
      return;
    }
    const event = parseControlLine(line);
    if (event) this.onEvent(event);
  }
}
