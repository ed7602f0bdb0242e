import { chmod, open, readFile } from 'node:fs/promises';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import path from 'node:path';
import type { JournalEvent } from './taskTypes.js';

export interface JournalRead {
  events: JournalEvent[];
  /** Lines that are not events (a write cut short by a crash), with their line number. */
  corrupt: Array<{ line: number; text: string }>;
  /** Byte offset after the last complete line, to read on from. */
  offset: number;
}

/**
 * The task journal: one JSON event per line, appended and flushed to disk
 * (fsync) before the action it records goes ahead, so a crash at any moment
 * loses nothing that was acknowledged. Several processes append to it
 * (`task add` while `run` dispatches): each event is one O_APPEND write.
 */
export class TaskJournal {
  private lines = 0;
  private madePrivate = false;

  constructor(readonly file: string) {}

  async append(event: JournalEvent): Promise<void> {
    if (!this.madePrivate) {
      await ensurePrivateDir(path.dirname(this.file));
      // A journal an earlier version made readable by others becomes owner-only too.
      await chmod(this.file, PRIVATE_FILE_MODE).catch(() => undefined);
      this.madePrivate = true;
    }
    const handle = await open(this.file, 'a', PRIVATE_FILE_MODE);
    try {
      await handle.write(JSON.stringify(event) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Events from `offset` on. A last line without its newline is left for the next read. */
  async read(offset = 0): Promise<JournalRead> {
    const buffer = await readFile(this.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    if (offset === 0) this.lines = 0;
    const text = buffer.subarray(offset).toString('utf8');
    const complete = text.lastIndexOf('\n') + 1;
    const events: JournalEvent[] = [];
    const corrupt: JournalRead['corrupt'] = [];
    for (const line of text.slice(0, complete).split('\n').slice(0, -1)) {
      this.lines++;
      if (line.trim() === '') continue;
      const event = parseEvent(line);
      if (event) events.push(event);
      else corrupt.push({ line: this.lines, text: line.slice(0, 200) });
    }
    // A torn final line (no newline) after a crash: report it once it is clearly not being written.
    const tail = text.slice(complete);
    if (tail.trim() !== '' && !parseEvent(tail)) corrupt.push({ line: this.lines + 1, text: tail.slice(0, 200) });
    return { events, corrupt, offset: offset + Buffer.byteLength(text.slice(0, complete)) };
  }
}

function parseEvent(line: string): JournalEvent | undefined {
  try {
    const value = JSON.parse(line) as JournalEvent;
    return value && typeof value === 'object' && typeof value.type === 'string' && typeof value.id === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
