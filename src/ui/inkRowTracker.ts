/**
 * Which screen rows a write of Ink's changed. Ink's incremental renderer
 * moves its cursor relatively (up, next line, column 0), rewrites a row
 * whole (text, then erase to the end of the line) and erases rows it no
 * longer uses; a row it rewrote lost whatever the body compositor had
 * drawn there, so the compositor redraws exactly those rows. The cursor is
 * followed through the escapes Ink (and ansi-escapes) write; the
 * compositor's own writes save and restore the cursor, so they never move
 * it as far as this tracker is concerned.
 */
export type TouchedRows = Set<number> | 'all';

// eslint-disable-next-line no-control-regex
const CSI = /^\u001b\[([?>=!]?)([\d;]*)([ -/]*)([@-~])/;
// eslint-disable-next-line no-control-regex
const OSC = /^\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/;

export class InkRowTracker {
  /** Ink's cursor row (0-based); Ink starts drawing at the top left of the alternate screen. */
  private row = 0;

  constructor(private rows: number) {}

  resize(rows: number): void {
    this.rows = rows;
  }

  /** Follow one write of Ink's; returns the rows it wrote or erased. */
  feed(text: string): TouchedRows {
    const touched = new Set<number>();
    let all = false;
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\u001b') {
        const rest = text.slice(i, i + 64);
        const csi = CSI.exec(rest);
        if (csi) {
          const [whole, privateMark, params, , final] = csi;
          i += whole.length;
          if (privateMark) continue;
          const n = Number(params!.split(';')[0] || '0');
          const count = Math.max(1, n);
          switch (final) {
            case 'A': case 'F': this.row -= count; break;
            case 'B': case 'E': this.row += count; break;
            case 'd': this.row = count - 1; break;
            case 'H': case 'f': this.row = count - 1; break;
            case 'K': touched.add(this.clampedRow()); break;
            case 'J':
              if (n === 2 || n === 3) all = true;
              else if (n === 0) for (let r = this.clampedRow(); r < this.rows; r++) touched.add(r);
              else for (let r = 0; r <= this.clampedRow(); r++) touched.add(r);
              break;
          }
          this.row = this.clampedRow();
          continue;
        }
        const osc = OSC.exec(rest);
        if (osc) {
          i += osc[0].length;
          continue;
        }
        // ESC and one more character (ESC 7, ESC 8, ESC c ...): ESC c resets the screen.
        if (text[i + 1] === 'c') all = true;
        i += 2;
        continue;
      }
      if (ch === '\n') this.row = Math.min(this.rows - 1, this.row + 1);
      else if (ch !== '\r' && ch >= ' ') touched.add(this.clampedRow());
      i++;
    }
    return all ? 'all' : touched;
  }

  private clampedRow(): number {
    return Math.max(0, Math.min(this.rows - 1, this.row));
  }
}
