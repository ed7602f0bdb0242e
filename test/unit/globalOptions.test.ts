import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERVAL_MS, parseCommandLine, UsageError } from '../../src/cli/globalOptions.js';

describe('parseCommandLine', () => {
  it('defaults to the default server, 500 ms and no verb', () => {
    expect(parseCommandLine([])).toEqual({
      global: { server: {}, intervalMs: DEFAULT_INTERVAL_MS, help: false, version: false, bell: true, tmuxMessage: true, errorPatterns: [] },
      verb: undefined,
      rest: [],
    });
    expect(DEFAULT_INTERVAL_MS).toBe(500);
  });

  it('collects --error-pattern regular expressions and refuses a broken one', () => {
    expect(parseCommandLine(['--error-pattern', '^BOOM', '--error-pattern', 'oops \\d+']).global.errorPatterns).toEqual(['^BOOM', 'oops \\d+']);
    expect(() => parseCommandLine(['--error-pattern', '(unclosed'])).toThrow(/not one/);
  });

  it('switches notifications off with --no-bell and --no-notify', () => {
    const { global } = parseCommandLine(['--no-bell', '--no-notify', 'ls']);
    expect(global.bell).toBe(false);
    expect(global.tmuxMessage).toBe(false);
  });

  it('reads -L as a socket name and -S as a socket path', () => {
    expect(parseCommandLine(['-L', 'work']).global.server).toEqual({ socketName: 'work' });
    expect(parseCommandLine(['-S', '/tmp/sock']).global.server).toEqual({ socketPath: '/tmp/sock' });
  });

  it('refuses -L and -S together, in either order', () => {
    expect(() => parseCommandLine(['-L', 'a', '-S', '/tmp/b'])).toThrow(UsageError);
    expect(() => parseCommandLine(['-S', '/tmp/b', '-L', 'a'])).toThrow(/-L or -S, not both/);
  });

  it('needs a value after a flag that takes one', () => {
    expect(() => parseCommandLine(['-L'])).toThrow(/-L needs a value/);
    expect(() => parseCommandLine(['--session', ''])).toThrow(/--session needs a value/);
    expect(() => parseCommandLine(['--interval'])).toThrow(UsageError);
  });

  it('accepts --interval between 50 and 60000 ms, in both spellings', () => {
    expect(parseCommandLine(['--interval', '50']).global.intervalMs).toBe(50);
    expect(parseCommandLine(['--interval=60000']).global.intervalMs).toBe(60000);
    expect(parseCommandLine(['--interval', '250', 'ls']).verb).toBe('ls');
  });

  it.each(['49', '60001', '0', '-5', '1.5', 'fast', '', '1e9'])('rejects --interval=%s', (raw) => {
    expect(() => parseCommandLine([`--interval=${raw}`])).toThrow(UsageError);
  });

  it('reads --session in both spellings', () => {
    expect(parseCommandLine(['--session', 'api-*']).global.sessionGlob).toBe('api-*');
    expect(parseCommandLine(['--session=web?']).global.sessionGlob).toBe('web?');
  });

  it('reads help and version flags', () => {
    expect(parseCommandLine(['-h']).global.help).toBe(true);
    expect(parseCommandLine(['--help']).global.help).toBe(true);
    expect(parseCommandLine(['-V']).global.version).toBe(true);
    expect(parseCommandLine(['--version']).global.version).toBe(true);
  });

  it('names an unknown flag in one sentence', () => {
    expect(() => parseCommandLine(['--bogus'])).toThrow('Unknown option --bogus; see orch-tui --help.');
  });

  it('stops at the verb and leaves the rest to it, flags included', () => {
    const parsed = parseCommandLine(['-L', 'work', 'capture', '%3', '--lines', '20', '-L', 'x']);
    expect(parsed.global.server).toEqual({ socketName: 'work' });
    expect(parsed.verb).toBe('capture');
    expect(parsed.rest).toEqual(['%3', '--lines', '20', '-L', 'x']);
  });
});

describe('--compact-at', () => {
  it('takes a whole percentage from 1 to 100, with or without %', () => {
    expect(parseCommandLine(['--compact-at', '80']).global.compactAt).toBe(80);
    expect(parseCommandLine(['--compact-at', '10%', 'run']).global.compactAt).toBe(10);
    expect(parseCommandLine([]).global.compactAt).toBeUndefined();
    for (const bad of ['0', '101', '12.5', 'lots']) {
      expect(() => parseCommandLine(['--compact-at', bad])).toThrow(`--compact-at takes a whole percentage from 1 to 100, not "${bad}".`);
    }
  });
});
