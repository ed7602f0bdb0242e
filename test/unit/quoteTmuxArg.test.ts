import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteTmuxArg, toTmuxCommandLine } from '../../src/tmux/quoteTmuxArg.js';

/**
 * Read back one double-quoted tmux word the way tmux's parser does for the
 * escapes quoteTmuxArg emits: `\ooo` is an octal byte, `\x` is `x`.
 */
function unquote(word: string): string {
  expect(word.startsWith('"') && word.endsWith('"')).toBe(true);
  const body = word.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      // An unescaped quote inside would end the word early.
      expect(ch).not.toBe('"');
      out += ch;
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      out += String.fromCharCode(parseInt(octal[0], 8));
      i += 3;
    } else {
      out += body[i + 1];
      i += 1;
    }
  }
  return out;
}

/**
 * Strings weighted towards what tmux's parser cares about, plus any UTF-16
 * unit (lone surrogates included). fast-check's own `binary` unit spends
 * seconds building its table on first use.
 */
const tmuxText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\\', '"', '$', '~', ';', '\n', '\r', '\t', '\u001b', '\u007f', '\u0000', ' ', '#', '{', '%', "'"),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  ),
  maxLength: 40,
});

describe('quoteTmuxArg', () => {
  it('wraps plain text in double quotes', () => {
    expect(quoteTmuxArg('hello world')).toBe('"hello world"');
    expect(quoteTmuxArg('')).toBe('""');
  });

  it('escapes backslash, double quote and dollar', () => {
    expect(quoteTmuxArg('a\\b')).toBe('"a\\\\b"');
    expect(quoteTmuxArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteTmuxArg('$HOME and ${X}')).toBe('"\\$HOME and \\${X}"');
  });

  it('escapes a leading tilde only', () => {
    expect(quoteTmuxArg('~/src')).toBe('"\\~/src"');
    expect(quoteTmuxArg('a~b')).toBe('"a~b"');
  });

  it('escapes a trailing semicolon only', () => {
    expect(quoteTmuxArg('ls;')).toBe('"ls\\;"');
    expect(quoteTmuxArg('a;b')).toBe('"a;b"');
    expect(quoteTmuxArg(';')).toBe('"\\;"');
  });

  it('writes control characters as three octal digits', () => {
    expect(quoteTmuxArg('a\nb')).toBe('"a\\012b"');
    expect(quoteTmuxArg('\r')).toBe('"\\015"');
    expect(quoteTmuxArg('\t')).toBe('"\\011"');
    expect(quoteTmuxArg('\u001b[31m')).toBe('"\\033[31m"');
    expect(quoteTmuxArg('\u0000')).toBe('"\\000"');
    expect(quoteTmuxArg('\u007f')).toBe('"\\177"');
  });

  it('leaves words tmux would otherwise parse inert inside quotes', () => {
    expect(quoteTmuxArg('%if')).toBe('"%if"');
    expect(quoteTmuxArg('{')).toBe('"{"');
    expect(quoteTmuxArg('# not a comment')).toBe('"# not a comment"');
    expect(quoteTmuxArg('日本語 🎉')).toBe('"日本語 🎉"');
  });

  it('never emits a raw newline, carriage return or other control character', () => {
    fc.assert(
      // eslint-disable-next-line no-control-regex
      fc.property(tmuxText, (value) => !/[\u0000-\u001f\u007f]/.test(quoteTmuxArg(value))),
      { numRuns: 500 },
    );
  });

  it('round-trips any string through tmux-style unquoting', () => {
    fc.assert(
      fc.property(tmuxText, (value) => {
        expect(unquote(quoteTmuxArg(value))).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('toTmuxCommandLine', () => {
  it('quotes every argument and joins them with single spaces', () => {
    expect(toTmuxCommandLine(['send-keys', '-t', '%12', '-l', 'echo "$x";'])).toBe(
      '"send-keys" "-t" "%12" "-l" "echo \\"\\$x\\"\\;"',
    );
    expect(toTmuxCommandLine([])).toBe('');
  });

  it('is always one line whatever the arguments hold', () => {
    fc.assert(
      fc.property(fc.array(tmuxText, { maxLength: 6 }), (args) => {
        const line = toTmuxCommandLine(args);
        return !line.includes('\n') && !line.includes('\r');
      }),
      { numRuns: 300 },
    );
  });
});
