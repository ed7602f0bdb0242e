import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

const RESET = '\u001b[0m';

/**
 * Fit captured lines (with their colours) into a box: the last `rows` lines
 * after skipping `scroll` lines from the bottom, each cut to `columns` cells
 * and closed with a reset so a colour never bleeds into the border.
 */
export function fitLines(lines: readonly string[], columns: number, rows: number, scroll = 0): string[] {
  if (rows <= 0 || columns <= 0) return [];
  const end = Math.max(0, lines.length - scroll);
  const start = Math.max(0, end - rows);
  return lines.slice(start, end).map((line) => clipLine(line, columns));
}

/** Lines already fitted, per width: a busy pane shows mostly the lines it showed last frame. */
const fitted = new Map<string, string>();
const MAX_FITTED = 10_000;

export function clipLine(line: string, columns: number): string {
  const key = `${columns}\u0000${line}`;
  let result = fitted.get(key);
  if (result === undefined) {
    if (fitted.size >= MAX_FITTED) fitted.clear();
    result = fitLine(line, columns);
    fitted.set(key, result);
  }
  return result;
}

function fitLine(line: string, columns: number): string {
  const clean = line.replace(/\t/g, '    ');
  if (stringWidth(clean) <= columns) return clean.includes('\u001b') ? clean + RESET : clean;
  let cut = sliceAnsi(clean, 0, columns);
  // A wide character straddling the edge is kept whole by sliceAnsi: drop it.
  if (stringWidth(cut) > columns) cut = sliceAnsi(clean, 0, columns - 1);
  return cut + RESET;
}

/** "3s", "4m", "2h", "5d": time since, in one short token. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** The last part of a path: what a directory is usually called. */
export function baseName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '/';
}
