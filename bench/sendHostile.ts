/**
 * Benchmark (not a test): hostile texts sent to a real Claude Code through
 * `orch-tui send --when-idle`, one after another, and what the model
 * received for each: delivered, lost, doubled, altered, and send latency.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/sendHostile.js [--count N] [--seed S]
 *
 * Runs from the repository root. Starts its own private tmux server, the
 * fake Anthropic API on loopback and one Claude Code (test/harness); all
 * are stopped at the end. Prints a table, then one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../test/harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../test/harness/fakeAnthropic.js';
import { makeClaudeHome } from '../test/harness/claudeWorker.js';
import { startBenchClaude } from './benchClaude.js';
import { claudeSees, hostileTexts, unframePaste } from './hostileTexts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../src/cli.js');

interface Outcome {
  delivered: boolean;
  message: string;
  evidence?: string;
  enterPresses: number;
  elapsedMs: number;
}

interface Sent {
  text: string;
  exitCode: number;
  outcome: Outcome | undefined;
  stderr: string;
  wallMs: number;
  /** Index of the first model request that may belong to this send. */
  firstRequest: number;
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' } } });
  const texts = hostileTexts(Number(values.count), Number(values.seed));
  if (new Set(texts).size !== texts.length) throw new Error('generated texts are not distinct');

  const scratch = await mkdtemp(path.join(tmpdir(), 'orch-bench-send-'));
  let server: TestServer | undefined;
  let fake: FakeAnthropic | undefined;
  const claudeDirs: string[] = [];
  try {
    server = await startTestServer();
    fake = await startFakeAnthropic();
    const env = await makeClaudeHome({ baseUrl: fake.url });
    claudeDirs.push(env.home, env.cwd);
    const claude = await startBenchClaude(server.socket, env, 'bench');
    process.stderr.write(`Claude Code ready in ${claude.startupMs} ms; sending ${texts.length} texts\n`);
    const socket = server.socket;
    const model = fake;
    const mainTexts = () => model.requests.filter((r) => r.kind === 'main').map((r) => unframePaste(r.lastUserText) ?? '');

    const sent: Sent[] = [];
    for (const [i, text] of texts.entries()) {
      const firstRequest = mainTexts().length;
      const started = performance.now();
      const result = await execa(process.execPath, [CLI, '-L', socket, 'send', 'bench', '--when-idle', '--timeout', '60', '--json', '--', text], {
        reject: false,
        env: { XDG_STATE_HOME: path.join(scratch, 'state') },
      });
      const wallMs = performance.now() - started;
      let outcome: Outcome | undefined;
      try {
        outcome = JSON.parse(result.stdout) as Outcome;
      } catch {
        outcome = undefined;
      }
      sent.push({ text, exitCode: result.exitCode ?? -1, outcome, stderr: result.stderr, wallMs, firstRequest });
      if ((i + 1) % 25 === 0) process.stderr.write(`  ${i + 1}/${texts.length}\n`);
    }
    // Let the last turn reach the model before counting.
    const delivered = sent.filter((s) => s.outcome?.delivered).length;
    await waitFor(() => {
      if (mainTexts().length < delivered) throw new Error(`${mainTexts().length} of ${delivered} requests`);
    }, { timeoutMs: 30_000 }).catch(() => undefined);

    const received = mainTexts();
    const expected = new Set(texts.map(claudeSees));
    let lost = 0;
    let doubled = 0;
    const problems: string[] = [];
    for (const [i, s] of sent.entries()) {
      const want = claudeSees(s.text);
      const times = received.filter((r) => r === want).length;
      if (times === 0) {
        lost++;
        const window = received.slice(s.firstRequest, sent[i + 1]?.firstRequest ?? received.length);
        problems.push(`lost #${i} ${JSON.stringify(s.text.slice(0, 80))}: ${s.outcome?.message ?? s.stderr.trim()}; model got ${JSON.stringify(window.map((w) => w.slice(0, 80)))}`);
      }
      if (times > 1) {
        doubled += times - 1;
        problems.push(`doubled #${i} (${times}x) ${JSON.stringify(s.text.slice(0, 80))}`);
      }
    }
    const alteredTexts = received.filter((r) => !expected.has(r));
    for (const a of alteredTexts.slice(0, 10)) problems.push(`altered: ${JSON.stringify(a.slice(0, 120))}`);

    const wall = sent.map((s) => s.wallMs);
    const inSend = sent.flatMap((s) => (s.outcome ? [s.outcome.elapsedMs] : []));
    const enters = sent.flatMap((s) => (s.outcome?.delivered ? [s.outcome.enterPresses] : []));
    const evidence = new Map<string, number>();
    for (const s of sent) if (s.outcome?.evidence) evidence.set(s.outcome.evidence, (evidence.get(s.outcome.evidence) ?? 0) + 1);
    const summary = {
      bench: 'sendHostile',
      sent: sent.length,
      delivered,
      lost,
      doubled,
      altered: alteredTexts.length,
      modelRequests: received.length,
      p50Ms: Math.round(percentile(wall, 50)),
      p95Ms: Math.round(percentile(wall, 95)),
      sendP50Ms: Math.round(percentile(inSend, 50)),
      sendP95Ms: Math.round(percentile(inSend, 95)),
      extraEnters: enters.filter((n) => n > 1).length,
      evidence: Object.fromEntries(evidence),
      claudeStartupMs: claude.startupMs,
    };
    const rows: Array<[string, string | number]> = [
      ['texts sent (orch-tui send --when-idle)', summary.sent],
      ['reported delivered', summary.delivered],
      ['lost (never reached the model)', summary.lost],
      ['doubled (reached it twice)', summary.doubled],
      ['altered (reached it changed)', summary.altered],
      ['model requests', summary.modelRequests],
      ['send latency p50 / p95, whole CLI run (ms)', `${summary.p50Ms} / ${summary.p95Ms}`],
      ['  of which inside the checked send p50 / p95 (ms)', `${summary.sendP50Ms} / ${summary.sendP95Ms}`],
      ['sends that needed a second Enter', summary.extraEnters],
      ...[...evidence].map(([what, n]): [string, number] => [`  confirmed by: ${what}`, n]),
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    for (const p of problems.slice(0, 20)) process.stdout.write(`! ${p}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return lost + doubled + alteredTexts.length === 0 && delivered === sent.length ? 0 : 1;
  } finally {
    await server?.kill();
    await fake?.close();
    for (const dir of [scratch, ...claudeDirs]) await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sendHostile: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
