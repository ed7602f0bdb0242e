/**
 * Panes that record every byte they receive (test/harness/rawRecorder.mjs --full-screen),
 * for byte-level checks of what orch-tui types into a worker.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor, type TestServer } from './tmuxServer.js';

export const RECORDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rawRecorder.mjs');

export interface RecorderPane {
  session: string;
  paneId: string;
  file: string;
  /** Everything received so far, as UTF-8. */
  received(): Promise<string>;
}

export interface RecorderOptions {
  /** Ask for bracketed paste (default true). */
  bracketed?: boolean;
  /** The first N Enters are recorded but the screen does not react. */
  ignoreEnters?: number;
  cwd?: string;
}

/**
 * A session `session` whose one pane runs the recorder, writing to
 * `<dir>/<session>.bin`; resolves once the recorder is in raw mode (its
 * prompt is drawn after that).
 */
export async function startRecorder(server: TestServer, session: string, dir: string, options: RecorderOptions = {}): Promise<RecorderPane> {
  const file = path.join(dir, `${session}.bin`);
  const args = [RECORDER, file, '--full-screen'];
  if (options.bracketed === false) args.push('--no-bracketed');
  if (options.ignoreEnters) args.push('--ignore-enters', String(options.ignoreEnters));
  const paneId = await server.tmux(
    'new-session', '-d', '-s', session, '-x', '100', '-y', '20', ...(options.cwd ? ['-c', options.cwd] : []),
    '-P', '-F', '#{pane_id}', '--', process.execPath, ...args,
  );
  await waitFor(async () => {
    const [screen, alternate] = await Promise.all([
      server.capture(paneId),
      server.tmux('display-message', '-p', '-t', paneId, '#{alternate_on}'),
    ]);
    if (!screen.includes('rec>') || alternate !== '1') throw new Error(`recorder not ready:\n${screen}`);
  }, { message: `the recorder in ${session} did not start` });
  return { session, paneId, file, received: async () => (await readFile(file)).toString('utf8') };
}

/** What a program gets for one pasted-and-submitted text. */
export function pastedBytes(text: string, bracketed = true): string {
  return bracketed ? `\u001b[200~${text}\u001b[201~\r` : `${text}\r`;
}

/** Shows control bytes, for readable assertion messages. */
export function visible(bytes: string): string {
  return JSON.stringify(bytes);
}
