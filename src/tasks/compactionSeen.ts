import type { HookEvent } from '../state/hookState.js';
import { parseTranscript } from '../dispatch/claudeTranscript.js';

/** What a worker shows of a /compact sent at `since`: that it began, that it is over. */
export interface CompactionSeen {
  arrived: boolean;
  finished: boolean;
}

/**
 * A /compact sent at `since`, by what Claude says of it: its PreCompact
 * and PostCompact hooks (a Claude orch-tui started), or the compaction
 * boundary its transcript gains when it is done. Compactions Claude starts
 * itself (`auto`) are not this one. Pure.
 */
export function compactionSeen(events: readonly HookEvent[], transcript: string, since: number): CompactionSeen {
  const after = events.filter((e) => e.at >= since && e.trigger !== 'auto');
  const began = after.some((e) => e.name === 'PreCompact');
  const ended = after.some((e) => e.name === 'PostCompact');
  const boundary = transcript.includes('compact_boundary') && parseTranscript(transcript).some((entry) => {
    const e = entry as { type?: string; subtype?: string; timestamp?: string; compactMetadata?: { trigger?: string } };
    return e.type === 'system' && e.subtype === 'compact_boundary' && e.compactMetadata?.trigger !== 'auto' && Date.parse(e.timestamp ?? '') >= since;
  });
  return { arrived: began || ended || boundary, finished: ended || boundary };
}
