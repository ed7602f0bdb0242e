import { readFile, stat } from 'node:fs/promises';
import { arrivalOf, findTranscript, userTexts } from './claudeTranscript.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { BUSY_STATES, type Submission, type WorkerProbe } from './workerProbe.js';
import { observePane } from './observePane.js';
import { cachedStateSources } from '../agents/stateSources.js';
import { claudeInputText } from './claudeInputBox.js';
import type { ClaudeSessionFile } from '../state/claudeSessionFiles.js';
import { arrivalByHooks } from './reportedTurns.js';

/** Where Claude's conversation stood before the paste. */
interface TranscriptMark {
  configDir: string | undefined;
  sessionId: string | undefined;
  transcript: string | undefined;
  size: number;
  /** When the paste began, for a Claude that reports its hooks (orch-tui started it). */
  hooksSince: number | undefined;
  /** When the paste began: a message Claude took before it is not this one. */
  pastedAt: number;
  /** Its session file and input box before the paste: a change since then is Claude taking something. */
  fileBefore: ClaudeSessionFile | undefined;
  inputBefore: string | undefined;
}

interface ClaudeMark extends TranscriptMark {
  file: ClaudeSessionFile | undefined;
  input: string | undefined;
}

/** A slash command leaves no user message of its own text in the transcript. */
const isSlashCommand = (text: string) => /^\/[a-z]/i.test(text.trimStart());

/**
 * Claude Code says itself what it took: a Claude orch-tui started fires
 * UserPromptSubmit with the text exactly as submitted (PreCompact with the
 * goal of a `/compact`); any Claude's transcript gains the user
 * message. Either is compared with the text the way Claude keeps texts (a
 * message that is only the first part of the text is a paste cut short, and
 * is reported so). Its session file turning `busy`, or its input box
 * emptying, shows it took *something*: enough for a slash command (which
 * leaves no message), or when its transcript cannot be found; otherwise the
 * send waits for the transcript to say what arrived.
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
    // Its input box shows once it reads the keyboard with bracketed paste
    // on (measured: `ESC[?2004h` comes before the first box is drawn); a
    // paste before that would be submitted at its first newline.
    async notReady() {
      const { lines } = await observePane(adapter, paneId, sources);
      return claudeInputText(lines) === undefined ? 'its input box is not showing' : undefined;
    },
    // Before the paste, not before Enter: a paste cut at a newline submits
    // its first part during the paste itself.
    async beforePaste(): Promise<TranscriptMark> {
      const pastedAt = Date.now();
      const { session, report, lines } = await observePane(adapter, paneId, sources);
      const transcript = session ? await findTranscript(session.configDir, session.file.sessionId) : undefined;
      const size = transcript ? (await stat(transcript).catch(() => undefined))?.size ?? 0 : 0;
      return {
        configDir: session?.configDir, sessionId: session?.file.sessionId, transcript, size, hooksSince: report?.dir ? pastedAt : undefined, pastedAt,
        fileBefore: session?.file, inputBefore: claudeInputText(lines),
      };
    },
    // Its input box shows the whole text (or the placeholder Claude draws for
    // a bracketed paste) while it is not busy: waiting for Enter. Only part
    // of it is a paste still arriving, or one whose first part a newline
    // submitted: Enter then would send the rest as a message of its own.
    async pasteShown(raw, text): Promise<boolean> {
      const mark = raw as ClaudeMark;
      const seen = await observePane(adapter, paneId, sources);
      const input = claudeInputText(seen.lines);
      return input !== undefined && input !== mark.inputBefore && showsWholeText(input, text) && !BUSY_STATES.has(seen.decision.state);
    },
    async mark(beforePaste): Promise<ClaudeMark> {
      const seen = await observePane(adapter, paneId, sources);
      return { ...(beforePaste as TranscriptMark), file: seen.session?.file, input: claudeInputText(seen.lines) };
    },
    async submitted(raw, text): Promise<Submission | undefined> {
      const mark = raw as ClaudeMark;
      const slash = isSlashCommand(text);
      const seen = await observePane(adapter, paneId, sources);
      const reported = mark.hooksSince === undefined ? undefined : arrivalByHooks(seen.report?.events ?? [], mark.hooksSince, text);
      if (reported) return reported;
      // A Claude that has not spoken yet has no transcript until its first message.
      const transcript = mark.transcript ?? (mark.configDir ? await findTranscript(mark.configDir, mark.sessionId) : undefined);
      if (transcript && !slash) {
        const body = await readFile(transcript).catch(() => undefined);
        const from = transcript === mark.transcript ? mark.size : 0;
        if (body && body.length > from) {
          const arrival = arrivalOf(userTexts(body.subarray(from).toString('utf8'), mark.pastedAt), text);
          if (arrival?.kind === 'whole') return { kind: 'whole', evidence: 'its transcript holds the whole message' };
          if (arrival) return arrival;
        }
      }
      const taken = tookSomething(mark, seen.session?.file, claudeInputText(seen.lines));
      if (!taken) return undefined;
      // Without a conversation to read, or for a slash command, this is all there is to see.
      return mark.sessionId && !slash ? { kind: 'taken', evidence: taken } : { kind: 'whole', evidence: taken };
    },
  };
}

/**
 * Whether Claude's input box shows all of `text`: as it draws it (wrapped,
 * tabs as spaces, so compared without white space), or as the
 * `[Pasted text #N +M lines]` it draws for a long bracketed paste.
 */
export function showsWholeText(input: string, text: string): boolean {
  if (/\[Pasted text #\d+/.test(input)) return true;
  const squash = (s: string) => s.replace(/\s+/g, '');
  const wanted = squash(text);
  return wanted !== '' && squash(input).includes(wanted);
}

/** Evidence that Claude took a message since the mark, whatever it was. */
function tookSomething(mark: ClaudeMark, file: ClaudeSessionFile | undefined, input: string | undefined): string | undefined {
  if (file && (file.status === 'busy' || file.status === 'waiting')) {
    // Since before the paste: a paste cut at a newline turns it busy during the paste itself.
    const was = mark.fileBefore ?? mark.file;
    const changed = was?.status === 'idle' || (file.statusUpdatedAt ?? 0) > (was?.statusUpdatedAt ?? 0);
    if (changed) return `its session file turned ${file.status}`;
  }
  if (mark.input && mark.input.trim() !== '' && input !== undefined && input.trim() === '') return 'the text left its input box';
  return undefined;
}
