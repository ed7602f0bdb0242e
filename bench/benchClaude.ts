/**
 * A real Claude Code in a pane of a private tmux server, for benchmarks.
 *
 * The same start-up as test/harness/claudeWorker.ts (`startClaudeInTmux`),
 * whose binary path is relative to its source file and so does not hold once
 * compiled into dist/: here the binary is found from the repository root
 * (the bench runs from there).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isIdlePrompt, type ClaudeEnv } from '../test/harness/claudeWorker.js';
import { runTmux, waitFor } from '../test/harness/tmuxServer.js';

export function claudeBinFrom(root: string): string {
  return realpathSync(path.join(root, 'node_modules', '.bin', 'claude'));
}

export interface BenchClaude {
  paneId: string;
  startupMs: number;
}

/**
 * Session `name` running Claude Code with only the variables of `env`;
 * resolves at its idle prompt, or (`waitForPrompt: false`) as soon as the
 * pane exists: a worker that has just started.
 */
export async function startBenchClaude(socket: string, env: ClaudeEnv, name: string, root: string, options: { waitForPrompt?: boolean } = {}): Promise<BenchClaude> {
  const started = Date.now();
  const out = await runTmux(socket, [
    'new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', env.cwd,
    ...Object.entries(env.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    '-P', '-F', '#{pane_id}',
    '--', 'env', '-u', 'CLAUDE_CONFIG_DIR', claudeBinFrom(root), '--permission-mode', 'default',
    ';', 'set-option', '-p', 'remain-on-exit', 'on',
  ]);
  const paneId = out.trim();
  if (options.waitForPrompt === false) return { paneId, startupMs: 0 };
  await waitFor(async () => {
    const screen = await runTmux(socket, ['capture-pane', '-p', '-J', '-t', paneId]);
    if (!isIdlePrompt(screen)) throw new Error(`no idle prompt yet:\n${screen}`);
  }, { timeoutMs: 60_000, message: 'Claude Code did not reach its prompt' });
  return { paneId, startupMs: Date.now() - started };
}
