import { readFile, stat } from 'node:fs/promises';
import { findTranscript, userTexts } from './claudeTranscript.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { WorkerProbe } from './workerProbe.js';
import { observePane } from './observePane.js';
import { cachedStateSources } from '../feed/stateSources.js';
import { claudeInputText } from './claudeInputBox.js';
import type { ClaudeSessionFile } from '../state/claudeSessionFiles.js';

interface ClaudeMark {
  file: ClaudeSessionFile | undefined;
  transcript: string | undefined;
  transcriptSize: number;
  input: string | undefined;
}

/**
 * Claude Code says itself when it took a message: its session file turns
 * `busy` (or `waiting`), or its transcript gains the user message. The input
 * box emptying is the screen's word for it (slash commands such as /clear
 * leave no transcript entry and may not turn busy).
 */
export function claudeProbe(adapter: TmuxAdapter, paneId: string, sources = cachedStateSources()): WorkerProbe {
  return {
    // Claude Code reads Enter right after a backslash as "new line", not
    // "submit": with the cursor moved left of trailing backslashes, Enter
    // submits and the text stays exactly as written.
    beforeEnter: (text) => Array.from({ length: /\\+$/.exec(text)?.[0].length ?? 0 }, () => 'Left'),
    async state() {
      const { decision } = await observePane(adapter, paneId, sources);
      return { state: decision.state, reason: decision.reason };
    },
    async mark(): Promise<ClaudeMark> {
      const seen = await observePane(adapter, paneId, sources);
      const transcript = seen.session ? await findTranscript(seen.session.configDir, seen.session.file.sessionId) : undefined;
      const size = transcript ? (await stat(transcript).catch(() => undefined))?.size ?? 0 : 0;
      return { file: seen.session?.file, transcript, transcriptSize: size, input: claudeInputText(seen.lines) };
    },
    async submitted(raw, text) {
      const mark = raw as ClaudeMark;
      const seen = await observePane(adapter, paneId, sources);
      const file = seen.session?.file;
      if (file && (file.status === 'busy' || file.status === 'waiting')) {
        const changed = mark.file?.status === 'idle' || (file.statusUpdatedAt ?? 0) > (mark.file?.statusUpdatedAt ?? 0);
        if (changed) return `its session file turned ${file.status}`;
      }
      if (mark.transcript) {
        const body = await readFile(mark.transcript).catch(() => undefined);
        if (body && body.length > mark.transcriptSize) {
          const probe = text.trim().slice(0, 200);
          if (userTexts(body.subarray(mark.transcriptSize).toString('utf8')).some((t) => t.includes(probe))) {
            return 'its transcript holds the message';
          }
        }
      }
      const input = claudeInputText(seen.lines);
      if (mark.input && mark.input.trim() !== '' && input !== undefined && input.trim() === '') return 'the text left its input box';
      return undefined;
    },
  };
}

