/**
 * Benchmark (not a test): watching many workers. A private tmux server with
 * N worker panes printing timestamped marker lines at a rate, watched three
 * ways side by side: the real orch-tui dashboard in a 200x50 pane of a
 * second private server; a baseline watcher that polls like peers do (one
 * capture-pane process per pane every 500 ms); and tmux itself (the same N
 * panes tiled in one window, one tmux client attached in that 200x50 pane).
 * Then a Claude load: N real Claude Code workers on the fake model, orch-tui
 * watching, while all stream replies and while all are idle. See
 * bench/README.md; `npm run bench -- --help` lists the options.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureClaudeCode } from '../test/harness/claudeCode.js';
import { killAllServers } from './watch/benchServers.js';
import { runClaudeCell } from './watch/claudeCell.js';
import { formatTable, machineInfo, type CellResult, type WatcherName } from './watch/report.js';
import { cellCleanups, runCell } from './watch/runCell.js';
import { TERMINAL } from './watch/watchers.js';

const HELP = `npm run bench -- [options]      (or, after npm run build: node dist/bench/watchBench.js [options])

The line load: for each N × rate, one cell per watcher, each on fresh private
tmux servers; then the Claude load. Prints a table, then one JSON line.

  --workers N[,N]      worker panes per cell                  (default 50,100)
  --rate R[,R]         marker lines a second per worker; 0 is idle (default 0,20)
  --watcher W[,W]      orch-tui, baseline, tmux               (default all three)
                         tmux: the N panes tiled in one window, a plain client
                         attached in the same 200x50 terminal (no keys, no writer test)
  --claude N           real Claude Code workers for the Claude load; 0 skips it
                         (default 8; orch-tui only; the pinned Claude Code the tests use, installed into its cache when missing)
  --seconds S          each measurement window                 (default 10)
  --warmup S           before each window                      (default 3)
  --keys K             key presses timed per orch-tui cell     (default 20)
  --json FILE          also write the report (machine + rows) to FILE
  --help               this text

The default run takes about 5 minutes on 2 cores, 6 at most (12 line cells
and the Claude load). Other developers' runs on the same cores move the
numbers: take the lock, flock /tmp/orch-heavy-tests.lock npm run bench -- ...
What each column means: bench/README.md.`;

const OPTIONS = {
  workers: { type: 'string' },
  rate: { type: 'string' },
  seconds: { type: 'string' },
  json: { type: 'string' },
  watcher: { type: 'string' },
  warmup: { type: 'string' },
  keys: { type: 'string' },
  claude: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function options(): ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'] {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    console.error(`watchBench: ${(error as Error).message}; see npm run bench -- --help`);
    process.exit(1);
  }
}
const values = options();
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const list = (text: string | undefined, fallback: number[]) => (text ? text.split(',').map(Number) : fallback);
const WATCHERS: readonly WatcherName[] = ['orch-tui', 'baseline', 'tmux'];
const workerCounts = list(values.workers, [50, 100]);
const rates = list(values.rate, [0, 20]);
const watchers = (values.watcher ? values.watcher.split(',') : [...WATCHERS]) as WatcherName[];
const seconds = Number(values.seconds ?? 10);
const warmupSeconds = Number(values.warmup ?? 3);
const keyPresses = Number(values.keys ?? 20);
const claudeWorkers = Number(values.claude ?? 8);
const bad = [...workerCounts, ...rates, seconds, warmupSeconds, keyPresses, claudeWorkers].some((x) => !Number.isFinite(x) || x < 0)
  || !Number.isInteger(claudeWorkers) || seconds === 0 || workerCounts.some((n) => n < 1 || !Number.isInteger(n))
  || watchers.some((w) => !WATCHERS.includes(w));
if (bad) {
  console.error(`watchBench: bad options (numbers must be ≥ 0, --workers whole and ≥ 1, --seconds > 0, --watcher one of ${WATCHERS.join(', ')}); see npm run bench -- --help`);
  process.exit(1);
}

if (claudeWorkers > 0) {
  try {
    await ensureClaudeCode();
  } catch (error) {
    console.error(`watchBench: the Claude load needs the pinned Claude Code, which could not be installed (${error instanceof Error ? error.message : String(error)}); pass --claude 0 to leave that load out.`);
    process.exit(1);
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'orch-bench-'));
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const undo of cellCleanups) {
      try {
        undo();
      } catch {
        // already gone
      }
    }
    await killAllServers();
    rmSync(dir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const tmuxVersion = execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim();
  const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s in`;
  const results: CellResult[] = [];
  const writerDone = new Set<WatcherName>();
  for (const workers of workerCounts) {
    for (const rate of rates) {
      for (const watcher of watchers) {
        process.stderr.write(`${watcher} N=${workers} rate=${rate}: `);
        const result = await runCell({
          watcher, workers, rate, seconds, warmupSeconds, keyPresses, dir, clockTicks,
          // The writer test runs once per watcher, in its first cell; a plain tmux client holds no pane back.
          writerTest: watcher !== 'tmux' && !writerDone.has(watcher),
        });
        writerDone.add(watcher);
        process.stderr.write(`p95 ${result.latency_ms.p95 ?? '-'} ms, cpu ${result.cpu_pct}%, seen ${result.seen_workers}/${workers} (${elapsed()})\n`);
        results.push(result);
      }
    }
  }
  // A failed Claude load (it needs the pinned Claude Code) must not throw the line cells away.
  let claudeError: string | undefined;
  if (claudeWorkers > 0) {
    process.stderr.write(`orch-tui, Claude load N=${claudeWorkers}: `);
    try {
      const rows = await runClaudeCell({ workers: claudeWorkers, seconds, warmupSeconds, dir, clockTicks, root: process.cwd() });
      for (const r of rows) {
        process.stderr.write(`${r.load}: cpu ${r.cpu_pct}%, ${r.claude_in_state}/${r.workers} in state; `);
        if (r.claude_in_state !== r.workers) process.stderr.write(`(WARNING: not every worker was ${r.load === 'claude-idle' ? 'idle' : 'busy'} at the window's end) `);
        if (!r.mirror) process.stderr.write('(WARNING: orch-tui wrote no mirror record to ORCH_TUI_MIRROR_STATS) ');
      }
      process.stderr.write(`(${elapsed()})\n`);
      results.push(...rows);
    } catch (error) {
      claudeError = error instanceof Error ? error.message : String(error);
      process.stderr.write(`failed: ${claudeError}\n`);
      process.exitCode = 1;
    }
  }
  // writer_blocked_ms was measured once per watcher: every row of it carries that number.
  for (const watcher of watchers) {
    const blocked = results.find((r) => r.watcher === watcher && r.writer_blocked_ms !== null)?.writer_blocked_ms ?? null;
    for (const r of results) if (r.watcher === watcher && r.load === 'lines') r.writer_blocked_ms = blocked;
  }
  const report = {
    machine: machineInfo(tmuxVersion, `${TERMINAL.width}x${TERMINAL.height}`),
    options: { workers: workerCounts, rates, watchers, seconds, warmup_s: warmupSeconds, keys: keyPresses, claude: claudeWorkers },
    wall_s: Math.round((Date.now() - started) / 1000),
    ...(claudeError ? { claude_error: claudeError } : {}),
    results,
  };
  console.log(formatTable(results));
  for (const r of results.filter((x) => x.writer)) {
    const w = r.writer!;
    console.log(`writer test (${r.watcher}, N=${r.workers}): ${(w.bytes / 2 ** 20).toFixed(1)} MB in ${w.seconds} s, watcher frozen ${w.frozenMs} ms; stalled ${w.blockedMs} ms in all (${w.blockedDuringFreezeMs} ms of it in writes started during the freeze), longest write ${w.maxWriteMs} ms, most behind schedule ${w.maxLagMs} ms`);
  }
  for (const r of results.filter((x) => x.mirror?.last_difference)) {
    console.log(`mirror (${r.watcher}, N=${r.workers}, ${r.load === 'lines' ? `rate ${r.rate}` : r.load}): ${r.mirror!.disagreed} disagreement(s), the last: ${r.mirror!.last_difference}`);
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify({ bench: 'watchBench', ...report }));
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
