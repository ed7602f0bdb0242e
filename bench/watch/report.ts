/** The bench's result rows, the side-by-side table and the JSON. */
import os from 'node:os';

export type WatcherName = 'orch-tui' | 'baseline';

export interface Latency {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface CellResult {
  watcher: WatcherName;
  workers: number;
  rate: number;
  latency_ms: Latency;
  /** Line printed → that line or a later one of its worker shown (see catchUpLatencies). */
  catchup_latency_ms: Latency;
  cpu_pct: number;
  /** Peak sum of Pss over the watcher's process tree. */
  rss_mb: number;
  /** Peak VmRSS of the watcher's main process alone. */
  rss_main_mb: number;
  tmux_spawns_per_s: number;
  key_latency_ms: { p50: number | null; p95: number | null } | null;
  /** Measured once per watcher (see README), copied into each of its rows. */
  writer_blocked_ms: number | null;
  // Extras: what the numbers above rest on.
  seconds: number;
  /** Load workers whose markers were seen at least once. */
  seen_workers: number;
  markers_written: number;
  /** Markers written by the workers in seen_workers: those the watcher could show. */
  markers_written_by_seen_workers: number;
  markers_seen: number;
  /** The worker tmux server's CPU, % of one core. */
  tmux_cpu_pct: number;
  /** The display tmux server's CPU (orch-tui only): the cost of its terminal output. */
  display_tmux_cpu_pct: number | null;
  /** Bytes a second orch-tui wrote to its terminal. */
  output_kb_per_s: number | null;
  key_presses: number;
  key_timeouts: number;
  dropped_writes: number;
  writer?: {
    blockedMs: number;
    /** The part of blockedMs in writes that started while the watcher was frozen. */
    blockedDuringFreezeMs: number;
    maxWriteMs: number;
    maxLagMs: number;
    bytes: number;
    seconds: number;
    frozenMs: number;
  };
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  mem_gb: number;
  node: string;
  tmux: string;
  kernel: string;
  terminal: string;
}

export function machineInfo(tmuxVersion: string, terminal: string): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    mem_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    tmux: tmuxVersion,
    kernel: `${os.type()} ${os.release()}`,
    terminal,
  };
}

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '-' : x.toFixed(digits));

const COLUMNS: Array<[string, number, (r: CellResult) => string]> = [
  ['watcher', 9, (r) => r.watcher],
  ['N', 4, (r) => String(r.workers)],
  ['rate', 5, (r) => String(r.rate)],
  ['seen', 8, (r) => `${r.seen_workers}/${r.workers}`],
  ['lines%', 6, (r) => (r.markers_written_by_seen_workers ? ((100 * r.markers_seen) / r.markers_written_by_seen_workers).toFixed(0) : '-')],
  ['p50', 7, (r) => fmt(r.latency_ms.p50)],
  ['p95', 7, (r) => fmt(r.latency_ms.p95)],
  ['p99', 7, (r) => fmt(r.latency_ms.p99)],
  ['up95', 7, (r) => fmt(r.catchup_latency_ms.p95)],
  ['cpu%', 6, (r) => fmt(r.cpu_pct)],
  ['tmux%', 6, (r) => fmt(r.tmux_cpu_pct)],
  ['pssMB', 6, (r) => fmt(r.rss_mb)],
  ['rssMB', 6, (r) => fmt(r.rss_main_mb)],
  ['spawn/s', 8, (r) => fmt(r.tmux_spawns_per_s)],
  ['key50', 6, (r) => fmt(r.key_latency_ms?.p50)],
  ['key95', 6, (r) => fmt(r.key_latency_ms?.p95)],
  ['blocked', 8, (r) => fmt(r.writer_blocked_ms)],
];

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? '-' : `${(a / b).toFixed(2)}x`);

/** One row per cell, and under each orch-tui/baseline pair the ratios of latency p95 and CPU. */
export function formatTable(results: readonly CellResult[]): string {
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(COLUMNS[i]![1])).join(' ');
  const out = [
    'line → screen latency (ms, over lines shown; up95: p95 until that line or a later one of its worker showed), CPU (% of one core), memory (MB), tmux processes/s, key → frame (ms), writer stalled (ms)',
    line(COLUMNS.map(([name]) => name)),
  ];
  const cells = new Map<string, CellResult[]>();
  for (const r of results) {
    const key = `${r.workers}/${r.rate}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  for (const rows of cells.values()) {
    for (const r of rows) out.push(line(COLUMNS.map(([, , get]) => get(r))));
    const ours = rows.find((r) => r.watcher === 'orch-tui');
    const base = rows.find((r) => r.watcher === 'baseline');
    if (ours && base) {
      out.push(`${''.padStart(20)}orch-tui/baseline: latency p95 ${ratio(ours.latency_ms.p95, base.latency_ms.p95)}, cpu ${ratio(ours.cpu_pct, base.cpu_pct)}`);
    }
  }
  return out.join('\n');
}
