import stringWidth from 'string-width';

export interface FooterEntry {
  key: string;
  label: string;
}

/** Keys a footer never leaves out: the way to help, and the way out. */
const KEPT = new Set(['help', 'quit', 'back', 'close', 'cancel']);
const GAP = 2;
export const FOOTER_SEPARATOR = '  │ ';

/**
 * What fits on the footer's one line: the status whole (cut only in a
 * terminal too narrow for it and the kept keys, so `? help` and `q quit`
 * still show at 40 columns), the error cut to leave room for the keys that
 * are always kept, then whole key entries (never one cut in the middle:
 * `q q…`), the kept ones first, the rest in table order while they fit.
 */
export function fitFooter(
  width: number,
  status: string,
  error: string | undefined,
  entries: readonly FooterEntry[],
): { status: string; error?: string; entries: FooterEntry[] } {
  const size = (e: FooterEntry) => stringWidth(`${e.key} ${e.label}`) + GAP;
  const kept = entries.filter((e) => KEPT.has(e.label));
  const keptWidth = kept.reduce((n, e) => n + size(e), 0);
  const statusRoom = width - stringWidth(FOOTER_SEPARATOR) - keptWidth + GAP;
  const shownStatus = stringWidth(status) <= statusRoom || statusRoom < 2 ? status : `${sliceToWidth(status, statusRoom - 1)}…`;
  let room = width - stringWidth(shownStatus) - stringWidth(FOOTER_SEPARATOR);
  let shownError: string | undefined;
  if (error) {
    const allowed = Math.max(0, room - keptWidth - GAP);
    shownError = stringWidth(error) <= allowed ? error : allowed > 1 ? `${sliceToWidth(error, allowed - 1)}…` : undefined;
    if (shownError) room -= stringWidth(shownError) + GAP;
  }
  const chosen = new Set<FooterEntry>();
  for (const entry of [...kept, ...entries.filter((e) => !KEPT.has(e.label))]) {
    if (size(entry) - GAP <= room) {
      chosen.add(entry);
      room -= size(entry);
    }
  }
  return { status: shownStatus, ...(shownError ? { error: shownError } : {}), entries: entries.filter((e) => chosen.has(e)) };
}

function sliceToWidth(text: string, width: number): string {
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}
