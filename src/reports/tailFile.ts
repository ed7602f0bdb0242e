import { open, stat } from 'node:fs/promises';

interface Cached<T> {
  size: number;
  mtimeMs: number;
  value: T;
}

/**
 * Reads the end of files that grow (a worker's event log, a transcript) and
 * remembers what it made of each: a file whose size and mtime did not
 * change costs one `stat`. Bounded: at most `maxFiles` files are kept.
 */
export class TailReader<T> {
  private readonly cache = new Map<string, Cached<T>>();

  constructor(
    private readonly parse: (tail: string, whole: boolean) => T,
    private readonly options: { tailBytes: number; maxFiles?: number },
  ) {}

  /** What `parse` made of the file's last `tailBytes`; undefined when it cannot be read. */
  async read(file: string): Promise<T | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      this.cache.delete(file);
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.size === info.size && hit.mtimeMs === info.mtimeMs) return hit.value;
    const tail = await readTail(file, info.size, this.options.tailBytes);
    if (tail === undefined) return undefined;
    const value = this.parse(tail, info.size <= this.options.tailBytes);
    if (this.cache.size >= (this.options.maxFiles ?? 200)) this.cache.clear();
    this.cache.set(file, { size: info.size, mtimeMs: info.mtimeMs, value });
    return value;
  }
}

/** The last `bytes` of a file, from the first whole line in them (all of it when it is smaller). */
export async function readTail(file: string, size: number, bytes: number): Promise<string | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
