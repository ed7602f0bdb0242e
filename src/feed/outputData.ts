import { StringDecoder } from 'node:string_decoder';

/**
 * `%output` data back to the bytes the pane printed: tmux writes bytes
 * below 0x20 and `\` as `\ooo` and every other byte as it is (the line is
 * read as latin1, one character a byte).
 */
export function unescapeOutput(data: string): Buffer {
  if (!data.includes('\\')) return Buffer.from(data, 'latin1');
  const bytes = Buffer.allocUnsafe(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 0x5c && i + 3 < data.length && isOctal(data, i + 1)) {
      bytes[n++] = parseInt(data.slice(i + 1, i + 4), 8) & 0xff;
      i += 3;
    } else bytes[n++] = c & 0xff;
  }
  return bytes.subarray(0, n);
}

function isOctal(data: string, at: number): boolean {
  for (let i = at; i < at + 3; i++) {
    const c = data.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x37)) return false;
  }
  return true;
}

/**
 * One pane's output as text: a multi-byte character split across two
 * `%output` lines is held until its last byte comes.
 */
export class PaneTextDecoder {
  private readonly decoder = new StringDecoder('utf8');

  write(data: string): string {
    return this.decoder.write(unescapeOutput(data));
  }
}
