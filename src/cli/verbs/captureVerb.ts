import { captureWorker } from '../../workers/captureWorker.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { WORKER_ARGUMENT } from './workerArgument.js';

export const captureSpec = defineVerb({
  name: 'capture',
  summary: "print the tail of a worker's screen",
  forms: ['WORKER'],
  arguments: [WORKER_ARGUMENT],
  options: {
    lines: { type: 'string', value: 'N', help: 'how many lines, counted from the bottom, with its scrollback (default 50)' },
    color: { type: 'boolean', help: 'keep the colours (ANSI escapes)' },
    json: { type: 'boolean', help: 'print {id, name, lines} as JSON' },
  },
  examples: ['orch-tui capture api --lines 20'],
});

export async function captureVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseVerb(captureSpec, args);
  const spec = positionals[0];
  if (!spec || positionals.length > 1) throw usageError(captureSpec);
  const lines = values.lines === undefined ? 50 : Number(values.lines);
  if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) {
    throw new UsageError(`--lines takes a whole number from 1 to 100000, not "${values.lines}".`);
  }
  const { id, name, lines: text } = await captureWorker(ctx.adapter(), spec, { lines, color: values.color });
  if (values.json) ctx.out(JSON.stringify({ id, name, lines: text }));
  else ctx.out(text.join('\n'));
  return 0;
}
