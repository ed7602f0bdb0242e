/**
 * Error watch: lines of a worker's output that report a failure — compiler
 * errors, failing tests, panics, tracebacks, package-manager and build-tool
 * failures. Patterns are anchored to how tools print them, so prose that
 * merely mentions errors ("0 errors", "error handling") does not count.
 */
import stripAnsi from 'strip-ansi';

/** Built-in patterns; a worker's config may replace or extend them. */
export const DEFAULT_ERROR_PATTERNS: readonly RegExp[] = [
  /^error(?:\[E\d{4}\])?:/, // rustc, cargo, many CLIs: `error: …`, `error[E0308]: …`
  /:\d+(?::\d+)?:\s+(?:fatal\s+)?error:/, // gcc/clang/go vet: `src/a.c:3:5: error: …`
  /\berror TS\d+:/, // tsc: `src/a.ts(3,5): error TS2322: …`
  /^\s*(?:--- )?FAIL\b/, // jest/vitest `FAIL  src/x.test.ts`, go `--- FAIL: TestX`, `FAIL\tpkg`
  /^FAILED\b/, // pytest `FAILED tests/test_a.py::test_b`
  /^\s*[✗✕✖×✘]\s+\S/, // failing test or check marks (vitest ×, mocha/ava ✗, eslint ✖)
  /\b[1-9]\d* (?:failed|failing)\b/, // summaries: `Tests  2 failed | 8 passed`, `3 failing`
  /\bFound [1-9]\d* errors?\b/, // tsc --watch / build summaries
  /^panic:|^thread '.+' panicked at/, // go, rust
  /^Traceback \(most recent call last\):/, // python
  /^npm (?:ERR!|error)\s/, // npm ≤9 and npm 10+
  /^\s*(?:Uncaught\s+)?(?:[\w.]*\.)?(?:[A-Z]\w*)?(?:Error|Exception)(?: \[\w+\])?: \S/, // `Error: …`, `TypeError: …`, `ValueError: …`
  /Segmentation fault|\(core dumped\)/,
  /^make(?:\[\d+\])?: \*\*\*/, // make
  /\bBUILD FAILED\b|^FAILURE: Build failed|^\[ERROR\]/, // ant/gradle, gradle, maven
  /^ERROR\b:?\s/, // bazel, docker build, many loggers
  /^fatal:\s/, // git
  /: command not found$/, // shells
];

/** The error lines found in a worker's output. */
export interface ErrorLines {
  count: number;
  /** The last matching line (ANSI and an agent's gutter mark stripped, trimmed). */
  latest?: string;
  /** Indexes into the given lines. */
  lineIndexes: number[];
}

/** Per pattern list, what each line was found to be: a busy pane shows mostly lines it showed last frame. */
const verdicts = new WeakMap<readonly RegExp[], Map<string, boolean>>();
const MAX_VERDICTS = 20_000;

function verdictsFor(patterns: readonly RegExp[]): Map<string, boolean> {
  let map = verdicts.get(patterns);
  if (!map) {
    map = new Map();
    verdicts.set(patterns, map);
  }
  if (map.size > MAX_VERDICTS) map.clear();
  return map;
}

/**
 * A line as the tool printed it: agents indent tool output under a gutter
 * mark (Claude Code: "  ⎿  "), and what the tool printed starts after it.
 */
function withoutGutter(raw: string): string {
  return stripAnsi(raw).replace(/^\s*[⎿│┃▏]\s*/, '').trimEnd();
}

/** The lines of `lines` (ANSI is stripped first) that match any of `patterns`. */
export function findErrorLines(lines: readonly string[], patterns: readonly RegExp[] = DEFAULT_ERROR_PATTERNS): ErrorLines {
  // A /g or /y regex keeps lastIndex between test() calls; copies without those flags do not.
  const safe = patterns.map((p) => (p.global || p.sticky ? new RegExp(p.source, p.flags.replace(/[gy]/g, '')) : p));
  const known = verdictsFor(patterns);
  const lineIndexes: number[] = [];
  lines.forEach((raw, i) => {
    let isError = known.get(raw);
    if (isError === undefined) {
      const line = withoutGutter(raw);
      isError = line !== '' && safe.some((p) => p.test(line));
      known.set(raw, isError);
    }
    if (isError) lineIndexes.push(i);
  });
  const last = lineIndexes.at(-1);
  return {
    count: lineIndexes.length,
    ...(last === undefined ? {} : { latest: withoutGutter(lines[last]!).trim() }),
    lineIndexes,
  };
}
