/** Error watch: what counts as an error line, what must not, and the recorded failures. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_PATTERNS, findErrorLines } from '../../src/state/errorWatch.js';
import { genericFixture } from './fixtures.js';

const hits = (line: string) => findErrorLines([line]).count === 1;

describe('findErrorLines', () => {
  it.each([
    'error: could not compile `orch` due to 2 previous errors',
    'error[E0308]: mismatched types',
    'src/main.c:12:5: error: expected \';\' before \'}\' token',
    'src/a.ts(3,5): error TS2322: Type \'string\' is not assignable to type \'number\'.',
    'src/a.ts:3:5 - error TS2322: Type \'string\' is not assignable',
    ' FAIL  test/state/x.test.ts > decides',
    'FAIL\tgithub.com/x/y\t0.01s',
    '--- FAIL: TestParse (0.00s)',
    'FAILED tests/test_parser.py::test_empty - AssertionError',
    '   × decides idle 3ms',
    '  ✗ renders the header',
    '✖ 3 problems (3 errors, 0 warnings)',
    '      Tests  2 failed | 8 passed (10)',
    '  3 failing',
    'Found 2 errors in 1 file.',
    'panic: runtime error: index out of range [3] with length 3',
    "thread 'main' panicked at src/main.rs:4:5:",
    'Traceback (most recent call last):',
    'npm ERR! code ELIFECYCLE',
    'npm error code 1',
    'Error: Cannot find module \'./x.js\'',
    'TypeError: cannot read the config',
    'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    'Error [ERR_MODULE_NOT_FOUND]: Cannot find package',
    'Segmentation fault (core dumped)',
    'make: *** [Makefile:2: all] Error 1',
    'make[1]: *** [sub] Error 2',
    'BUILD FAILED',
    'FAILURE: Build failed with an exception.',
    '[ERROR] Failed to execute goal',
    'ERROR: failed to solve: process "/bin/sh -c make" did not complete',
    'fatal: not a git repository (or any of the parent directories): .git',
    'bash: foo: command not found',
    '\u001b[31merror\u001b[0m: expected item', // colours are stripped first
  ])('counts %j', (line) => {
    expect(hits(line)).toBe(true);
  });

  it.each([
    'Found 0 errors. Watching for file changes.',
    'no errors found',
    '0 errors, 0 warnings',
    'Tests  0 failed | 10 passed',
    'We need better error handling in the parser.',
    'The errors: section lists them',
    'warning: unused variable `x`',
    ' PASS  test/state/x.test.ts',
    '  ✓ decides idle 3ms',
    'errorWatch.ts compiled',
    'const onError = (error: Error) => log(error)',
    'failed: 0',
    'ErrorBoundary: rendered',
    '',
  ])('ignores %j', (line) => {
    expect(hits(line)).toBe(false);
  });

  it('reports the count, the latest line and where they are', () => {
    expect(findErrorLines(['ok', 'error: one', 'ok', '\u001b[1merror: two  \u001b[0m', 'done'])).toEqual({ count: 2, latest: 'error: two', lineIndexes: [1, 3] });
    expect(findErrorLines(['all good'])).toEqual({ count: 0, lineIndexes: [] });
  });

  it('custom patterns, even with the /g flag, match every time', () => {
    expect(findErrorLines(['BOOM 1', 'BOOM 2', 'BOOM 3'], [/BOOM/g]).count).toBe(3);
  });

  it.each<[string, number, string]>([
    ['build-failed', 2, 'make: *** [Makefile:2: all] Error 1'],
    ['node-error', 1, 'TypeError: cannot read the config'],
    ['python-traceback', 1, 'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['shell-idle', 0, ''],
  ])('recorded %s: %i error lines', (name, count, latest) => {
    const found = findErrorLines(genericFixture(name).lines, DEFAULT_ERROR_PATTERNS);
    expect(found.count).toBe(count);
    expect(found.latest ?? '').toBe(latest);
  });
});

describe('error lines under an agent gutter', () => {
  it("sees a tool's failure printed under Claude Code's ⎿ mark", () => {
    const lines = ['● Bash(go build ./...)', '  ⎿  FAIL\texample.com/app/auth [build failed]', '  ⎿   ✗ refreshes an expired token (8 ms)', '  ⎿  ok'];
    expect(findErrorLines(lines).lineIndexes).toEqual([1, 2]);
  });
});
