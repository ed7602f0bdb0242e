import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HookEvent } from '../state/hookState.js';
import type { ClaudeSessionFile } from '../state/claudeSessionFiles.js';
import { findTranscript } from '../dispatch/claudeTranscript.js';
import { REPORT_FILES, reportDirOfArgs } from './reportPaths.js';
import { MAX_EVENTS, parseHookLog } from './hookEvents.js';
import { contextFromStatusLine, contextFromUsage, parseStatusLine, transcriptIsFresher, type ContextUse, type StatusLineInput } from './contextUse.js';
import { lastMainChainUsage, type TranscriptUsage } from './transcriptUsage.js';
import { ModelWindows } from './modelWindows.js';
import { TailReader } from './tailFile.js';

/** What a Claude says about itself beyond its session file. */
export interface AgentReport {
  /** Its report directory, when orch-tui started it (it has hooks and a status line of orch-tui's). */
  dir?: string;
  /** Its hook events, oldest first (empty without a report directory). */
  events: HookEvent[];
  /** How full its context is, when that can be told. */
  context?: ContextUse;
  /** What it has cost so far (status line only). */
  costUsd?: number;
  /** When its status line last wrote `status.json` (ms): a reading older than its last turn's end is behind. */
  statusWrittenAt?: number;
  /** Its transcript, when known. */
  transcript?: string;
}

const eventLogs = new TailReader(parseHookLog, { tailBytes: 512 * 1024 });
const transcripts = new TailReader(lastMainChainUsage, { tailBytes: 256 * 1024 });
const windows = new ModelWindows();
const statusLines = new Map<string, { mtimeMs: number; status: StatusLineInput | undefined }>();
const transcriptPaths = new Map<string, string>();

/** A worker's latest status line input, and when it was written. */
async function readStatusLine(dir: string): Promise<{ mtimeMs: number; status: StatusLineInput | undefined } | undefined> {
  const file = path.join(dir, REPORT_FILES.status);
  const info = await stat(file).catch(() => undefined);
  if (!info) return undefined;
  const hit = statusLines.get(file);
  if (hit && hit.mtimeMs === info.mtimeMs) return hit;
  const status = await readFile(file, 'utf8').then((text) => parseStatusLine(JSON.parse(text)), () => undefined);
  if (statusLines.size > 500) statusLines.clear();
  const read = { mtimeMs: info.mtimeMs, status };
  statusLines.set(file, read);
  await windows.learn(status?.modelId, status?.windowSize);
  return read;
}

/** The events of a report directory: the older log (after a rotation), then the current one. */
async function readEvents(dir: string): Promise<HookEvent[]> {
  const [older, current] = await Promise.all([
    eventLogs.read(path.join(dir, REPORT_FILES.olderEvents)),
    eventLogs.read(path.join(dir, REPORT_FILES.events)),
  ]);
  return [...(older ?? []), ...(current ?? [])].slice(-MAX_EVENTS);
}

async function transcriptOf(configDir: string | undefined, file: ClaudeSessionFile | undefined, status: StatusLineInput | undefined): Promise<string | undefined> {
  if (status?.transcriptPath) return status.transcriptPath;
  if (!configDir || !file?.sessionId) return undefined;
  const key = `${configDir}\u0000${file.sessionId}`;
  const known = transcriptPaths.get(key);
  if (known) return known;
  const found = await findTranscript(configDir, file.sessionId);
  if (found) {
    if (transcriptPaths.size > 500) transcriptPaths.clear();
    transcriptPaths.set(key, found);
  }
  return found;
}

/**
 * Everything a Claude reports about itself, read fresh (a file that did not
 * change costs a `stat`): its hook events and status line when orch-tui
 * started it (found through its own `--settings` argument), else the usage
 * in its transcript.
 */
export async function agentReportOf(
  claudeArgs: readonly string[] | undefined,
  session: { file: ClaudeSessionFile; configDir: string } | undefined,
): Promise<AgentReport> {
  const dir = claudeArgs ? reportDirOfArgs(claudeArgs) : undefined;
  const [events, statusRead] = dir ? await Promise.all([readEvents(dir), readStatusLine(dir)]) : [[], undefined];
  const status = statusRead?.status;
  const transcript = await transcriptOf(session?.configDir, session?.file, status);
  let context = status ? contextFromStatusLine(status) : undefined;
  if (transcript) {
    const writtenAtMs = context ? (await stat(transcript).catch(() => undefined))?.mtimeMs ?? 0 : 0;
    const usage: TranscriptUsage | undefined = !context || writtenAtMs > statusRead!.mtimeMs ? await transcripts.read(transcript) : undefined;
    if (usage && transcriptIsFresher({ context, writtenAtMs: statusRead?.mtimeMs ?? 0 }, { tokens: usage.tokens, writtenAtMs })) {
      context = contextFromUsage(usage.tokens, (await windows.windowOf(usage.model)) ?? status?.windowSize);
    }
  }
  return {
    ...(dir ? { dir } : {}),
    events,
    ...(context ? { context } : {}),
    ...(status?.costUsd !== undefined ? { costUsd: status.costUsd } : {}),
    ...(statusRead ? { statusWrittenAt: statusRead.mtimeMs } : {}),
    ...(transcript ? { transcript } : {}),
  };
}
