import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** `<config>/projects/<dir>/<sessionId>.jsonl`, found by session id (the dir name is Claude's own mangling of the cwd). */
export async function findTranscript(configDir: string, sessionId: string | undefined): Promise<string | undefined> {
  if (!sessionId) return undefined;
  const projects = path.join(configDir, 'projects');
  const dirs = await readdir(projects).catch(() => [] as string[]);
  for (const dir of dirs) {
    const file = path.join(projects, dir, `${sessionId}.jsonl`);
    if (await stat(file).then(() => true, () => false)) return file;
  }
  return undefined;
}

interface Entry {
  type?: string;
  timestamp?: string;
  message?: { role?: string; content?: unknown };
}

function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return (content as Array<{ type?: string; text?: string }>).flatMap((b) => (b.type === 'text' && b.text ? [b.text] : []));
}

/** The transcript's entries; a half-written last line is skipped. */
export function parseTranscript(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as Entry);
    } catch {
      // a line still being written
    }
  }
  return entries;
}

/** The user messages' texts in transcript text. */
export function userTexts(text: string): string[] {
  return parseTranscript(text)
    .filter((e) => e.type === 'user' && e.message?.role === 'user')
    .flatMap((e) => textsOf(e.message?.content));
}

/**
 * The final answer to a message: the text of the last assistant entry after
 * the last user message containing `sent`. Undefined while there is none.
 */
export function answerTo(text: string, sent: string): string | undefined {
  const entries = parseTranscript(text);
  const probe = sent.trim().slice(0, 200);
  let start = -1;
  entries.forEach((e, i) => {
    if (e.type === 'user' && e.message?.role === 'user' && textsOf(e.message.content).some((t) => t.includes(probe))) start = i;
  });
  if (start < 0) return undefined;
  let answer: string | undefined;
  for (const e of entries.slice(start + 1)) {
    if (e.type === 'assistant' && e.message?.role === 'assistant') {
      const texts = textsOf(e.message.content);
      if (texts.length) answer = texts.join('\n');
    }
  }
  return answer;
}

export async function readTranscript(file: string | undefined): Promise<string> {
  return file ? readFile(file, 'utf8').catch(() => '') : '';
}
