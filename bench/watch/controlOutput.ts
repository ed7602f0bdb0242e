/**
 * Reading what a terminal program wrote from a tmux control client
 * (`tmux -C attach`): `%output %<pane> <data>` lines, where bytes below 0x20
 * and `\` arrive as `\ooo` and everything else raw (a multi-byte character
 * may be split across two lines). Pure functions, unit-tested.
 */
import { StringDecoder } from 'node:string_decoder';

const BACKSLASH = 0x5c;
const PREFIX = Buffer.from('%output %');

/** Undoes tmux's `\ooo` escaping; every other byte is kept as is. */
export function decodeOctalEscapes(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === BACKSLASH && isOctal(data[i + 1]) && isOctal(data[i + 2]) && isOctal(data[i + 3])) {
      out[n++] = ((data[i + 1]! - 48) << 6) | ((data[i + 2]! - 48) << 3) | (data[i + 3]! - 48);
      i += 3;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

function isOctal(b: number | undefined): boolean {
  return b !== undefined && b >= 48 && b <= 55;
}

/** `%output %12 data` → pane `%12` and the decoded bytes; undefined for any other line. */
export function parseOutputLine(line: Buffer): { paneId: string; data: Buffer } | undefined {
  if (line.length < PREFIX.length || !line.subarray(0, PREFIX.length).equals(PREFIX)) return undefined;
  const space = line.indexOf(0x20, PREFIX.length);
  if (space < 0) return undefined;
  return {
    paneId: line.subarray(PREFIX.length - 1, space).toString('latin1'),
    data: decodeOctalEscapes(line.subarray(space + 1)),
  };
}

/** Splits a byte stream into lines (without the `\n`), carrying a partial line over. */
export class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const lines: Buffer[] = [];
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
      lines.push(data.subarray(start, nl));
      start = nl + 1;
    }
    this.carry = Buffer.from(data.subarray(start));
    return lines;
  }
}

/** One streaming UTF-8 decoder per pane, so a character split across two lines survives. */
export class PaneTextDecoder {
  private readonly decoders = new Map<string, StringDecoder>();

  write(paneId: string, data: Buffer): string {
    let decoder = this.decoders.get(paneId);
    if (!decoder) {
      decoder = new StringDecoder('utf8');
      this.decoders.set(paneId, decoder);
    }
    return decoder.write(data);
  }
}

// CSI, OSC (ended by BEL or ST), and the two-byte escapes terminals use.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[=>78DEHMc]/g;

/** Text without terminal escape sequences (complete ones; a cut-off one stays). */
export function stripEscapes(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Finds a pattern in a stream of text chunks, also when a match is split
 * across two chunks or has escape sequences inside it: each chunk is
 * searched together with the tail of what came before. A match that lay
 * wholly in the tail may be reported again; callers keep the first time.
 * Returns each match's first capture group when it has one, else the match.
 */
export class StreamScanner {
  private tail = '';

  constructor(
    private readonly pattern: RegExp,
    private readonly tailLength = 96,
  ) {
    if (!pattern.global) throw new Error('StreamScanner needs a global (g) pattern');
  }

  push(chunk: string): string[] {
    const text = this.tail + chunk;
    this.tail = text.slice(-this.tailLength);
    const found: string[] = [];
    this.pattern.lastIndex = 0;
    for (const match of stripEscapes(text).matchAll(this.pattern)) found.push(match[1] ?? match[0]);
    return found;
  }

  /** Forget what came before: only output from now on counts. */
  reset(): void {
    this.tail = '';
  }
}

/** The marker a load worker prints: `~w<worker>n<sequence>~`, short enough for any pane width. */
export function markerText(worker: number, sequence: number): string {
  return `~w${worker}n${sequence}~`;
}

/** Matches markers in text; the key is the marker without its `~`s. */
export const MARKER_PATTERN = /~(w\d+n\d+)~/g;

/** The keys (`w12n345`) of every marker in a text. */
export function markerKeys(text: string): string[] {
  return [...text.matchAll(MARKER_PATTERN)].map((m) => m[1]!);
}
