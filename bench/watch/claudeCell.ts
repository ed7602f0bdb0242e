/**
 * The Claude load: N real Claude Code workers (the pinned devDependency)
 * against the fake Anthropic API of test/harness on loopback, watched by
 * orch-tui in its 200x50 display pane. Two measurement windows give two
 * rows: while every worker streams a slow reply (a few words every
 * REPLY_DELTA_MS: Claude Code shows the text as it comes), and
 * after every turn ended, while all sit idle at their prompt. Each row
 * checks its own premise: how many workers' session files said busy (or
 * idle) at the end of the window.
 */
import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startFakeAnthropic, type FakeAnthropic, type ScriptedReply } from '../../test/harness/fakeAnthropic.js';
import { makeClaudeHome, readSessionFile, sendPrompt, type ClaudeEnv } from '../../test/harness/claudeWorker.js';
import { waitFor } from '../../test/harness/tmuxServer.js';
import { startBenchClaude } from '../benchClaude.js';
import { benchSocket, serverHandle, workerSession, type BenchServer } from './benchServers.js';
import { mirrorDelta, readMirrorStatsWhole, type MirrorCounts } from './mirrorStats.js';
import { nowMs, round1 } from './percentiles.js';
import { cpuPercent, reap, readSelfTicks, readTreeMemory, readTreeTicks } from './procStats.js';
import type { CellResult } from './report.js';
import { cellCleanups } from './runCell.js';
import { startOrchTui, type RunningWatcher } from './watchers.js';

export interface ClaudeCellOptions {
  workers: number;
  seconds: number;
  warmupSeconds: number;
  dir: string;
  clockTicks: number;
  /** The repository root. */
  root: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One text delta this often per worker: a slow stream. */
const REPLY_DELTA_MS = 150;
/** Characters per delta (a few words). */
const DELTA_CHARS = 24;
/** Time allowed for typing the prompts into every worker. */
const SEND_BUDGET_MS = 30_000;
/** Time between the first and the last worker's request the streams are sized for (more shortens the working window). */
const SPREAD_BUDGET_MS = 8000;
/** After the last prompt was taken / the last turn ended, before a window starts. */
const SETTLE_MS = 2000;

/** A reply of `deltas` text deltas REPLY_DELTA_MS apart: numbered lines of prose. */
export function slowReply(deltas: number): ScriptedReply {
  let text = '';
  for (let line = 1; text.length < deltas * DELTA_CHARS; line++) {
    text += `Line ${line} of a slow reply, streamed a few words at a time.\n`;
  }
  return { kind: 'text', text: text.slice(0, deltas * DELTA_CHARS), chunks: deltas, delayMs: REPLY_DELTA_MS };
}

interface Window {
  seconds: number;
  ticks: number;
  tmux: number;
  display: number;
  spawns: number;
  bytes: number;
  peakPssKb: number;
  peakMainKb: number;
}

/** CPU and spawns of orch-tui's tree, the work server and the display server over `seconds`; peak Pss sampled throughout. */
async function measure(w: RunningWatcher, server: BenchServer, seconds: number): Promise<Window> {
  let peakPssKb = 0;
  let peakMainKb = 0;
  const sample = () => {
    const m = readTreeMemory(w.pid);
    peakPssKb = Math.max(peakPssKb, m.pssKb);
    peakMainKb = Math.max(peakMainKb, m.rootRssKb);
  };
  const read = async () => ({
    at: nowMs(), ticks: readTreeTicks(w.pid), tmux: readSelfTicks(server.pid),
    display: w.displayServerPid ? readSelfTicks(w.displayServerPid) : 0, spawns: await w.spawns(), bytes: w.outputBytes?.() ?? 0,
  });
  sample();
  const sampler = setInterval(sample, 250);
  try {
    const before = await read();
    await sleep(seconds * 1000);
    const after = await read();
    return {
      seconds: (after.at - before.at) / 1000, ticks: after.ticks - before.ticks, tmux: after.tmux - before.tmux,
      display: after.display - before.display, spawns: after.spawns - before.spawns, bytes: after.bytes - before.bytes, peakPssKb, peakMainKb,
    };
  } finally {
    clearInterval(sampler);
  }
}

function row(o: ClaudeCellOptions, load: 'claude-working' | 'claude-idle', m: Window, mirror: MirrorCounts | null, inState: number): CellResult {
  const cpu = (ticks: number) => round1(cpuPercent(0, ticks, m.seconds, o.clockTicks))!;
  const none = { p50: null, p95: null, p99: null };
  const [tree, tmux, display] = [cpu(m.ticks), cpu(m.tmux), cpu(m.display)];
  return {
    watcher: 'orch-tui', load, workers: o.workers, rate: 0,
    latency_ms: none, catchup_latency_ms: none,
    cpu_pct: tree, rss_mb: round1(m.peakPssKb / 1024)!, rss_main_mb: round1(m.peakMainKb / 1024)!,
    tmux_spawns_per_s: round1(m.spawns / m.seconds)!, key_latency_ms: null, writer_blocked_ms: null,
    seconds: round1(m.seconds)!, seen_workers: 0, markers_written: 0, markers_written_by_seen_workers: 0, markers_seen: 0,
    tmux_cpu_pct: tmux, display_tmux_cpu_pct: display,
    total_cpu_pct: round1(tree + tmux)!, all_cpu_pct: round1(tree + tmux + display)!,
    output_kb_per_s: round1(m.bytes / 1024 / m.seconds), key_presses: 0, key_timeouts: 0, dropped_writes: 0,
    mirror, claude_in_state: inState,
  };
}

/** How many workers' session files say `status` now. */
async function countStatus(env: ClaudeEnv, pids: number[], status: string): Promise<number> {
  const files = await Promise.all(pids.map((pid) => readSessionFile(env, pid).catch(() => null)));
  return files.filter((f) => f?.status === status).length;
}

export async function runClaudeCell(o: ClaudeCellOptions): Promise<CellResult[]> {
  const dir = path.join(o.dir, `claude-${o.workers}`);
  await mkdir(dir, { recursive: true });
  let fake: FakeAnthropic | undefined;
  let env: ClaudeEnv | undefined;
  let server: BenchServer | undefined;
  let watcher: RunningWatcher | undefined;
  let claudePids: number[] = [];
  // Also on Ctrl-C (the bench runs cellCleanups).
  const removeHome = () => {
    for (const d of env ? [env.home, env.cwd] : []) rmSync(d, { recursive: true, force: true });
  };
  try {
    fake = await startFakeAnthropic();
    const f = fake;
    // Every stream ends at one moment, fixed by the first request: late enough that the
    // window (which starts SETTLE_MS after the last request) ends before it.
    let streamsEnd = 0;
    f.setResponder((request) => {
      if (request.kind !== 'main') return undefined;
      streamsEnd ||= Date.now() + SPREAD_BUDGET_MS + SETTLE_MS + o.seconds * 1000 + 1000;
      return slowReply(Math.max(1, Math.ceil((streamsEnd - Date.now()) / REPLY_DELTA_MS)));
    });
    env = await makeClaudeHome({ baseUrl: f.url });
    const e = env;
    cellCleanups.add(removeHome);
    const socket = benchSocket('claude');
    process.stderr.write(`starting ${o.workers} Claude Code… `);
    // The first one starts the server; the rest start side by side.
    await startBenchClaude(socket, e, workerSession(0));
    server = await serverHandle(socket);
    await Promise.all(Array.from({ length: o.workers - 1 }, (_, i) => startBenchClaude(socket, e, workerSession(i + 1))));
    const panes = (await server.tmux('list-panes', '-a', '-F', '#{pane_id} #{pane_pid}')).split('\n').filter(Boolean).map((l) => l.split(' '));
    claudePids = panes.map(([, pid]) => Number(pid));
    watcher = await startOrchTui(server, dir);
    const w = watcher;
    const stats = () => readMirrorStatsWhole(() => w.mirrorStats?.());
    await sleep(o.warmupSeconds * 1000);

    // All work.
    const workStart = await stats();
    await Promise.all(panes.map(([paneId], i) => sendPrompt(socket, paneId!, `Write worker ${i} a long answer, slowly.`)));
    const mains = () => f.requests.filter((r) => r.kind === 'main');
    await f.waitForRequest(() => mains().length >= o.workers, SEND_BUDGET_MS);
    // A late last request shortens the window (it must end before the streams do); too late fails the cell.
    await sleep(SETTLE_MS);
    const windowSeconds = Math.min(o.seconds, (streamsEnd - 500 - Date.now()) / 1000);
    if (windowSeconds < o.seconds / 2) {
      const spread = mains()[o.workers - 1]!.receivedAt - mains()[0]!.receivedAt;
      throw new Error(`the ${o.workers} Claude workers' requests came ${spread} ms apart: too late for a working window of ${o.seconds} s`);
    }
    const working = await measure(w, server, windowSeconds);
    const busy = await countStatus(e, claudePids, 'busy');
    const workEnd = await stats();

    // All idle: once every turn ended and its last frame is drawn.
    await waitFor(async () => {
      const idle = await countStatus(e, claudePids, 'idle');
      if (idle < o.workers) throw new Error(`${idle}/${o.workers} idle`);
    }, { timeoutMs: streamsEnd - Date.now() + 30_000, intervalMs: 250, message: 'the Claude workers never all went idle' });
    await sleep(SETTLE_MS);
    const resting = await measure(w, server, o.seconds);
    const idle = await countStatus(e, claudePids, 'idle');
    const idleEnd = await stats();
    return [
      row(o, 'claude-working', working, mirrorDelta(workStart, workEnd), busy),
      row(o, 'claude-idle', resting, mirrorDelta(workEnd, idleEnd), idle),
    ];
  } finally {
    await watcher?.stop().catch(() => undefined);
    await server?.kill();
    await reap(claudePids, 3000);
    await fake?.close();
    removeHome();
    cellCleanups.delete(removeHome);
  }
}
