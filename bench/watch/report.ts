/** The bench's result rows, the side-by-side tables and the JSON. */
import os from 'node:os';
import type { MirrorCounts } from './mirrorStats.js';

/** `tmux`: the panes tiled in one window shown to a plain tmux client (tmuxNative.ts). */
export type WatcherName = 'orch-tui' | 'baseline' | 'tmux';
/** Marker lines at `rate` (the matrix), or the Claude load while all work / all are idle (claudeCell.ts). */
export type LoadName = 'lines' | 'claude-working' | 'claude-idle';

export interface Latency {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface CellResult {
  watcher: WatcherName;
  /** Absent: 'lines'. */
  load?: LoadName;
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
  /** The display tmux server's CPU (orch-tui, tmux): the cost of the terminal the screen is drawn in. */
  display_tmux_cpu_pct: number | null;
  /** cpu_pct + tmux_cpu_pct: the watcher's tree and the work server. */
  total_cpu_pct?: number;
  /** total_cpu_pct + display_tmux_cpu_pct: all told, with the terminal. */
  all_cpu_pct?: number;
  /** The pane mirrors against capture-pane over the cell (orch-tui only; see mirrorStats.ts). */
  mirror?: MirrorCounts | null;
  /** The part of `mirror` after the load stopped: the quiet comparisons (one per mirrored pane is expected). */
  mirror_after_load?: MirrorCounts | null;
  /** Panes in the tiled window (tmux only): all N, whatever fits the terminal. */
  panes_shown?: number;
  /** Claude load: workers whose session file said busy (working) or idle (idle) at the end of the window: N, or the row is not what it says. */
  claude_in_state?: number;
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
const count = (x: number | undefined) => (x === undefined ? '-' : String(x));

type Column = [string, number, (r: CellResult) => string];

const CPU_COLUMNS: Column[] = [
  ['cpu%', 6, (r) => fmt(r.cpu_pct)],
  ['tmux%', 6, (r) => fmt(r.tmux_cpu_pct)],
  ['total%', 6, (r) => fmt(r.total_cpu_pct)],
  ['disp%', 6, (r) => fmt(r.display_tmux_cpu_pct)],
];
const MIRROR_COLUMNS: Column[] = [
  ['cmp', 5, (r) => count(r.mirror?.compared)],
  ['dis', 4, (r) => count(r.mirror?.disagreed)],
  ['disQ', 4, (r) => count(r.mirror?.disagreed_quiet)],
];

const COLUMNS: Column[] = [
  ['watcher', 9, (r) => r.watcher],
  ['N', 4, (r) => String(r.workers)],
  ['rate', 5, (r) => String(r.rate)],
  ['seen', 8, (r) => `${r.seen_workers}/${r.workers}`],
  ['lines%', 6, (r) => (r.markers_written_by_seen_workers ? ((100 * r.markers_seen) / r.markers_written_by_seen_workers).toFixed(0) : '-')],
  ['p50', 7, (r) => fmt(r.latency_ms.p50)],
  ['p95', 7, (r) => fmt(r.latency_ms.p95)],
  ['p99', 7, (r) => fmt(r.latency_ms.p99)],
  ['up95', 7, (r) => fmt(r.catchup_latency_ms.p95)],
  ...CPU_COLUMNS,
  ['pssMB', 6, (r) => fmt(r.rss_mb)],
  ['rssMB', 6, (r) => fmt(r.rss_main_mb)],
  ['spawn/s', 8, (r) => fmt(r.tmux_spawns_per_s)],
  ['key50', 6, (r) => fmt(r.key_latency_ms?.p50)],
  ['key95', 6, (r) => fmt(r.key_latency_ms?.p95)],
  ['blocked', 8, (r) => fmt(r.writer_blocked_ms)],
  ...MIRROR_COLUMNS,
];

const CLAUDE_COLUMNS: Column[] = [
  ['watcher', 9, (r) => r.watcher],
  ['N', 4, (r) => String(r.workers)],
  ['claude', 8, (r) => (r.load === 'claude-idle' ? 'idle' : 'working')],
  ['state', 6, (r) => `${count(r.claude_in_state)}/${r.workers}`],
  ...CPU_COLUMNS,
  ['pssMB', 6, (r) => fmt(r.rss_mb)],
  ['rssMB', 6, (r) => fmt(r.rss_main_mb)],
  ['spawn/s', 8, (r) => fmt(r.tmux_spawns_per_s)],
  ['out kB/s', 8, (r) => fmt(r.output_kb_per_s)],
  ...MIRROR_COLUMNS,
];

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? '-' : `${(a / b).toFixed(2)}x`;

const row = (columns: Column[], cells: string[]) => cells.map((c, i) => c.padStart(columns[i]![1])).join(' ');

/**
 * The line load: one row per cell, and under each cell the ratios of
 * orch-tui to the baseline (latency p95, its tree's CPU, tree + work
 * server) and to tmux itself (all told: tree + work server + display
 * server). Then the Claude load, if it ran.
 */
export function formatTable(results: readonly CellResult[]): string {
  const lines = results.filter((r) => (r.load ?? 'lines') === 'lines');
  const claude = results.filter((r) => (r.load ?? 'lines') !== 'lines');
  const out = [
    'line → screen latency (ms, over lines shown; up95: p95 until that line or a later one of its worker showed), CPU (% of one core; total = watcher tree + work tmux server; disp = the display server), memory (MB), tmux processes/s, key → frame (ms), writer stalled (ms), mirror vs capture-pane (compared, disagreed, disagreed while quiet)',
    row(COLUMNS, COLUMNS.map(([name]) => name)),
  ];
  const cells = new Map<string, CellResult[]>();
  for (const r of lines) {
    const key = `${r.workers}/${r.rate}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  for (const rows of cells.values()) {
    for (const r of rows) out.push(row(COLUMNS, COLUMNS.map(([, , get]) => get(r))));
    const ours = rows.find((r) => r.watcher === 'orch-tui');
    const base = rows.find((r) => r.watcher === 'baseline');
    const native = rows.find((r) => r.watcher === 'tmux');
    const notes: string[] = [];
    if (ours && base) {
      notes.push(`orch-tui/baseline: latency p95 ${ratio(ours.latency_ms.p95, base.latency_ms.p95)}, cpu ${ratio(ours.cpu_pct, base.cpu_pct)}, total ${ratio(ours.total_cpu_pct, base.total_cpu_pct)}`);
    }
    if (ours && native) notes.push(`orch-tui/tmux: all told (with display) ${ratio(ours.all_cpu_pct, native.all_cpu_pct)}`);
    if (notes.length) out.push(`${''.padStart(20)}${notes.join('; ')}`);
  }
  if (claude.length) {
    out.push('', `Claude Code load: ${claude[0]!.workers} real workers on the fake model, while all stream a slow reply and while all are idle (CPU % of one core)`);
    out.push(row(CLAUDE_COLUMNS, CLAUDE_COLUMNS.map(([name]) => name)));
    for (const r of claude) out.push(row(CLAUDE_COLUMNS, CLAUDE_COLUMNS.map(([, , get]) => get(r))));
  }
  return out.join('\n');
}
