/**
 * The dashboard's grid bodies, drawn outside React: the grid's panes
 * register their (blank) body boxes; the store's lines of those panes go
 * straight to the BodyCompositor, with the agent's chrome folded out (see
 * screenChrome.ts) and error lines in bold red; every write of Ink's is
 * followed (InkRowTracker) so the rows it rewrote are drawn again. New
 * output never asks React to render.
 */
import type { DOMElement } from 'ink';
import stripAnsi from 'strip-ansi';
import type { OrchStore } from '../store/orchStore.js';
import type { OrchState } from '../store/orchState.js';
import { contentLines } from '../state/screenChrome.js';
import { findErrorLines } from '../state/errorWatch.js';
import { BodyCompositor, type Placement } from './bodyCompositor.js';
import { InkRowTracker, type TouchedRows } from './inkRowTracker.js';
import { placementOf } from './bodyPlacement.js';

const ERROR_STYLE = '\u001b[1;31m';
const RESET = '\u001b[0m';

export class CompositedBodies {
  private readonly compositor: BodyCompositor;
  private readonly tracker: InkRowTracker;
  private readonly nodes = new Map<string, DOMElement>();
  /** The store's lines last handed to the compositor, per pane (by identity). */
  private readonly given = new Map<string, readonly string[]>();
  /** Unregistered since Ink's last frame: forgotten once that frame blanked them. */
  private readonly gone = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: OrchStore,
    write: (text: string) => void,
    rows: number,
  ) {
    this.compositor = new BodyCompositor(write);
    this.tracker = new InkRowTracker(rows);
    this.unsubscribe = store.subscribe((state) => this.update(state));
  }

  /** Rows the compositor wrote (for tests and the bench). */
  get rowsWritten(): number {
    return this.compositor.rowsWritten;
  }

  /** A grid pane's body box is on the page (drawn once Ink has laid it out and written its frame). */
  register(id: string, node: DOMElement): void {
    this.nodes.set(id, node);
    this.given.delete(id);
    this.update(this.store.getState());
    this.placeSoon();
  }

  unregister(id: string, node: DOMElement): void {
    if (this.nodes.get(id) !== node) return;
    this.nodes.delete(id);
    this.given.delete(id);
    this.gone.add(id);
  }

  /**
   * A box registers in React's commit, after Ink may already have written
   * the frame that holds it: place it once the commit is done. Drawing
   * before Ink's (throttled) frame is harmless: that frame changes the new
   * pane's rows, so Ink rewrites them and they are drawn again.
   */
  private placeSoon(): void {
    if (this.placing) return;
    this.placing = true;
    setImmediate(() => {
      this.placing = false;
      this.place(new Set());
    });
  }

  private placing = false;

  /** Ink wrote this to the terminal (already written): draw again what it overwrote. */
  inkWrote(text: string): void {
    this.place(this.tracker.feed(text));
  }

  private place(touched: TouchedRows): void {
    const placements = new Map<string, Placement>();
    for (const [id, node] of this.nodes) {
      const placement = placementOf(node);
      if (placement) placements.set(id, placement);
    }
    this.compositor.afterInkFrame(touched, placements);
    for (const id of this.gone) if (!this.nodes.has(id)) this.compositor.remove(id);
    this.gone.clear();
  }

  resize(rows: number): void {
    this.tracker.resize(rows);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private update(state: OrchState): void {
    for (const id of this.nodes.keys()) {
      const lines = state.output[id];
      if (!lines || this.given.get(id) === lines) continue;
      this.given.set(id, lines);
      this.compositor.setLines(id, gridBody(lines, state.workers[id]?.agent, state.errorPatterns));
    }
  }
}

/** A pane's lines as its grid body shows them: the agent's chrome folded out, error lines in bold red. */
export function gridBody(lines: readonly string[], agent: OrchState['workers'][string]['agent'] | undefined, patterns: readonly RegExp[]): string[] {
  const plain = lines.map((line) => stripAnsi(line));
  const keep = contentLines(agent, plain);
  const kept = keep.map((i) => lines[i]!);
  const errors = new Set(findErrorLines(keep.map((i) => plain[i]!), patterns).lineIndexes);
  return kept.map((line, i) => (errors.has(i) ? `${ERROR_STYLE}${stripAnsi(line)}${RESET}` : line));
}

/**
 * The stream Ink writes to: the terminal, with every write of Ink's
 * reported to the bodies afterwards.
 */
export function inkStdout(out: NodeJS.WriteStream, bodies: CompositedBodies): NodeJS.WriteStream {
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const result = (out.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    bodies.inkWrote(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return result;
  };
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
