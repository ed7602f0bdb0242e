import { parseArgs } from 'node:util';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverArgs } from '../../tmux/tmuxServer.js';
import {
  planCommandFile, planMcpJson, planSettings, COMMAND_FILE, MCP_JSON, SETTINGS_FILE,
  type PlannedFile, type ServerCommand,
} from '../../mcp/claudeProjectFiles.js';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';

/**
 * How Claude Code will start this orch-tui: this Node binary and this
 * build's cli.js, by absolute path, so it works in any project whether or
 * not `orch-tui` is on PATH. `-L`/`-S` given to `init` are kept; without
 * them the server runs on the tmux server Claude Code itself runs in.
 */
export function thisServerCommand(global: VerbContext['global'], allowedCommands: readonly string[] = []): ServerCommand {
  const cli = fileURLToPath(new URL('../../cli.js', import.meta.url));
  const script = existsSync(cli) ? realpathSync(cli) : cli;
  const allow = allowedCommands.flatMap((name) => ['--allow-command', name]);
  return { command: process.execPath, args: [script, ...serverArgs(global.server), 'mcp', ...allow] };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `init [DIR] [--force] [--dry-run]`: the Claude Code files that register
 * `orch-tui mcp` and add `/orchestrate`. Shows every file first; writes
 * nothing if any file would be overwritten without --force.
 */
export async function initVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
      'allow-command': { type: 'string', multiple: true },
    },
  });
  if (positionals.length > 1) throw new UsageError('Usage: orch-tui init [DIR] [--force] [--dry-run] [--allow-command NAME]...');
  const allowed = values['allow-command'] ?? [];
  for (const name of allowed) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name)) {
      throw new UsageError(`--allow-command takes a program's bare name (found on PATH), not "${name}".`);
    }
  }
  const dir = path.resolve(positionals[0] ?? '.');
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`The directory ${dir} does not exist.`);
  const force = values.force ?? false;
  const at = (rel: string) => path.join(dir, rel);
  const plan: PlannedFile[] = [
    planMcpJson(await readIfExists(at(MCP_JSON)), thisServerCommand(ctx.global, allowed), force),
    planCommandFile(await readIfExists(at(COMMAND_FILE)), force),
    planSettings(await readIfExists(at(SETTINGS_FILE)), force),
  ];
  const refused = plan.filter((f) => f.action === 'refuse');
  const writing = refused.length === 0 && !values['dry-run'];
  if (writing) {
    for (const file of plan) {
      if (file.content === undefined) continue;
      await mkdir(path.dirname(at(file.path)), { recursive: true });
      await writeFile(at(file.path), file.content);
    }
  }
  if (values.json) {
    ctx.out(JSON.stringify({ dir, written: writing, files: plan.map(({ content: _, ...f }) => f) }, null, 2));
  } else {
    const verb = { create: writing ? 'created' : 'would create', update: writing ? 'updated' : 'would update', unchanged: 'unchanged', refuse: 'refused' };
    const width = Math.max(...plan.map((f) => f.path.length));
    ctx.out([`In ${dir}:`, ...plan.map((f) => `  ${f.path.padEnd(width)}  ${verb[f.action]}: ${f.summary}`)].join('\n'));
    if (writing) ctx.out('Next: start `claude` here in a tmux window and type /orchestrate <the job>; watch it with `orch-tui`.');
  }
  if (refused.length > 0) {
    throw new UsageError(`Nothing was written: ${refused.map((f) => f.path).join(' and ')} would be overwritten; add --force to overwrite.`);
  }
  return 0;
}
