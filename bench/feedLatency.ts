/**
 * Benchmark (not a test): how long after a worker prints a line, or starts
 * working, the dashboard shows it. orch-tui runs in a tmux pane beside
 * three workers (a session named with a `.`, one printing emoji and CJK,
 * one printing a line every 0.5 s) and a shell; markers are printed into
 * the shell at random moments and the dashboard's pane is read with
 * capture-pane every 10 ms until the marker (or the state) appears.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/feedLatency.js [--samples N] [--interval MS]
 *
 * Prints a table, then one JSON line.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestServer, waitFor } from '../test/harness/tmuxServer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../src/cli.js');

const { values } = parseArgs({ options: { samples: { type: 'string' }, interval: { type: 'string' } } });
const samples = Number(values.samples ?? 30);
const interval = Number(values.interval ?? 500);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const server = await startTestServer();
  try {
    await server.tmux('new-session', '-d', '-s', 'my.proj', '--', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.5; done');
    await server.tmux('new-session', '-d', '-s', 'emoji', '--', 'sh', '-c', 'printf "🚀 中文字 ✅\\n"; exec sleep 2147483647');
    const shell = await server.tmux('new-session', '-d', '-s', 'shell', '-P', '-F', '#{pane_id}', '--', 'env', 'PS1=$ ', 'bash', '--norc', '--noprofile');
    const dash = await server.tmux('new-session', '-d', '-s', 'dash', '-x', '180', '-y', '45', '-P', '-F', '#{pane_id}', '--',
      process.execPath, CLI, '--interval', String(interval), '--no-bell', '--no-notify');
    const screen = () => server.tmux('capture-pane', '-p', '-t', dash);
    await waitFor(async () => {
      if (!(await screen()).includes('shell · ')) throw new Error('dashboard not up');
    }, { timeoutMs: 20_000 });

    const lineLatency: number[] = [];
    for (let i = 0; i < samples; i++) {
      await sleep(150 + Math.random() * 700);
      const marker = `m${i}x${Math.random().toString(36).slice(2, 8)}`;
      await server.tmux('send-keys', '-t', shell, '-l', '--', `echo ${marker}`);
      await server.tmux('send-keys', '-t', shell, 'Enter');
      const printed = Date.now();
      // The echo output line (not the typed command) appears alone on its line.
      const pattern = new RegExp(`[│║]${marker}\\s*[│║]`);
      await waitFor(async () => {
        if (!pattern.test(await screen())) throw new Error('not yet');
      }, { timeoutMs: 10_000, intervalMs: 10 });
      lineLatency.push(Date.now() - printed);
    }

    const stateLatency: number[] = [];
    for (let i = 0; i < Math.max(5, Math.floor(samples / 3)); i++) {
      await waitFor(async () => {
        if (!/shell · ● idle/.test(await screen())) throw new Error('not idle');
      }, { timeoutMs: 10_000, intervalMs: 20 });
      await sleep(200 + Math.random() * 500);
      await server.tmux('send-keys', '-t', shell, '-l', '--', 'sleep 2');
      await server.tmux('send-keys', '-t', shell, 'Enter');
      const started = Date.now();
      await waitFor(async () => {
        if (!/shell · \S+ working/.test(await screen())) throw new Error('not working');
      }, { timeoutMs: 10_000, intervalMs: 10 });
      stateLatency.push(Date.now() - started);
    }

    const rows = [
      ['line printed → on the dashboard', lineLatency],
      ['shell starts a program → "working"', stateLatency],
    ] as const;
    console.log(`feed latency, --interval ${interval} ms (ms)`);
    console.log('what'.padEnd(40), 'n'.padStart(4), 'p50'.padStart(6), 'p95'.padStart(6), 'max'.padStart(6));
    for (const [what, xs] of rows) {
      console.log(what.padEnd(40), String(xs.length).padStart(4), String(percentile(xs, 50)).padStart(6), String(percentile(xs, 95)).padStart(6), String(Math.max(...xs)).padStart(6));
    }
    console.log(JSON.stringify({
      bench: 'feedLatency', intervalMs: interval,
      line: { n: lineLatency.length, p50: percentile(lineLatency, 50), p95: percentile(lineLatency, 95), max: Math.max(...lineLatency) },
      state: { n: stateLatency.length, p50: percentile(stateLatency, 50), p95: percentile(stateLatency, 95), max: Math.max(...stateLatency) },
    }));
  } finally {
    await server.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
