/**
 * Benchmark (not a test): watching many workers. A private tmux server with
 * N worker panes printing timestamped marker lines at a rate; the real
 * orch-tui dashboard on it, in a 200x50 pane of a second private server; the
 * same load against a baseline watcher that polls like peers do (one
 * capture-pane process per pane every 500 ms). See bench/README.md.
 *
 *   npm run bench -- [--workers N[,N]] [--rate R[,R]] [--seconds S] [--json FILE]
 *                    [--watcher orch-tui|baseline] [--warmup S] [--keys K]
 *
 * Without --workers/--rate: N = 10, 50, 100 × rate 0 and 20. Prints a table,
 * then one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killAllServers } from './watch/benchServers.js';
import { formatTable, machineInfo, type CellResult, type WatcherName } from './watch/report.js';
import { cellCleanups, runCell } from './watch/runCell.js';
import { TERMINAL } from './watch/watchers.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    json: { type: 'string' },
    watcher: { type: 'string' },
    warmup: { type: 'string' },
    keys: { type: 'string' },
  },
});
const list = (text: string | undefined, fallback: number[]) => (text ? text.split(',').map(Number) : fallback);
const workerCounts = list(values.workers, [10, 50, 100]);
const rates = list(values.rate, [0, 20]);
const watchers: WatcherName[] = values.watcher ? [values.watcher as WatcherName] : ['orch-tui', 'baseline'];
const seconds = Number(values.seconds ?? 10);
const warmupSeconds = Number(values.warmup ?? 3);
const keyPresses = Number(values.keys ?? 20);
if ([...workerCounts, ...rates, seconds, warmupSeconds, keyPresses].some((x) => !Number.isFinite(x) || x < 0)
  || watchers.some((w) => w !== 'orch-tui' && w !== 'baseline')) {
  console.error('usage: watchBench [--workers N[,N]] [--rate R[,R]] [--seconds S] [--json FILE] [--watcher orch-tui|baseline] [--warmup S] [--keys K]');
  process.exit(2);
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
  const results: CellResult[] = [];
  const writerDone = new Set<WatcherName>();
  for (const workers of workerCounts) {
    for (const rate of rates) {
      for (const watcher of watchers) {
        process.stderr.write(`${watcher} N=${workers} rate=${rate}: `);
        const result = await runCell({
          watcher, workers, rate, seconds, warmupSeconds, keyPresses, dir, clockTicks,
          // The writer test runs once per watcher, in its first cell.
          writerTest: !writerDone.has(watcher),
        });
        writerDone.add(watcher);
        process.stderr.write(`p95 ${result.latency_ms.p95 ?? '-'} ms, cpu ${result.cpu_pct}%, seen ${result.seen_workers}/${workers}\n`);
        results.push(result);
      }
    }
  }
  // writer_blocked_ms was measured once per watcher: every row of it carries that number.
  for (const watcher of watchers) {
    const blocked = results.find((r) => r.watcher === watcher && r.writer_blocked_ms !== null)?.writer_blocked_ms ?? null;
    for (const r of results) if (r.watcher === watcher) r.writer_blocked_ms = blocked;
  }
  const report = { machine: machineInfo(tmuxVersion, `${TERMINAL.width}x${TERMINAL.height}`), results };
  console.log(formatTable(results));
  for (const r of results.filter((x) => x.writer)) {
    const w = r.writer!;
    console.log(`writer test (${r.watcher}, N=${r.workers}): ${(w.bytes / 2 ** 20).toFixed(1)} MB in ${w.seconds} s, watcher frozen ${w.frozenMs} ms; stalled ${w.blockedMs} ms in all (${w.blockedDuringFreezeMs} ms of it in writes started during the freeze), longest write ${w.maxWriteMs} ms, most behind schedule ${w.maxLagMs} ms`);
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
