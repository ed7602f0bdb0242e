import { tmuxWidth } from './tmuxWidths.js';

/** The parts of an xterm.js buffer line (unexported) this reads and writes. */
interface LineShape {
  getWidth(x: number): number;
  hasContent(x: number): boolean;
  setCellFromCodepoint(x: number, codePoint: number, width: number, attrs: unknown): void;
}

/** The parts of xterm.js's input handler a print is followed through. */
export interface PrintingHandler {
  _activeBuffer: { x: number; y: number; ybase: number; scrollBottom: number; lines: { get(index: number): LineShape | undefined } };
  _bufferService: { cols: number; rows: number };
  _curAttrData: { clone(): { fg: number; bg: number } };
  _coreService: { decPrivateModes: { wraparound: boolean } };
}

type Print = (data: Uint32Array, start: number, end: number) => void;

/**
 * A print that cuts a wide character in two (starting on its right half,
 * or ending just before it) leaves the other half a blank cell: tmux
 * (screen_write_overwrite) blanks it in the default colours, xterm.js in
 * the pen's. Wraps xterm.js's print: the cells a print will cut are found
 * before it (where it starts, and where its last character leaves the
 * cursor), and after it, those xterm.js blanked get the default colours.
 */
export function blankCutHalvesPlainly(ih: PrintingHandler, print: Print): Print {
  return (data, start, end) => {
    const cut = end > start ? halvesToCut(ih, data, start, end) : [];
    print(data, start, end);
    if (cut.length === 0) return;
    const plain = ih._curAttrData.clone();
    plain.fg = 0;
    plain.bg = 0;
    for (const { line, x } of cut) if (line.getWidth(x) === 1 && !line.hasContent(x)) line.setCellFromCodepoint(x, 0, 1, plain);
  };
}

function halvesToCut(ih: PrintingHandler, data: Uint32Array, start: number, end: number): { line: LineShape; x: number }[] {
  const buffer = ih._activeBuffer;
  const cols = ih._bufferService.cols;
  const cut: { line: LineShape; x: number }[] = [];
  const here = buffer.lines.get(buffer.ybase + buffer.y);
  // Starting on the right half of a wide character: its left half.
  if (here && buffer.x > 0 && buffer.x < cols && here.getWidth(buffer.x - 1) === 2) cut.push({ line: here, x: buffer.x - 1 });
  if (!ih._coreService.decPrivateModes.wraparound) return cut;
  // Where the last character leaves the cursor; a row scrolled in is blank, nothing to cut there.
  let x = buffer.x;
  let y = buffer.y;
  for (let i = start; i < end; i++) {
    const width = tmuxWidth(data[i]!);
    if (width === 0) continue;
    const cells = width < 0 ? 1 : width;
    if (x + cells > cols) {
      if (y === buffer.scrollBottom) return cut;
      y = Math.min(ih._bufferService.rows - 1, y + 1);
      x = 0;
    }
    x += cells;
  }
  const last = buffer.lines.get(buffer.ybase + y);
  if (last && x < cols && last.getWidth(x) === 0 && !last.hasContent(x)) cut.push({ line: last, x });
  return cut;
}
