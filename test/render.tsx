/**
 * Render an Ink tree into a fake terminal of a fixed size, so a layout test
 * gives the same frame on every machine. ink-testing-library fixes columns
 * at 100 and has no rows; this helper fixes both and can resize.
 */
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render as inkRender, type Instance } from 'ink';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { vi } from 'vitest';

/** A TTY-like stdout that records every frame Ink writes. */
class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  // Ink asks these of a real stream; harmless no-ops here.
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  getColorDepth(): number {
    return 8;
  }
  hasColors(): boolean {
    return true;
  }
}

class FakeStderr extends EventEmitter {
  readonly frames: string[] = [];
  write = (text: string): boolean => {
    this.frames.push(text);
    return true;
  };
}

/** A raw-mode TTY stdin: `write` queues bytes and tells Ink they are readable. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private queue: string[] = [];
  write = (bytes: string): void => {
    this.queue.push(bytes);
    this.emit('readable');
    this.emit('data', bytes);
  };
  read = (): string | null => this.queue.shift() ?? null;
  setEncoding(): this {
    return this;
  }
  setRawMode(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

export interface RenderOptions {
  columns?: number;
  rows?: number;
}

export interface RenderResult {
  /** The latest full frame Ink wrote (ANSI colours included). */
  lastFrame(): string;
  /** Every frame, oldest first. */
  readonly frames: string[];
  /** Text Ink or React wrote to stderr. */
  readonly stderr: string[];
  stdin: { write(bytes: string): void };
  /** Change the terminal size and emit `resize`, as a terminal would. */
  resize(columns: number, rows: number): void;
  rerender(tree: ReactElement): void;
  unmount(): void;
  readonly size: { columns: number; rows: number };
}

const mounted = new Set<Instance>();

/** Render `tree` in a `columns`x`rows` terminal (120x30 unless told). */
export function render(tree: ReactElement, { columns = 120, rows = 30 }: RenderOptions = {}): RenderResult {
  const stdout = new FakeStdout(columns, rows);
  const stderr = new FakeStderr();
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    // Debug mode writes each whole frame, unthrottled: one write is one frame.
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  mounted.add(instance);
  let unmounted = false;
  return {
    lastFrame: () => stdout.frames[stdout.frames.length - 1] ?? '',
    frames: stdout.frames,
    stderr: stderr.frames,
    stdin: { write: (bytes) => stdin.write(bytes) },
    resize(nextColumns, nextRows) {
      stdout.columns = nextColumns;
      stdout.rows = nextRows;
      stdout.emit('resize');
    },
    rerender: (next) => instance.rerender(next),
    unmount() {
      if (unmounted) return;
      unmounted = true;
      mounted.delete(instance);
      instance.unmount();
      instance.cleanup();
    },
    get size() {
      return { columns: stdout.columns, rows: stdout.rows };
    },
  };
}

/** Unmount everything `render` mounted (for `afterEach`). */
export function cleanup(): void {
  for (const instance of mounted) {
    instance.unmount();
    instance.cleanup();
  }
  mounted.clear();
}

/**
 * Retry `fn` until it stops throwing (put an `expect` inside), or fail
 * with its last error after `timeoutMs`. Returns what `fn` returned.
 * Never pass a function that returns a boolean: `false` counts as success.
 */
export function waitFor<T>(fn: () => T | Promise<T>, { timeoutMs = 3000, intervalMs = 10 } = {}): Promise<T> {
  return vi.waitFor(fn, { timeout: timeoutMs, interval: intervalMs });
}

/** Keys as the bytes a terminal sends. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  tab: '\t',
  shiftTab: '\u001B[Z',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
} as const;

/** A frame's lines without colours. */
export function plainLines(frame: string): string[] {
  return stripAnsi(frame).split('\n');
}

/** The widest line of a frame, in terminal cells. */
export function frameWidth(frame: string): number {
  return Math.max(0, ...plainLines(frame).map((line) => stringWidth(line)));
}
