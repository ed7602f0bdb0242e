import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { waitFor, type TestServer } from '../harness/tmuxServer.js';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');

export interface DashboardPane {
  paneId: string;
  /** What a person sees in the pane right now. */
  screen(): Promise<string>;
  /** Press keys (tmux key names such as Tab, Escape) or type literal text. */
  keys(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  /** Wait until the screen satisfies `check` (which throws until it does). */
  waitForScreen(check: (screen: string) => void, timeoutMs?: number): Promise<string>;
}

/**
 * A shell pane in session `dash`, as a person's terminal: a marker line is
 * printed first so the test can tell the terminal came back as it was.
 */
export async function openTerminal(server: TestServer, width: number, height: number, env: string[] = []): Promise<DashboardPane> {
  const paneId = await server.tmux(
    'new-session', '-d', '-s', 'dash', '-x', String(width), '-y', String(height), '-P', '-F', '#{pane_id}',
    '--', 'env', 'PS1=$ ', ...env, 'bash', '--norc', '--noprofile',
  );
  const pane: DashboardPane = {
    paneId,
    // What a person sees: capture-pane -J keeps trailing spaces in cells a
    // row erase cleared (only changed rows are rewritten), invisible on screen.
    screen: async () => (await server.capture(paneId)).split('\n').map((line) => line.trimEnd()).join('\n'),
    keys: async (...keys) => {
      await server.tmux('send-keys', '-t', paneId, ...keys);
    },
    type: async (text) => {
      await server.tmux('send-keys', '-t', paneId, '-l', '--', text);
    },
    waitForScreen: async (check, timeoutMs = 10_000) => {
      let last = '';
      try {
        return await waitFor(
          async () => {
            last = await pane.screen();
            check(last);
            return last;
          },
          { timeoutMs, message: 'the screen never showed what was expected' },
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- last screen ---\n${last}\n---`);
      }
    },
  };
  await pane.type('echo terminal-before-orch-tui');
  await pane.keys('Enter');
  await pane.waitForScreen((s) => expect(s).toMatch(/^terminal-before-orch-tui$/m));
  return pane;
}

/** Start orch-tui in the terminal pane, as typed by a person. */
export async function startOrchTui(pane: DashboardPane, args: string[] = []): Promise<void> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  await pane.type(quoted);
  await pane.keys('Enter');
}

/**
 * The worker name on the focused pane's header: `▶`, `✚` when marked for a
 * broadcast, the name, then `◆`/`◆$` when managed and `✉N` unread notes.
 */
export function focusedName(screen: string): string | undefined {
  return /▶ (?:✚ )?(\S+)(?: ◆\$?)?(?: ✉\d+)? · /.exec(screen)?.[1];
}

/** The focused worker, once a screen shows one (one caught while a frame is being drawn may show none). */
export async function focusedOn(pane: DashboardPane): Promise<string> {
  return focusedName(await pane.waitForScreen((s) => expect(focusedName(s)).toBeDefined()))!;
}

/** Tab once: the worker focused next (never "none": a half-drawn frame is not a change of focus). */
export async function tabFrom(pane: DashboardPane, before: string): Promise<string> {
  await pane.keys('Tab');
  const screen = await pane.waitForScreen((s) => {
    expect(focusedName(s)).toBeDefined();
    expect(focusedName(s)).not.toBe(before);
  });
  return focusedName(screen)!;
}

/** Tab until `name` is focused. */
export async function focusWorker(pane: DashboardPane, name: string, presses = 12): Promise<void> {
  let now = await focusedOn(pane);
  for (let press = 0; press < presses && now !== name; press++) now = await tabFrom(pane, now);
  if (now !== name) throw new Error(`could not focus ${name}:\n${await pane.screen()}`);
}
