/**
 * The output watcher: a child process of the dashboard that holds one
 * control-mode client *with output on* per watched session, keeps a mirror
 * of each pane on screen fed from that pane's output (sessionMirrors.ts),
 * and tells the dashboard which panes printed and their lines as they
 * change.
 *
 * Why a separate process: when every client attached to a pane is a control
 * client and one stops reading, tmux stops reading the pane and the program
 * in it blocks on write. This process does nothing but read and parse, so a
 * dashboard that is busy rendering, or stopped, never slows a worker down.
 * It sends the dashboard at most one message in flight; what changed
 * meanwhile is gathered, not queued: a stalled dashboard costs it a set of
 * pane ids, not a growing queue.
 *
 * Why one client per session: a control client receives `%output` only for
 * windows linked to the session it is attached to. Linking every worker
 * window into one monitor session would need a single client, but a linked
 * window outlives `kill-session` of its real session and `list-panes -a`
 * would list it twice, which changes how the user's own server behaves. A
 * client per session changes nothing but the session's attached count
 * (each costs ~0.8 MB PSS and no CPU while its panes are quiet), and the
 * dashboard watches only sessions that hold panes on screen.
 */
import { writeFile } from 'node:fs/promises';
import type { ControlEvent } from './controlNotifications.js';
import { OutputClient } from './outputClient.js';
import { SessionMirrors, emptyStats } from './sessionMirrors.js';
import { lineDelta, type LineDelta } from './lineDelta.js';
import type { WatcherRequest, WatcherReport, WatchedSession } from './outputWatchProtocol.js';

/** Least time between two reports (leading edge): 2000 lines/s become ≤ 60 messages. */
const REPORT_EVERY_MS = 16;
/**
 * A pane whose output this client has not read for this many seconds is
 * paused by tmux instead of blocking the program (`%pause`); it is resumed
 * and re-seeded. It only happens when this process itself is starved.
 */
const PAUSE_AFTER_S = 2;
/** Where the mirrors' record is written for the benchmark (unset: nowhere). */
const STATS_FILE = process.env.ORCH_TUI_MIRROR_STATS;

interface Watched {
  client: OutputClient;
  mirrors: SessionMirrors;
  muted: Set<string>;
  attached: boolean;
}

let server: WatcherRequest & { type: 'config' } = { type: 'config', server: {} };
const watched = new Map<string, Watched>();
const dirty = new Set<string>();
const changedLines = new Set<string>();
const sentLines = new Map<string, string[]>();
const stats = emptyStats();
let statsSent = '';
let topologyChanged = false;
let sending = false;
let lastReportAt = 0;
let reportTimer: NodeJS.Timeout | undefined;

function send(report: WatcherReport, done?: () => void): void {
  if (!process.connected) return;
  process.send!(report, undefined, {}, () => done?.());
}

function mirrorsOf(paneId: string): SessionMirrors | undefined {
  for (const w of watched.values()) if (w.mirrors.has(paneId)) return w.mirrors;
  return undefined;
}

function collectLines(): Array<[string, LineDelta]> {
  const out: Array<[string, LineDelta]> = [];
  for (const id of changedLines) {
    const lines = mirrorsOf(id)?.lines(id);
    if (!lines) continue;
    const before = sentLines.get(id) ?? [];
    if (lines.length === before.length && lines.every((line, i) => line === before[i])) continue;
    out.push([id, lineDelta(before, lines)]);
    sentLines.set(id, lines);
  }
  changedLines.clear();
  return out;
}

function scheduleReport(): void {
  if (sending || reportTimer) return;
  const wait = lastReportAt + REPORT_EVERY_MS - Date.now();
  if (wait > 0) {
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      scheduleReport();
    }, wait);
    return;
  }
  const lines = collectLines();
  const statsNow = JSON.stringify(stats);
  if (dirty.size === 0 && !topologyChanged && lines.length === 0 && statsNow === statsSent) return;
  const report: WatcherReport = { type: 'changes', dirty: [...dirty], topology: topologyChanged };
  if (lines.length > 0) report.lines = lines;
  if (statsNow !== statsSent) {
    report.stats = { ...stats };
    statsSent = statsNow;
    if (STATS_FILE) void writeFile(STATS_FILE, statsNow).catch(() => undefined);
  }
  dirty.clear();
  topologyChanged = false;
  sending = true;
  lastReportAt = Date.now();
  send(report, () => {
    sending = false;
    scheduleReport();
  });
}

function setMuted(w: Watched, wanted: readonly string[]): void {
  const next = new Set(wanted);
  if (w.attached) {
    for (const pane of next) if (!w.muted.has(pane)) w.client.send(['refresh-client', '-A', `${pane}:off`]);
    for (const pane of w.muted) if (!next.has(pane)) w.client.send(['refresh-client', '-A', `${pane}:on`]);
  }
  w.muted = next;
}

function onEvent(sessionId: string, w: Watched, event: ControlEvent): void {
  switch (event.kind) {
    case 'output':
      dirty.add(event.paneId);
      w.mirrors.output(event.paneId, event.data);
      break;
    case 'pause':
      // tmux dropped what it held for the pane: resume it and seed its mirror again.
      w.client.send(['refresh-client', '-A', `${event.paneId}:continue`]);
      w.mirrors.reseed([event.paneId]);
      dirty.add(event.paneId);
      send({ type: 'paused', paneId: event.paneId });
      break;
    case 'topology':
      // The first %session-changed names the session just attached; a later
      // one means tmux moved this client elsewhere (the session was
      // destroyed under detach-on-destroy off): it no longer watches its own.
      if (event.name === '%session-changed') {
        if (!w.attached) {
          w.attached = true;
          const muted = [...w.muted];
          w.muted = new Set();
          setMuted(w, muted);
          w.mirrors.attached();
          send({ type: 'attached', session: sessionId });
          break;
        }
        if (event.args.split(' ')[0] !== sessionId) stopClient(sessionId);
      }
      // A window of this session changed its layout: its panes may have another size.
      if (event.name === '%layout-change') w.mirrors.reseed();
      topologyChanged = true;
      break;
    case 'exit':
      topologyChanged = true;
      break;
  }
  scheduleReport();
}

function startClient(session: WatchedSession): void {
  let w: Watched | undefined;
  const client = new OutputClient({
    server: server.server,
    binary: server.binary,
    session: session.id,
    pauseAfterS: PAUSE_AFTER_S,
    onEvent: (event) => w && onEvent(session.id, w, event),
    onExit: (reason) => {
      if (watched.get(session.id) === w) {
        watched.delete(session.id);
        w?.mirrors.dispose();
      }
      send({ type: 'lost', session: session.id, reason });
      topologyChanged = true;
      scheduleReport();
    },
  });
  const mirrors = new SessionMirrors(
    client,
    stats,
    (paneId) => {
      changedLines.add(paneId);
      scheduleReport();
    },
    scheduleReport,
  );
  w = { client, mirrors, muted: new Set(session.mute), attached: false };
  watched.set(session.id, w);
  mirrors.want(session.mirror ?? [], false);
}

function stopClient(sessionId: string): void {
  const w = watched.get(sessionId);
  if (!w) return;
  watched.delete(sessionId);
  w.mirrors.dispose();
  w.client.stop();
}

function watch(sessions: readonly WatchedSession[]): void {
  const wanted = new Map(sessions.map((s) => [s.id, s]));
  for (const id of [...watched.keys()]) if (!wanted.has(id)) stopClient(id);
  for (const session of sessions) {
    const w = watched.get(session.id);
    if (!w) startClient(session);
    else {
      setMuted(w, session.mute);
      w.mirrors.want(session.mirror ?? [], w.attached);
    }
  }
  const mirrored = new Set(sessions.flatMap((s) => s.mirror ?? []));
  for (const id of sentLines.keys()) if (!mirrored.has(id)) sentLines.delete(id);
}

function shutDown(): void {
  for (const id of [...watched.keys()]) stopClient(id);
  setTimeout(() => process.exit(0), 1200).unref();
}

process.on('message', (message: WatcherRequest) => {
  if (message.type === 'config') server = message;
  else if (message.type === 'watch') watch(message.sessions);
  else if (message.type === 'stop') shutDown();
});
// The dashboard went away (even killed): take the clients down with it.
process.on('disconnect', shutDown);
// Told to end now (the dashboard's close, after 2 s): exit as a process does, so a notify gate it holds goes with it.
process.on('SIGTERM', () => process.exit(0));
