import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { baseName, clipLine, fitLines, formatAge } from '../../src/ui/paneLines.js';

const RED = '\u001b[31m';
const GREEN_BG = '\u001b[42m';
const RESET = '\u001b[0m';
const cells = (line: string) => stringWidth(stripAnsi(line));

describe('fitLines', () => {
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);

  it('keeps the last `rows` lines', () => {
    expect(fitLines(lines, 20, 3)).toEqual(['line 7', 'line 8', 'line 9']);
  });

  it('skips `scroll` lines from the bottom', () => {
    expect(fitLines(lines, 20, 3, 2)).toEqual(['line 5', 'line 6', 'line 7']);
    expect(fitLines(lines, 20, 3, 9)).toEqual(['line 0']);
    expect(fitLines(lines, 20, 3, 50)).toEqual([]);
  });

  it('returns fewer lines when there are fewer, and none for an empty box', () => {
    expect(fitLines(['a'], 20, 5)).toEqual(['a']);
    expect(fitLines(lines, 0, 5)).toEqual([]);
    expect(fitLines(lines, 20, 0)).toEqual([]);
  });

  it('cuts long lines to the width', () => {
    expect(fitLines(['abcdefghij'], 4, 1)).toEqual(['abcd' + RESET]);
  });

  it('keeps colours and closes them so they cannot bleed', () => {
    const [line] = fitLines([`${RED}error${RESET} and ${GREEN_BG}more text here`], 12, 1);
    expect(stripAnsi(line!)).toBe('error and mo');
    expect(line).toContain(RED);
    expect(line!.endsWith(RESET)).toBe(true);
  });

  it('counts CJK and emoji as two cells', () => {
    for (const width of [1, 2, 3, 4, 5, 9]) {
      for (const text of ['日本語のテキスト', '🎉🎉🎉🎉🎉', 'a日b本c', `${RED}漢字${RESET}xx漢字`, '👩‍💻 coding']) {
        const [line] = fitLines([text], width, 1);
        expect(cells(line!), `${JSON.stringify(text)} in ${width}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('expands tabs, so the width is measured as the terminal would', () => {
    const [line] = fitLines(['\tindented'], 6, 1);
    expect(line).not.toContain('\t');
    expect(cells(line!)).toBeLessThanOrEqual(6);
  });

  it('never exceeds the width, for any coloured, wide or plain text', () => {
    const piece = fc.oneof(
      fc.constantFrom(RED, GREEN_BG, RESET, '\u001b[1;38;5;208m', '日', '語', '🎉', '👍🏽', 'é', '\t', ' ', 'x'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (parts, width) => {
        const [line] = fitLines([parts.join('')], width, 1);
        return cells(line!) <= width;
      }),
      { numRuns: 400 },
    );
  });
});

describe('clipLine', () => {
  it('returns a short plain line unchanged', () => {
    expect(clipLine('hello', 10)).toBe('hello');
  });
});

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [-5000, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [3_599_999, '59m'],
    [3_600_000, '1h'],
    [86_399_999, '23h'],
    [86_400_000, '1d'],
    [10 * 86_400_000, '10d'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('baseName', () => {
  it.each([
    ['/home/dev/api', 'api'],
    ['/home/dev/api/', 'api'],
    ['relative/dir', 'dir'],
    ['/', '/'],
  ])('%s is %s', (path, name) => {
    expect(baseName(path)).toBe(name);
  });
});
