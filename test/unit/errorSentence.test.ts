import { describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { errorSentence } from '../../src/cli/errorSentence.js';

describe('errorSentence: one sentence for the CLI', () => {
  const parse = (args: string[]) => {
    try {
      parseArgs({ args, strict: true, options: { 'if-above': { type: 'string' } } });
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it("a flag given a value that starts with a dash: parseArgs's three lines become one", () => {
    const sentence = errorSentence(parse(['--if-above', '-5']));
    expect(sentence).toBe('--if-above needs a value; one that starts with a dash is written --if-above=VALUE.');
    expect(sentence).not.toContain('\n');
  });

  it('a flag with no value: as the global options say it', () => {
    expect(errorSentence(parse(['--if-above']))).toBe('--if-above needs a value.');
  });

  it('any other error as it is', () => {
    expect(errorSentence(parse(['--nope']))).toMatch(/^Unknown option '--nope'/);
    expect(errorSentence(new Error('No worker named "x" (see orch-tui ls).'))).toBe('No worker named "x" (see orch-tui ls).');
  });
});
