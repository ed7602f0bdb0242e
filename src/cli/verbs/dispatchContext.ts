import path from 'node:path';
import { createDispatcher, type Dispatcher } from '../../dispatch/dispatcher.js';
import { serverKey, stateDir } from '../../stateDir.js';
import type { VerbContext } from '../verbContext.js';
import { UsageError } from '../globalOptions.js';
import type { SendOutcome } from '../../dispatch/checkedSend.js';

export function dispatcherFor(ctx: VerbContext): Dispatcher {
  return createDispatcher({
    adapter: ctx.adapter(),
    lockDir: path.join(stateDir(), 'locks', serverKey(ctx.global.server)),
  });
}

/** `--timeout S` as milliseconds. */
export function parseTimeout(raw: string | undefined, fallbackS: number): number {
  if (raw === undefined) return fallbackS * 1000;
  const s = Number(raw);
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(`--timeout takes a positive number of seconds, not "${raw}".`);
  return s * 1000;
}

/** Print outcomes (JSON or one line each); exit 0 only if every target (skipped ones are none) got the text. */
export function reportOutcomes(ctx: VerbContext, outcomes: SendOutcome[], json: boolean | undefined): number {
  if (json) ctx.out(JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes, null, 2));
  const failed = outcomes.filter((o) => !o.delivered && !o.skipped);
  if (!json) for (const o of outcomes) if (o.delivered || o.skipped) ctx.out(o.message);
  for (const o of failed) process.stderr.write(`orch-tui: ${o.message}\n`);
  return failed.length === 0 ? 0 : 1;
}

/** All of stdin, with one trailing newline removed (as `$(...)` does). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
