import { readFile } from 'node:fs/promises';
import { classifyScreen } from '../../state/classifyScreen.js';
import type { AgentKind, AgentStateName } from '../../state/agentState.js';
import { STATE_NAMES, waitForState } from '../../dispatch/waitForState.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { WORKER_ARGUMENT } from './workerArgument.js';
import { parseTimeout, readStdin } from './dispatchContext.js';

const KINDS: readonly AgentKind[] = ['claude', 'codex', 'gemini', 'aider', 'generic'];
const STATES = STATE_NAMES;

export const classifySpec = defineVerb({
  name: 'classify',
  summary: 'the state a captured screen shows, with the reason and the evidence',
  forms: ['[FILE | -]'],
  arguments: [['FILE', 'a captured screen (capture-pane -p); - or nothing reads stdin']],
  options: {
    agent: { type: 'string', value: 'KIND', help: `read the screen as this agent's: ${KINDS.join(', ')} (default: guessed from the screen)` },
    json: { type: 'boolean', help: 'print {state, reason, evidence, source, prompt} as JSON' },
  },
  examples: ['tmux capture-pane -p -t %3 | orch-tui classify --agent claude'],
});

/** `classify [--agent KIND] [FILE | -]`: why a screen shows as it does. */
export async function classifyVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(classifySpec, args);
  const kind = values.agent as AgentKind | undefined;
  if (kind !== undefined && !KINDS.includes(kind)) throw new UsageError(`--agent takes one of ${KINDS.join(', ')}, not "${kind}".`);
  if (positionals.length > 1) throw usageError(classifySpec);
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

export const waitSpec = defineVerb({
  name: 'wait',
  summary: 'wait until a worker reaches a state: exit 0 when it does, 1 on timeout',
  forms: ['WORKER --until STATE[,STATE...]'],
  arguments: [WORKER_ARGUMENT, ['STATE', `one of ${STATES.join(', ')}`]],
  options: {
    until: { type: 'string', value: 'STATE[,STATE...]', help: 'the states to wait for (required)' },
    timeout: { type: 'string', value: 'S', help: 'give up after S seconds (default 600)' },
    json: { type: 'boolean', help: 'print {worker, id, state, reason} as JSON' },
  },
  examples: ['orch-tui wait api --until idle,waiting --timeout 300'],
  notes: ['A worker that exits while waited for (and exited is not wanted) is an error at once.'],
});

/** `wait WORKER --until STATE[,STATE...] [--timeout S]`: 0 when reached, 1 on timeout. */
export async function waitVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(waitSpec, args);
  const [spec] = positionals;
  if (!spec || positionals.length > 1 || !values.until) throw usageError(waitSpec);
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
