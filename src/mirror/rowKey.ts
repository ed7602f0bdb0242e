import { visibleKey, type CellStyle } from './cellStyle.js';

/**
 * A screen row as a string that two rows share exactly when they look the
 * same: each character with the visible part of its style, blanks at the
 * end dropped. Built from tmux's capture and from the mirror alike, so
 * comparing two screens is comparing strings.
 *
 * Trailing blanks are dropped whatever their background: tmux's capture
 * stops at the last cell a character was written to (`cellused`), so an
 * erase with a background colour (`ESC [ 44 m ESC [ K`, a status bar) is
 * on tmux's screen but never in a capture. Such a row cannot be compared
 * past its last character.
 */
export class RowKey {
  private key = '';
  private style = '';
  /** Length of `key` up to the last character that is not a plain blank. */
  private kept = 0;

  push(text: string, style: CellStyle): void {
    for (const ch of text) {
      const look = visibleKey(ch, style);
      if (look !== this.style) {
        this.key += `\u0000${look}\u0000`;
        this.style = look;
      }
      this.key += ch;
      if (ch !== ' ' || (look !== '' && !look.startsWith('b'))) this.kept = this.key.length;
    }
  }

  finish(): string {
    return this.key.slice(0, this.kept);
  }
}

/** A row key without the style marks: what a person would read. */
export function rowKeyText(key: string): string {
  // eslint-disable-next-line no-control-regex
  return key.replace(/\u0000[^\u0000]*\u0000/g, '');
}
