import { describe, expect, it } from 'vitest';
import { showsWholeText } from '../../src/dispatch/claudeProbe.js';

describe("whether Claude's input box shows the whole paste", () => {
  it('is true for the text as Claude draws it: wrapped, tabs as spaces, a CRLF as one line break', () => {
    expect(showsWholeText('fix the\nlogin bug', 'fix the login bug')).toBe(true);
    expect(showsWholeText('a    b\nthe second line', 'a\tb\r\nthe second line')).toBe(true);
    expect(showsWholeText('[Pasted text #1 +40 lines]', 'x\n'.repeat(40))).toBe(true);
  });

  it('is false for a part of it: a paste still arriving, or one whose first part a newline submitted', () => {
    expect(showsWholeText('the first line', 'the first line\r\nthe second line')).toBe(false);
    expect(showsWholeText('the second line', 'the first line\r\nthe second line')).toBe(false);
    expect(showsWholeText('', 'anything')).toBe(false);
    expect(showsWholeText('', '  ')).toBe(false);
  });
});
