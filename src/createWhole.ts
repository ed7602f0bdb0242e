import { randomBytes } from 'node:crypto';
import { link, rm, writeFile } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from './stateDir.js';

/**
 * Create `file` (owner-only) holding `content`, or fail with EEXIST, in one
 * step: the content goes into a file of our own, which is then hard-linked
 * to the name. A lock created empty and written after has a moment when
 * another process reads no owner, takes it for a broken lock, removes it and
 * takes it too.
 */
export async function createWhole(file: string, content: string): Promise<void> {
  const own = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(own, content, { mode: PRIVATE_FILE_MODE });
  try {
    await link(own, file);
  } finally {
    await rm(own, { force: true });
  }
}
