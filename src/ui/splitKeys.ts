/**
 * One input event from the terminal as separate keys: typed text and the
 * control keys among it (`abc\r` is "abc" then Enter). A bracketed paste
 * (`\x1b[200~…\x1b[201~`) stays one piece of text, newlines and all.
 */
export function splitKeys(data: string, state: { inPaste: boolean }): Array<{ data: string; pasted: boolean }> {
  const out: Array<{ data: string; pasted: boolean }> = [];
  let rest = data;
  while (rest.length > 0) {
    if (state.inPaste) {
      const end = rest.indexOf('\u001b[201~');
      const text = end === -1 ? rest : rest.slice(0, end);
      if (text) out.push({ data: text, pasted: true });
      if (end === -1) return out;
      state.inPaste = false;
      rest = rest.slice(end + 6);
      continue;
    }
    if (rest.startsWith('\u001b[200~')) {
      state.inPaste = true;
      rest = rest.slice(6);
      continue;
    }
    if (rest.startsWith('\u001b')) {
      // Ink has already split escape sequences: the rest of this event is one key.
      out.push({ data: rest, pasted: false });
      return out;
    }
    const control = rest.search(/[\u0000-\u001f\u007f]/);
    if (control === 0) {
      out.push({ data: rest[0]!, pasted: false });
      rest = rest.slice(1);
    } else {
      const text = control === -1 ? rest : rest.slice(0, control);
      for (const ch of text) out.push({ data: ch, pasted: false });
      rest = rest.slice(text.length);
    }
  }
  return out;
}
