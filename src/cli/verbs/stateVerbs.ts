import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { classifyScreen } from '../../state/classifyScreen.js';
import type { AgentKind, AgentStateName } from '../../state/agentState.js';
import { STATE_NAMES, waitForState } from '../../dispatch/waitForState.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { parseTimeout, readStdin } from './dispatchContext.js';

const KINDS: readonly AgentKind[] = ['claude', 'codex', 'gemini', 'aider', 'generic'];
const STATES = STATE_NAMES;

/** `classify [--agent KIND] [FILE | -]`: why a screen shows as it does. */
export async function classifyVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true, options: { agent: { type: 'string' }, json: { type: 'boolean' } },
  });
  const kind = values.agent as AgentKind | undefined;
  if (kind !== undefined && !KINDS.includes(kind)) throw new UsageError(`--agent takes one of ${KINDS.join(', ')}, not "${kind}".`);
  if (positionals.length > 1) throw new UsageError('Usage: orch-tui classify [--agent KIND] [FILE | -]');
  const source = positionals[0] ?? '-';
  const text = source === '-' ? await readStdin() : await readFile(source, 'utf8').catch(() => {
    throw new UsageError(`Cannot read ${source}.`);
  });
  const decision = classifyScreen(text, kind);
  if (values.json) {
    ctx.out(JSON.stringify({ state: decision.state, reason: decision.reason, evidence: decision.evidence, source: decision.source, ...(decision.prompt ? { prompt: decision.prompt } : {}) }));
  } else {
    ctx.out(`${decision.state}: ${decision.reason}\nevidence (${decision.source}): ${decision.evidence || '(none)'}`);
  }
  return 0;
}

/** `wait WORKER --until STATE[,STATE...] [--timeout S]`: 0 when reached, 1 on timeout. */
export async function waitVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { until: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' }, interval: { type: 'string' } },
  });
  const [spec] = positionals;
  if (!spec || positionals.length > 1 || !values.until) throw new UsageError('Usage: orch-tui wait WORKER --until STATE[,STATE...] [--timeout S]');
  const wanted = values.until.split(',').map((s) => s.trim()) as AgentStateName[];
  const bad = wanted.filter((s) => !STATES.includes(s));
  if (bad.length) throw new UsageError(`Unknown state ${bad.join(', ')}; states are ${STATES.join(', ')}.`);
  const timeoutMs = parseTimeout(values.timeout, 600);
  const result = await waitForState(ctx.adapter(), spec, wanted, { timeoutMs });
  const { worker: name, id, state, reason } = result;
  if (!result.timedOut) {
    ctx.out(values.json ? JSON.stringify({ worker: name, id, state, reason }) : `${name} is ${state}: ${reason}`);
    return 0;
  }
  const message = `${name} did not become ${wanted.join(' or ')} within ${timeoutMs / 1000} s; it is ${state} (${reason}).`;
  if (values.json) ctx.out(JSON.stringify({ worker: name, id, state, reason, timedOut: true }));
  process.stderr.write(`orch-tui: ${message}\n`);
  return 1;
}
