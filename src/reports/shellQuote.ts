/**
 * One word for a POSIX shell, whatever it holds: single quotes, with each
 * `'` written as `'\''`. Used only where a program insists on a command
 * *string* (Claude Code runs hook and status line commands through
 * `/bin/sh -c`): every value orch-tui puts in such a string goes through
 * here, and nothing else is ever interpolated.
 */
export function shellQuote(word: string): string {
  if (word.includes('\u0000')) throw new Error('A shell word cannot hold a NUL byte.');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line for `/bin/sh -c`, each word quoted. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
