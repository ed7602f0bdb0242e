import xterm from '@xterm/headless';
import { captureKeys } from './captureRows.js';
import { mirrorKeys } from './mirrorRows.js';
import { rowKeyText } from './rowKey.js';
import { seedText, type PaneModes, type PaneSeed } from './seedText.js';
import { dropUnprintable, registerTmuxWidths } from './tmuxWidths.js';
import { adoptTmuxSemantics, type TmuxSemantics } from './tmuxSemantics.js';

const { Terminal } = xterm;
type Terminal = InstanceType<typeof Terminal>;

/** Lines kept above a mirror's screen: enough for a grid body; the zoom view reads deep history from tmux. */
export const MIRROR_SCROLLBACK = 100;

/** Where a mirror and tmux first differ, for the log and the tests. */
export interface MirrorDifference {
  what: 'size' | 'cursor' | 'screen' | 'alternate';
  row?: number;
  mirror: string;
  tmux: string;
}

/**
 * One pane's screen, rebuilt from the bytes the pane printed: a headless
 * xterm.js terminal of the pane's size, with tmux's character widths.
 * Writes are queued in order (xterm parses them a little later, in
 * batches); a seed goes into the same queue, so output that arrives after
 * a capture is applied after the screen that capture showed.
 */
export class PaneMirror {
  readonly terminal: Terminal;

  constructor(width: number, height: number, scrollback = MIRROR_SCROLLBACK) {
    this.terminal = new Terminal({
      cols: Math.max(1, width),
      rows: Math.max(1, height),
      scrollback,
      allowProposedApi: true,
      // tmux's scroll-on-clear (on by default): a full clear scrolls the screen into history.
      scrollOnEraseInDisplay: true,
      logLevel: 'off',
    });
    registerTmuxWidths(this.terminal);
    this.semantics = adoptTmuxSemantics(this.terminal);
  }

  /** tmux's reading of the sequences it and xterm.js differ on (see tmuxSemantics.ts); undefined if this xterm.js cannot take it. */
  private readonly semantics: TmuxSemantics | undefined;

  get tmuxSemantics(): boolean {
    return this.semantics !== undefined;
  }

  /** xterm.js threw while parsing: what it shows may be wrong until the next seed. */
  get needsSeed(): boolean {
    return this.semantics?.broken === true;
  }

  get width(): number {
    return this.terminal.cols;
  }

  get height(): number {
    return this.terminal.rows;
  }

  /** Apply the pane's output (decoded text); `parsed` runs once it is on the mirror's screen. */
  write(text: string, parsed?: () => void): void {
    this.terminal.write(dropUnprintable(text), parsed);
  }

  /** Rebuild the screen from a capture, after whatever was written before (resized first if needed). */
  seed(seed: PaneSeed, parsed?: () => void): void {
    const { width, height } = seed.modes;
    this.terminal.write('', () => {
      if (width !== this.terminal.cols || height !== this.terminal.rows) this.terminal.resize(Math.max(1, width), Math.max(1, height));
      if (this.semantics) {
        this.semantics.seeding = true;
        this.semantics.broken = false;
      }
    });
    this.terminal.write(seedText(seed), () => {
      if (this.semantics) this.semantics.seeding = false;
      parsed?.();
    });
  }

  /** Run `fn` once everything written so far is parsed. */
  afterWrites(fn: () => void): void {
    this.terminal.write('', fn);
  }

  /**
   * Compare with tmux's own view of the pane (call it once the writes up to
   * the capture are parsed, see afterWrites): its size, cursor and screen.
   */
  differenceFrom(modes: PaneModes, screenCapture: readonly string[]): MirrorDifference | undefined {
    const t = this.terminal;
    if (modes.width !== t.cols || modes.height !== t.rows) {
      return { what: 'size', mirror: `${t.cols}x${t.rows}`, tmux: `${modes.width}x${modes.height}` };
    }
    const buffer = t.buffer.active;
    if (modes.alternateOn !== (buffer.type === 'alternate')) {
      return { what: 'alternate', mirror: buffer.type, tmux: modes.alternateOn ? 'alternate' : 'normal' };
    }
    const cursorX = buffer.cursorX;
    if (cursorX !== modes.cursorX || buffer.cursorY !== modes.cursorY) {
      return { what: 'cursor', mirror: `${cursorX},${buffer.cursorY}`, tmux: `${modes.cursorX},${modes.cursorY}` };
    }
    // Parsed whole: a style tmux wrote on a history line carries over onto the screen's rows.
    const theirs = captureKeys(screenCapture).slice(-modes.height);
    const ours = mirrorKeys(t);
    for (let y = 0; y < modes.height; y++) {
      if ((theirs[y] ?? '') !== ours[y]) {
        return { what: 'screen', row: y, mirror: ours[y]!, tmux: theirs[y] ?? '' };
      }
    }
    return undefined;
  }

  dispose(): void {
    this.terminal.dispose();
  }
}

/** A difference as one line for a log: the row's text on both sides. */
export function describeDifference(d: MirrorDifference): string {
  const show = (key: string) => JSON.stringify(d.what === 'screen' ? rowKeyText(key) : key);
  return `${d.what}${d.row === undefined ? '' : ` row ${d.row}`}: mirror ${show(d.mirror)}, tmux ${show(d.tmux)}`;
}
