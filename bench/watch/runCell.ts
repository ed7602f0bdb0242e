/**
 * One cell of the matrix: a fresh worker server with N workers, one
 * watcher, the load at `rate` lines/s per worker; warm-up, then the
 * measurement window (line latency, CPU, tmux processes), then key presses,
 * then (once per watcher) the frozen-watcher writer test, then the load
 * stops and the mirrors' record is read once the quiet panes are compared.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { waitFor } from '../../test/harness/tmuxServer.js';
import { BENCH_DIST, startWorkerServer } from './benchServers.js';
import type { GeneratorReport, GeneratorRequest } from './loadGenerator.js';
import { catchUpLatencies, latencySummary, nowMs, percentile, round1 } from './percentiles.js';
import { cpuPercent, readSelfTicks, readTreeMemory, readTreeTicks } from './procStats.js';
import type { CellResult, WatcherName } from './report.js';
import type { WriterResult } from './blockedWriter.js';
import { mirrorDelta, readMirrorStatsWhole, type MirrorCounts } from './mirrorStats.js';
import { startWatcher, type RunningWatcher } from './watchers.js';

export interface CellOptions {
  watcher: WatcherName;
  workers: number;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  keyPresses: number;
  writerTest: boolean;
  dir: string;
  clockTicks: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the watcher is frozen while the writer writes. */
const FREEZE_MS = 3000;

/** Children and stopped processes to undo on Ctrl-C. */
export const cellCleanups = new Set<() => void>();

function startGenerator(): ChildProcess {
  return fork(path.join(BENCH_DIST, 'loadGenerator.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

function stopGenerator(child: ChildProcess): Promise<GeneratorReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the load generator did not report')), 20_000);
    child.once('message', (report: GeneratorReport) => {
      clearTimeout(timer);
      resolve(report);
    });
    child.send({ type: 'stop' } satisfies GeneratorRequest);
  });
}

/** Writer test: 2 MB/s into a watched pane while the watcher's main process is stopped for 3 s. */
async function writerTest(watcher: RunningWatcher, writerPid: number, resultFile: string): Promise<CellResult['writer']> {
  process.kill(writerPid, 'SIGUSR2');
  await sleep(1500);
  const resume = () => process.kill(watcher.pid, 'SIGCONT');
  cellCleanups.add(resume);
  const frozenAt = nowMs();
  process.kill(watcher.pid, 'SIGSTOP');
  try {
    await sleep(FREEZE_MS);
  } finally {
    resume();
    cellCleanups.delete(resume);
  }
  const thawedAt = nowMs();
  const reported = await waitFor(() => JSON.parse(readFileSync(resultFile, 'utf8')) as WriterResult & { error?: string }, {
    timeoutMs: 30_000,
    intervalMs: 100,
    message: 'the blocked writer never reported',
  });
  if (reported.error) throw new Error(`the blocked writer failed: ${reported.error}`);
  const { stalls, ...result } = reported;
  // A write blocked by the freeze starts during it (and may end after it).
  const duringFreeze = stalls.filter(([at]) => at >= frozenAt && at < thawedAt).reduce((sum, [, ms]) => sum + ms, 0);
  return { ...result, frozenMs: Math.round(thawedAt - frozenAt), blockedDuringFreezeMs: Math.round(duringFreeze * 10) / 10 };
}

/**
 * The mirrors' totals once the comparisons that quiet panes get (one per
 * quiet spell, 0.8–1.2 s after their last output) are in: read when they
 * have not moved for a second, 2.5 s to 6 s after the load stopped. Null
 * when orch-tui wrote no record (said on stderr: a missing count is not a 0).
 */
export async function settledMirrorStats(read: () => MirrorCounts | undefined): Promise<MirrorCounts | null> {
  const deadline = Date.now() + 6000;
  await sleep(2500);
  let last = JSON.stringify(await readMirrorStatsWhole(read));
  while (Date.now() < deadline) {
    await sleep(1000);
    const now = JSON.stringify(await readMirrorStatsWhole(read));
    if (now === last) break;
    last = now;
  }
  const counts = await readMirrorStatsWhole(read);
  if (!counts) process.stderr.write('(WARNING: orch-tui wrote no mirror record to ORCH_TUI_MIRROR_STATS) ');
  return counts ?? null;
}

export async function runCell(o: CellOptions): Promise<CellResult> {
  const dir = path.join(o.dir, `${o.watcher}-${o.workers}-${o.rate}`);
  await mkdir(dir, { recursive: true });
  const writerFile = path.join(dir, 'writer.json');
  const server = await startWorkerServer(o.workers, writerFile, o.watcher === 'tmux' ? 'tiled' : 'sessions');
  let watcher: RunningWatcher | undefined;
  let generator: ChildProcess | undefined;
  const killGenerator = () => generator?.kill('SIGKILL');
  cellCleanups.add(killGenerator);
  try {
    watcher = await startWatcher(o.watcher, server, dir);
    const w = watcher;
    if (o.rate > 0) {
      generator = startGenerator();
      generator.send({ type: 'start', rate: o.rate, targets: server.workers.map(({ worker, tty }) => ({ worker, tty })) } satisfies GeneratorRequest);
    }
    await sleep(o.warmupSeconds * 1000);

    // Memory: sampled through the window, the key presses and the writer test.
    let peakPssKb = 0;
    let peakMainKb = 0;
    const sampleMemory = () => {
      const m = readTreeMemory(w.pid);
      peakPssKb = Math.max(peakPssKb, m.pssKb);
      peakMainKb = Math.max(peakMainKb, m.rootRssKb);
    };
    const sampler = setInterval(sampleMemory, 250);
    try {
      const before = {
        at: nowMs(), ticks: readTreeTicks(w.pid), tmux: readSelfTicks(server.pid),
        display: w.displayServerPid ? readSelfTicks(w.displayServerPid) : 0, spawns: await w.spawns(), bytes: w.outputBytes?.() ?? 0,
      };
      await sleep(o.seconds * 1000);
      const after = {
        at: nowMs(), ticks: readTreeTicks(w.pid), tmux: readSelfTicks(server.pid),
        display: w.displayServerPid ? readSelfTicks(w.displayServerPid) : 0, spawns: await w.spawns(), bytes: w.outputBytes?.() ?? 0,
      };
      const seconds = (after.at - before.at) / 1000;
      // Lines written at the end of the window get a moment to show.
      await sleep(1000);

      const keys = w.measureKeys ? await w.measureKeys(o.keyPresses) : undefined;
      const writer = o.writerTest ? await writerTest(w, server.writerPid, writerFile) : undefined;
      sampleMemory();

      const report = generator ? await stopGenerator(generator) : { writes: [], dropped: 0 };
      generator = undefined;
      // Every pane is quiet now: the mirrors compare each with a fresh capture once more.
      const loadStopped = w.mirrorStats ? await readMirrorStatsWhole(w.mirrorStats) : undefined;
      const mirror = w.mirrorStats ? await settledMirrorStats(w.mirrorStats) : null;
      const afterLoad = w.mirrorStats ? mirrorDelta(loadStopped, mirror ?? undefined) : null;
      if (afterLoad && o.rate > 0 && afterLoad.compared === 0) process.stderr.write('(WARNING: no mirrored pane was compared once the load stopped) ');
      const latencies: number[] = [];
      const seenWorkers = new Set<string>();
      const writtenBy = new Map<string, number>();
      let written = 0;
      for (let i = 0; i < report.writes.length; i += 2) {
        const key = report.writes[i] as string;
        const at = report.writes[i + 1] as number;
        if (at < before.at || at > after.at) continue;
        written++;
        const worker = key.slice(0, key.indexOf('n'));
        writtenBy.set(worker, (writtenBy.get(worker) ?? 0) + 1);
        const shown = w.firstSeen.get(key);
        if (shown === undefined) continue;
        latencies.push(shown - at);
        seenWorkers.add(worker);
      }
      const parsed: Array<readonly [string, number, number]> = [];
      for (let i = 0; i < report.writes.length; i += 2) {
        const key = report.writes[i] as string;
        const n = key.indexOf('n');
        parsed.push([key.slice(0, n), Number(key.slice(n + 1)), report.writes[i + 1] as number]);
      }
      const catchUp = catchUpLatencies(parsed, (worker, sequence) => w.firstSeen.get(`${worker}n${sequence}`), (at) => at >= before.at && at <= after.at);
      const writtenBySeen = [...seenWorkers].reduce((sum, worker) => sum + (writtenBy.get(worker) ?? 0), 0);
      const cpu = (a: number, b: number) => round1(cpuPercent(a, b, seconds, o.clockTicks))!;
      const cpuPct = cpu(before.ticks, after.ticks);
      const tmuxPct = cpu(before.tmux, after.tmux);
      const displayPct = w.displayServerPid ? cpu(before.display, after.display) : null;
      return {
        watcher: o.watcher,
        load: 'lines',
        workers: o.workers,
        rate: o.rate,
        latency_ms: latencySummary(latencies),
        catchup_latency_ms: latencySummary(catchUp),
        cpu_pct: cpuPct,
        rss_mb: round1(peakPssKb / 1024)!,
        rss_main_mb: round1(peakMainKb / 1024)!,
        tmux_spawns_per_s: round1((after.spawns - before.spawns) / seconds)!,
        key_latency_ms: keys ? { p50: round1(percentile(keys.latencies, 50)), p95: round1(percentile(keys.latencies, 95)) } : null,
        writer_blocked_ms: writer?.blockedMs ?? null,
        seconds: round1(seconds)!,
        seen_workers: seenWorkers.size,
        markers_written: written,
        markers_written_by_seen_workers: writtenBySeen,
        markers_seen: latencies.length,
        tmux_cpu_pct: tmuxPct,
        display_tmux_cpu_pct: displayPct,
        total_cpu_pct: round1(cpuPct + tmuxPct)!,
        all_cpu_pct: round1(cpuPct + tmuxPct + (displayPct ?? 0))!,
        mirror,
        mirror_after_load: afterLoad,
        ...(o.watcher === 'tmux' ? { panes_shown: server.workers.length } : {}),
        output_kb_per_s: w.outputBytes ? round1((after.bytes - before.bytes) / 1024 / seconds) : null,
        key_presses: keys?.latencies.length ?? 0,
        key_timeouts: keys?.timeouts ?? 0,
        dropped_writes: report.dropped,
        ...(writer ? { writer } : {}),
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    killGenerator();
    cellCleanups.delete(killGenerator);
    await watcher?.stop().catch(() => undefined);
    await server.kill();
  }
}

