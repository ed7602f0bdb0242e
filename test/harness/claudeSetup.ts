import { ensureClaudeCode } from './claudeCode.js';

/** A vitest globalSetup that only installs the pinned Claude Code when it is missing. */
export default async function setup(): Promise<void> {
  await ensureClaudeCode();
}
