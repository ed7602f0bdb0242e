import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import { reportsRoot } from './reportPaths.js';

/**
 * Context windows by model id, as Claude Code itself told them: a worker's
 * status line gives `model.id` with `context_window_size`. Kept in
 * `<reports root>/model-windows.json` so that a Claude orch-tui did not
 * start, whose transcript names only its model, gets a window too, and
 * only once some Claude said what that model's window is. A `[1m]` model
 * id says it has a 1M window. Otherwise: unknown, never assumed.
 */
export class ModelWindows {
  private known: Map<string, number> | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly file = path.join(reportsRoot(), 'model-windows.json')) {}

  private async load(): Promise<Map<string, number>> {
    if (this.known) return this.known;
    this.loading ??= readFile(this.file, 'utf8').then(
      (text) => {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        this.known = new Map(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0));
      },
      () => {
        this.known = new Map();
      },
    ).catch(() => {
      this.known = new Map();
    });
    await this.loading;
    return this.known!;
  }

  /** The window of a model, when it can be told. */
  async windowOf(model: string | undefined): Promise<number | undefined> {
    if (!model) return undefined;
    if (/\[1m\]$/i.test(model)) return 1_000_000;
    return (await this.load()).get(model);
  }

  /** A status line said this model's window: remember it (written only when it is news). */
  async learn(model: string | undefined, window: number | undefined): Promise<void> {
    if (!model || !window) return;
    const known = await this.load();
    if (known.get(model) === window) return;
    known.set(model, window);
    try {
      await ensurePrivateDir(path.dirname(this.file));
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(Object.fromEntries(known), null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
      await rename(temp, this.file);
    } catch {
      // Not kept on disk: still known to this process.
    }
  }
}
