import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Render = ((str: string) => boolean) & { sync?: (str: string) => void } & Record<string, unknown>;
interface LogUpdate {
  create: (stream: NodeJS.WriteStream, options?: { showCursor?: boolean; incremental?: boolean }) => Render;
}

let installed = false;

/**
 * Ink 6.8's incremental renderer rewrites only the rows that changed, which
 * is what a dashboard of mostly quiet panes wants. But for a frame that
 * ends with a newline (any frame shorter than the terminal; ours is one row
 * shorter, see runDashboard) it moves the cursor up one row too few, so
 * each frame lands one row lower and stale rows stay on screen. The frame
 * without its final newline is drawn right (that is Ink's full-screen
 * case): this hands it over that way. Reached at Ink's file, guarded; if
 * Ink's shape differs nothing changes and `incremental` should stay off.
 */
export async function fixInkIncrementalRendering(): Promise<boolean> {
  if (installed) return true;
  try {
    const require = createRequire(import.meta.url);
    const url = pathToFileURL(path.join(path.dirname(require.resolve('ink')), 'log-update.js')).href;
    const module = (await import(url)) as { default?: LogUpdate };
    const logUpdate = module.default;
    if (!logUpdate || typeof logUpdate.create !== 'function') return false;
    const create = logUpdate.create;
    logUpdate.create = (stream, options) => {
      const inner = create(stream, options);
      if (!options?.incremental) return inner;
      const strip = (str: string) => (str.endsWith('\n') && str !== '\n' ? str.slice(0, -1) : str);
      const render = ((str: string) => inner(strip(str))) as Render;
      for (const key of Object.keys(inner)) render[key] = inner[key];
      render.sync = (str: string) => inner.sync?.(strip(str));
      return render;
    };
    installed = true;
    return true;
  } catch {
    return false;
  }
}
