import { contextTokens, type Usage } from './contextUse.js';

/** The latest main-chain request's context use in a transcript, and its model. */
export interface TranscriptUsage {
  tokens: number;
  model: string | undefined;
}

interface Entry {
  type?: string;
  subtype?: string;
  isSidechain?: boolean;
  compactMetadata?: { postTokens?: unknown };
  message?: { role?: string; model?: string; usage?: Usage };
}

function parse(line: string): Entry | undefined {
  try {
    return JSON.parse(line) as Entry;
  } catch {
    return undefined; // a line still being written
  }
}

/**
 * From the end of a transcript (JSONL): the context in use. The usage of
 * the last main-chain assistant entry (a subagent's is not the main
 * context; an API error's `<synthetic>` entry used nothing), unless a
 * compaction came after it: then the compaction's own `postTokens`, with
 * the model of the entry before it. Undefined when the text holds neither.
 */
export function lastMainChainUsage(text: string): TranscriptUsage | undefined {
  const lines = text.split('\n');
  let compacted: number | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!line.includes('"usage"') && !line.includes('compact_boundary')) continue;
    const entry = parse(line);
    if (!entry) continue;
    if (entry.type === 'system' && entry.subtype === 'compact_boundary' && compacted === undefined) {
      const post = entry.compactMetadata?.postTokens;
      if (typeof post !== 'number') return undefined;
      compacted = post;
      continue;
    }
    const message = entry.message;
    if (entry.type !== 'assistant' || entry.isSidechain || !message?.usage || message.model === '<synthetic>') continue;
    return { tokens: compacted ?? contextTokens(message.usage), model: message.model };
  }
  return compacted === undefined ? undefined : { tokens: compacted, model: undefined };
}
