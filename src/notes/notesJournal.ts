import { chmod, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../stateDir.js';
import type { NoteEvent } from './noteTypes.js';

export interface NotesRead {
  events: NoteEvent[];
  /** Lines that are not events (a write cut short by a crash), with their line number. */
  corrupt: Array<{ line: number; text: string }>;
}

/**
 * The board's journal: one JSON event per line, each one O_APPEND write
 * flushed to disk (fsync) before the caller goes on, owner-only (0600).
 * Many processes append (every worker's MCP server, the CLI, the
 * dispatcher). A line left without its newline by a crash is closed off
 * before the next append, so it cannot swallow the next event.
 */
export class NotesJournal {
  private madePrivate = false;

  constructor(readonly file: string) {}

  async append(event: NoteEvent): Promise<void> {
    if (!this.madePrivate) {
      await ensurePrivateDir(path.dirname(this.file));
      await chmod(this.file, PRIVATE_FILE_MODE).catch(() => undefined);
      this.madePrivate = true;
    }
    const handle = await open(this.file, 'a+', PRIVATE_FILE_MODE);
    try {
      const { size } = await handle.stat();
      let torn = false;
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        torn = last[0] !== 0x0a;
      }
      await handle.write(`${torn ? '\n' : ''}${JSON.stringify(event)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Every complete event; a last line without its newline is still being written (or torn) and is left out. */
  async read(): Promise<NotesRead> {
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const events: NoteEvent[] = [];
    const corrupt: NotesRead['corrupt'] = [];
    const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(0, -1);
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const event = parseEvent(line);
      if (event) events.push(event);
      else corrupt.push({ line: i + 1, text: line.slice(0, 200) });
    });
    return { events, corrupt };
  }
}

function parseEvent(line: string): NoteEvent | undefined {
  try {
    const value = JSON.parse(line) as NoteEvent;
    return value && typeof value === 'object' && typeof value.type === 'string' && typeof value.at === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
