/** An editable text with a cursor, for the dashboard's input boxes. */
export interface TextInput {
  text: string;
  cursor: number;
  /** Index into the history while recalling with Up/Down; -1 when editing. */
  recall: number;
}

export const emptyInput = (text = ''): TextInput => ({ text, cursor: text.length, recall: -1 });

export type TextEdit =
  | { kind: 'insert'; text: string }
  | { kind: 'newline' }
  | { kind: 'backspace' }
  | { kind: 'left' }
  | { kind: 'right' }
  | { kind: 'home' }
  | { kind: 'end' }
  | { kind: 'kill-line' }
  | { kind: 'history-back' }
  | { kind: 'history-forward' };

/** Apply one edit. `history` is oldest first; Up walks back from the newest. */
export function editText(input: TextInput, edit: TextEdit, history: readonly string[] = []): TextInput {
  const { text, cursor } = input;
  switch (edit.kind) {
    case 'insert': {
      // Pasted text arrives with CR line ends from the terminal.
      const add = edit.text.replace(/\r\n?/g, '\n');
      return { text: text.slice(0, cursor) + add + text.slice(cursor), cursor: cursor + add.length, recall: -1 };
    }
    case 'newline':
      return editText(input, { kind: 'insert', text: '\n' });
    case 'backspace': {
      if (cursor === 0) return input;
      const chars = Array.from(text.slice(0, cursor));
      chars.pop();
      const before = chars.join('');
      return { text: before + text.slice(cursor), cursor: before.length, recall: -1 };
    }
    case 'left': {
      const chars = Array.from(text.slice(0, cursor));
      chars.pop();
      return { ...input, cursor: chars.join('').length };
    }
    case 'right': {
      const next = Array.from(text.slice(cursor))[0];
      return next ? { ...input, cursor: cursor + next.length } : input;
    }
    case 'home':
      return { ...input, cursor: text.lastIndexOf('\n', cursor - 1) + 1 };
    case 'end': {
      const nl = text.indexOf('\n', cursor);
      return { ...input, cursor: nl === -1 ? text.length : nl };
    }
    case 'kill-line':
      return emptyInput();
    case 'history-back': {
      if (history.length === 0) return input;
      const recall = input.recall === -1 ? history.length - 1 : Math.max(0, input.recall - 1);
      const recalled = history[recall]!;
      return { text: recalled, cursor: recalled.length, recall };
    }
    case 'history-forward': {
      if (input.recall === -1) return input;
      const recall = input.recall + 1;
      if (recall >= history.length) return emptyInput();
      const recalled = history[recall]!;
      return { text: recalled, cursor: recalled.length, recall };
    }
  }
}
