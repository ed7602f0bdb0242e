/**
 * Runs as the program of one worker pane: on SIGUSR2 it writes ~2 MB/s to
 * its terminal (a 20 KB chunk every 10 ms) for a few seconds and records how
 * long its writes were stalled, then writes the result as JSON to the file
 * named by argv[2] and stays (so the pane stays).
 *
 *   node blockedWriter.js RESULT_FILE [SECONDS]
 *
 * A write to a terminal returns as soon as the kernel's buffer takes it;
 * it blocks only when tmux stops reading the pane, which is what a watcher
 * must never cause.
 */
import { renameSync, writeFileSync, writeSync } from 'node:fs';
import { nowMs } from './percentiles.js';

export interface WriterResult {
  /** Sum over writes of the time past STALL_MS each took. */
  blockedMs: number;
  maxWriteMs: number;
  /** The most the writer fell behind its 10 ms schedule. */
  maxLagMs: number;
  bytes: number;
  seconds: number;
  /** Every write over STALL_MS: [start time (nowMs), ms over STALL_MS], to tell stalls during a freeze from the rest. */
  stalls: Array<[number, number]>;
}

const STALL_MS = 5;
const EVERY_MS = 10;
const resultFile = process.argv[2];
const seconds = Number(process.argv[3] ?? 6);
const line = `${'blocked-writer 2MB/s '.padEnd(79, '.')}\n`;
const chunk = Buffer.from(line.repeat(Math.ceil(20_000 / line.length)));

/** Writes all of `data` to fd 1, retrying when the terminal is non-blocking and full. */
function writeAll(data: Buffer): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(1, data, off);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

async function run(): Promise<void> {
  const start = nowMs();
  const result: WriterResult = { blockedMs: 0, maxWriteMs: 0, maxLagMs: 0, bytes: 0, seconds, stalls: [] };
  for (let k = 0; k < (seconds * 1000) / EVERY_MS; k++) {
    const due = start + k * EVERY_MS;
    const wait = due - nowMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = nowMs();
    result.maxLagMs = Math.max(result.maxLagMs, t0 - due);
    writeAll(chunk);
    const took = nowMs() - t0;
    result.maxWriteMs = Math.max(result.maxWriteMs, took);
    if (took > STALL_MS) {
      result.blockedMs += took - STALL_MS;
      result.stalls.push([Math.round(t0), Math.round((took - STALL_MS) * 10) / 10]);
    }
    result.bytes += chunk.length;
  }
  for (const key of ['blockedMs', 'maxWriteMs', 'maxLagMs'] as const) result[key] = Math.round(result[key] * 10) / 10;
  writeFileSync(`${resultFile}.tmp`, JSON.stringify(result));
  renameSync(`${resultFile}.tmp`, resultFile!);
}

process.on('SIGUSR2', () => {
  run().catch((error: unknown) => {
    // Say why instead of dying silently: the bench reports it.
    writeFileSync(`${resultFile}.tmp`, JSON.stringify({ error: error instanceof Error ? error.stack ?? error.message : String(error) }));
    renameSync(`${resultFile}.tmp`, resultFile!);
  });
});
for (const signal of ['SIGHUP', 'SIGTERM', 'SIGPIPE'] as const) {
  process.on(signal, () => {
    writeFileSync(`${resultFile}.tmp`, JSON.stringify({ error: `the writer got ${signal}` }));
    renameSync(`${resultFile}.tmp`, resultFile!);
    process.exit(1);
  });
}
// Stay alive (and idle) until the pane is killed.
setInterval(() => undefined, 2 ** 30);
