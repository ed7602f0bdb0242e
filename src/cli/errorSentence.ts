import { describeError } from '../tmux/tmuxErrors.js';

/**
 * The one sentence the CLI prints for an error (the project's convention).
 * node:util's parseArgs words a flag followed by a value that starts with a
 * dash (`--if-above -5`) in three lines of its own, and a flag with no
 * value in its own terms; they say it as the global options do.
 */
export function errorSentence(error: unknown): string {
  const message = describeError(error);
  const ambiguous = /^Option '(-[^' ]+)' argument is ambiguous\./.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value; one that starts with a dash is written ${ambiguous[1]}=VALUE.`;
  const missing = /^Option '(-[^' ]+)(?: <value>)?' argument missing$/.exec(message);
  if (missing) return `${missing[1]} needs a value.`;
  return message;
}
