/**
 * Split an agent command such as `claude --model "opus 4"` into argv words,
 * the way a shell would split quotes — and nothing more: no variables, no
 * globbing, no command substitution. The result is exec'd, never a shell.
 */
export function splitCommandWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (command[i + 1] === '"' || command[i + 1] === '\\')) word += command[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`Unbalanced ${quote} in the agent command: ${command}`);
  if (inWord) words.push(word);
  return words;
}

/**
 * tmux's own argv parser treats an argument that ends in `;` as a command
 * separator (`send-keys 'ls;'` delivers `ls`); `\;` keeps it.
 */
export function protectTrailingSemicolon(arg: string): string {
  return arg.endsWith(';') ? `${arg.slice(0, -1)}\\;` : arg;
}
