/**
 * Claude Code 2.1.328 frames a multi-line bracketed paste for the model as
 * `<pasted_content id="…">\n…\n</pasted_content id="…">`; the bytes inside
 * the frame are the text. Only that exact frame is taken off.
 */
export function unframePaste(text: string | undefined): string | undefined {
  const framed = /^\s*<pasted_content id="([^"]+)">\n([\s\S]*)\n<\/pasted_content id="\1">\n?$/.exec(text ?? '');
  return framed ? framed[2] : text;
}
