import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A status line as Claude Code's settings give it. */
export interface StatusLineSetting {
  type: 'command';
  command: string;
  /** Other fields (`padding`, ...) are kept as the user wrote them. */
  [key: string]: unknown;
}

async function statusLineIn(file: string): Promise<StatusLineSetting | undefined> {
  try {
    const settings = JSON.parse(await readFile(file, 'utf8')) as { statusLine?: unknown };
    const line = settings.statusLine as Partial<StatusLineSetting> | undefined;
    return line && line.type === 'command' && typeof line.command === 'string' && line.command.trim() !== ''
      ? (line as StatusLineSetting)
      : undefined;
  } catch {
    return undefined; // missing or unreadable: that layer sets none
  }
}

/**
 * The status line the user would see without orch-tui: the one set by the
 * highest of Claude Code's own settings layers that sets one (the project's
 * `.claude/settings.local.json`, then `.claude/settings.json`, then the
 * user's `<config dir>/settings.json`). orch-tui's layer (`--settings`)
 * ranks above all three, so its status line command runs this one.
 */
export async function userStatusLine(configDir: string, cwd: string): Promise<StatusLineSetting | undefined> {
  const layers = [
    path.join(cwd, '.claude', 'settings.local.json'),
    path.join(cwd, '.claude', 'settings.json'),
    path.join(configDir, 'settings.json'),
  ];
  for (const file of layers) {
    const line = await statusLineIn(file);
    if (line) return line;
  }
  return undefined;
}
