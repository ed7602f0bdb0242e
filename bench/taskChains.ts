/**
 * Benchmark (not a test): multi-line tasks chained through the task queue,
 * each with the previous task's result pasted in (the seed's workflow), sent
 * by `orch-tui run` to real Claude Code workers that have just started or
 * just finished a turn, while burner processes keep every core busy. Counts
 * what the model received: partial, lost, doubled, altered.
 *
 *   npm run bench:tasks -- [--tasks 300] [--workers 3] [--per-life 5] [--burners N]
 *
 * Runs from the repository root. Starts its own private tmux server, the
 * fake Anthropic API on loopback, the burners and `orch-tui run`; all are
 * stopped at the end. Prints a table, then one JSON line; exit 0 only when
 * every task was done and arrived exactly once, whole.
 *
 * Each worker slot runs lives of `--per-life` tasks: a new Claude Code is
 * started and its first task (after the previous life's last, whose result
 * it carries) is queued at once, so it goes to a Claude still starting; the
 * rest of the life's tasks go to a Claude that has just finished a turn.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa, type ResultPromise } from 'execa';
import { runTmux, startTestServer, type TestServer } from '../test/harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../test/harness/fakeAnthropic.js';
import { makeClaudeHome } from '../test/harness/claudeWorker.js';
import { startBenchClaude } from './benchClaude.js';
import { unframePaste } from './hostileTexts.js';
import { countChains } from './chainCounts.js';
import { percentile } from './watch/percentiles.js';
import { journalFor, TaskQueue } from '../src/tasks/taskQueue.js';
import type { Task } from '../src/tasks/taskTypes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '../src/cli.js');
const ROOT = process.cwd();
const LIFE_TIMEOUT_MS = 240_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task's text: several lines, the previous result pasted in the middle. */
function taskText(slot: number, step: number, previous: string | undefined): string {
  return [
    `Step ${step} for w${slot}.`,
    previous ? 'The previous step replied:' : 'This starts the chain: nothing came before.',
    ...(previous ? [`{{result:${previous}}}`] : []),
    `Check it, then reply with the token for step ${step} (and nothing else).`,
  ].join('\n');
}

/** The model's answer to step `step` of slot `slot`: several lines too, so the next task pastes them. */
function answerText(slot: string, step: string): string {
  return `TOKEN ${slot}-${step}\n  details: step ${step} passed; next is ${Number(step) + 1}\n- see \`out/${slot}-${step}.json\` {ok: true}`;
}

const burnerSource = 'for (;;) { Math.sqrt(Math.random()); }';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '300' }, workers: { type: 'string', default: '3' },
      'per-life': { type: 'string', default: '5' }, burners: { type: 'string', default: String(os.cpus().length) },
    },
  });
  const total = Number(values.tasks);
  const slots = Number(values.workers);
  const perLife = Number(values['per-life']);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'orch-bench-chains-'));
  const env = { XDG_STATE_HOME: path.join(scratch, 'state') };
  let server: TestServer | undefined;
  let fake: FakeAnthropic | undefined;
  let runner: ResultPromise | undefined;
  const burners: ChildProcess[] = [];
  const claudeDirs: string[] = [];
  const loads: number[] = [];
  try {
    server = await startTestServer();
    fake = await startFakeAnthropic();
    fake.setResponder((request) => {
      const step = /^Step (\d+) for (w\d+)\./.exec(unframePaste(request.lastUserText) ?? '');
      return step ? { kind: 'text', text: answerText(step[2]!, step[1]!), delayMs: 30, chunks: 3 } : undefined;
    });
    const claudeEnv = await makeClaudeHome({ baseUrl: fake.url });
    claudeDirs.push(claudeEnv.home, claudeEnv.cwd);
    const socket = server.socket;
    const cli = (args: string[]) => execa(process.execPath, [CLI, '-L', socket, ...args], { reject: false, env });
    for (let i = 0; i < Number(values.burners); i++) burners.push(spawn(process.execPath, ['-e', burnerSource], { stdio: 'ignore' }));
    const loadTimer = setInterval(() => loads.push(os.loadavg()[0]!), 5000);
    runner = execa(process.execPath, [CLI, '-L', socket, '--interval', '200', 'run'], { reject: false, env });
    const queue = new TaskQueue(journalFor({ socketName: socket }, env));
    const started = Date.now();
    let lives = 0;

    const runSlot = async (slot: number): Promise<void> => {
      const quota = Math.floor(total / slots) + (slot < total % slots ? 1 : 0);
      let step = 0;
      let previous: string | undefined;
      for (let life = 0; step < quota; life++) {
        const name = `w${slot}-${life}`;
        await startBenchClaude(socket, claudeEnv, name, ROOT, { waitForPrompt: false });
        lives++;
        let last = '';
        for (let k = 0; k < perLife && step < quota; k++) {
          step++;
          last = `w${slot}-${step}`;
          const added = await cli(['task', 'add', name, taskText(slot, step, previous), '--id', last, ...(previous ? ['--after', previous] : [])]);
          if (added.exitCode !== 0) throw new Error(`task add ${last}: ${added.stderr}`);
          previous = last;
        }
        const deadline = Date.now() + LIFE_TIMEOUT_MS;
        let finished: Task | undefined;
        while (Date.now() < deadline) {
          finished = (await queue.list()).tasks.find((t) => t.id === last && (t.state === 'done' || t.state === 'failed'));
          if (finished) break;
          await sleep(500);
        }
        // A chain broken by a failure starts afresh in the next life, so the bench goes on.
        if (finished?.state !== 'done') previous = undefined;
        await runTmux(socket, ['kill-session', '-t', `=${name}`]).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: slots }, (_, slot) => runSlot(slot)));
    const wallS = (Date.now() - started) / 1000;
    clearInterval(loadTimer);

    const tasks = (await queue.list()).tasks;
    const received = fake.requests.filter((r) => r.kind === 'main').map((r) => r.lastUserText);
    const counts = countChains(tasks, received);
    const events = (await queue.journal.read()).events;
    const at = (type: string) => new Map(events.filter((e) => e.type === type).map((e) => [e.id, e.at]));
    const sending = at('sending');
    const sent = at('sent');
    const sendMs = tasks.flatMap((t) => (sending.has(t.id) && sent.has(t.id) ? [sent.get(t.id)! - sending.get(t.id)!] : []));
    const unsent = events.filter((e) => e.type === 'unsent').length;
    const summary = {
      bench: 'taskChains',
      tasks: counts.tasks, done: counts.done, failed: counts.failed,
      partial: counts.partial, reportedPartial: counts.reportedPartial, lost: counts.lost, doubled: counts.doubled, altered: counts.altered,
      arrivedOnce: counts.arrivedOnce,
      toJustStarted: lives, toJustFinished: counts.tasks - lives,
      sendsPutOffNotReady: unsent,
      multiLine: tasks.filter((t) => (t.sentText ?? t.text).includes('\n')).length,
      withResultPasted: tasks.filter((t) => t.text.includes('{{result:')).length,
      sendP50Ms: percentile(sendMs, 50), sendP95Ms: percentile(sendMs, 95),
      workers: slots, perLife, burners: burners.length, cores: os.cpus().length,
      loadAvg1m: loads.length ? Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 10) / 10 : null,
      wallS: Math.round(wallS),
    };
    const rows: Array<[string, string | number | null]> = [
      ['tasks (multi-line / with a result pasted in)', `${summary.tasks} (${summary.multiLine} / ${summary.withResultPasted})`],
      ['  to a Claude just started / just finished a turn', `${summary.toJustStarted} / ${summary.toJustFinished}`],
      ['done', summary.done],
      ['failed', summary.failed],
      ['partial (first part submitted alone)', summary.partial],
      ['  of which the send reported', summary.reportedPartial],
      ['lost (never reached the model)', summary.lost],
      ['doubled (reached it twice)', summary.doubled],
      ['altered (reached it changed)', summary.altered],
      ['sends put off (Claude not ready yet)', summary.sendsPutOffNotReady],
      ['checked send p50 / p95 (ms)', `${summary.sendP50Ms} / ${summary.sendP95Ms}`],
      ['Claude workers at once / lives', `${slots} / ${lives}`],
      ['CPU burners / cores / mean 1-min load', `${summary.burners} / ${summary.cores} / ${summary.loadAvg1m}`],
      ['wall time (s)', summary.wallS],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    for (const p of counts.problems.slice(0, 20)) process.stdout.write(`! ${p}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    const clean = counts.partial + counts.lost + counts.doubled + counts.altered + counts.failed === 0 && counts.done === counts.tasks;
    return clean ? 0 : 1;
  } finally {
    for (const burner of burners) burner.kill('SIGKILL');
    runner?.kill('SIGTERM');
    await runner?.catch(() => undefined);
    await server?.kill();
    await fake?.close();
    for (const dir of [scratch, ...claudeDirs]) await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`taskChains: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
