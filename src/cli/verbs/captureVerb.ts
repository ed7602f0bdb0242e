import { parseArgs } from 'node:util';
import { captureWorker } from '../../workers/captureWorker.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';

export async function captureVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean' }, lines: { type: 'string' }, color: { type: 'boolean' } },
  });
  const spec = positionals[0];
  if (!spec || positionals.length > 1) throw new UsageError('Usage: orch-tui capture WORKER [--lines N] [--color] [--json]');
  const lines = values.lines === undefined ? 50 : Number(values.lines);
  if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) {
    throw new UsageError(`--lines takes a whole number from 1 to 100000, not "${values.lines}".`);
  }
  const { id, name, lines: text } = await captureWorker(ctx.adapter(), spec, { lines, color: values.color });
  if (values.json) ctx.out(JSON.stringify({ id, name, lines: text }));
  else ctx.out(text.join('\n'));
  return 0;
}
