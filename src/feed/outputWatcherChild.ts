/**
 * The output watcher: a child process of the dashboard that holds one
 * control-mode client *with output on* per watched session and tells the
 * dashboard which panes printed something.
 *
 * Why a separate process: when every client attached to a pane is a control
 * client and one stops reading, tmux stops reading the pane and the program
 * in it blocks on write. This process does nothing but read, so a dashboard
 * that is busy rendering, or stopped, never slows a worker down. It sends
 * the dashboard only pane ids, coalesced, and at most one message in flight:
 * a stalled dashboard costs it a set of ids, not a growing queue.
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
import { spawn, type ChildProcess } from 'node:child_process';
import { ControlLineReader, type ControlEvent } from './controlNotifications.js';
import { toTmuxCommandLine } from '../tmux/quoteTmuxArg.js';
import { serverArgs } from '../tmux/tmuxServer.js';
import { utf8Env } from '../tmux/tmuxProcess.js';
import type { WatcherRequest, WatcherReport, WatchedSession } from './outputWatchProtocol.js';

/** Least time between two dirty reports (leading edge): 2000 lines/s become ≤250 messages. */
const REPORT_EVERY_MS = 4;
/**
 * A pane whose output this client has not read for this many seconds is
 * paused by tmux instead of blocking the program (`%pause`); it is resumed
 * and re-captured. It only happens when this process itself is starved.
 */
const PAUSE_AFTER_S = 2;

interface Client {
  child: ChildProcess;
  muted: Set<string>;
  attached: boolean;
}

let server: WatcherRequest & { type: 'config' } = { type: 'config', server: {} };
const clients = new Map<string, Client>();
const dirty = new Set<string>();
let topologyChanged = false;
let sending = false;
let lastReportAt = 0;
let reportTimer: NodeJS.Timeout | undefined;

function send(report: WatcherReport, done?: () => void): void {
  if (!process.connected) return;
  process.send!(report, undefined, {}, () => done?.());
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
  if (dirty.size === 0 && !topologyChanged) return;
  const report: WatcherReport = { type: 'changes', dirty: [...dirty], topology: topologyChanged };
  dirty.clear();
  topologyChanged = false;
  sending = true;
  lastReportAt = Date.now();
  send(report, () => {
    sending = false;
    scheduleReport();
  });
}

function command(client: Client, args: readonly string[]): void {
  if (client.child.stdin?.writable) client.child.stdin.write(toTmuxCommandLine(args) + '\n');
}

function setMuted(client: Client, wanted: readonly string[]): void {
  const next = new Set(wanted);
  if (client.attached) {
    for (const pane of next) if (!client.muted.has(pane)) command(client, ['refresh-client', '-A', `${pane}:off`]);
    for (const pane of client.muted) if (!next.has(pane)) command(client, ['refresh-client', '-A', `${pane}:on`]);
  }
  client.muted = next;
}

function onEvent(sessionId: string, client: Client, event: ControlEvent): void {
  switch (event.kind) {
    case 'output':
      dirty.add(event.paneId);
      break;
    case 'pause':
      command(client, ['refresh-client', '-A', `${event.paneId}:continue`]);
      dirty.add(event.paneId);
      send({ type: 'paused', paneId: event.paneId });
      break;
    case 'topology':
      // The first %session-changed names the session just attached; a later
      // one means tmux moved this client elsewhere (the session was
      // destroyed under detach-on-destroy off): it no longer watches its own.
      if (event.name === '%session-changed') {
        if (!client.attached) {
          client.attached = true;
          const muted = [...client.muted];
          client.muted = new Set();
          setMuted(client, muted);
          send({ type: 'attached', session: sessionId });
          break;
        }
        if (event.args.split(' ')[0] !== sessionId) stopClient(sessionId);
      }
      topologyChanged = true;
      break;
    case 'exit':
      topologyChanged = true;
      break;
  }
  scheduleReport();
}

function startClient(session: WatchedSession): void {
  const argv = [
    ...serverArgs(server.server),
    '-C', 'attach-session', '-t', session.id, '-f', `ignore-size,pause-after=${PAUSE_AFTER_S}`,
  ];
  const child = spawn(server.binary ?? 'tmux', argv, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...utf8Env() },
  });
  const client: Client = { child, muted: new Set(session.mute), attached: false };
  clients.set(session.id, client);
  const reader = new ControlLineReader((event) => onEvent(session.id, client, event));
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => reader.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.on('error', () => undefined);
  child.on('error', (error) => {
    if (clients.get(session.id) === client) clients.delete(session.id);
    send({ type: 'lost', session: session.id, reason: error.message });
  });
  child.on('exit', (code) => {
    if (clients.get(session.id) === client) clients.delete(session.id);
    send({ type: 'lost', session: session.id, reason: stderr.trim() || `exited with code ${code ?? 'signal'}` });
    topologyChanged = true;
    scheduleReport();
  });
}

function stopClient(sessionId: string): void {
  const client = clients.get(sessionId);
  if (!client) return;
  clients.delete(sessionId);
  // An empty line detaches a control client; closing stdin ends it too.
  client.child.stdin?.end('\n');
  setTimeout(() => client.child.kill('SIGTERM'), 1000).unref();
}

function watch(sessions: readonly WatchedSession[]): void {
  const wanted = new Map(sessions.map((s) => [s.id, s]));
  for (const id of [...clients.keys()]) if (!wanted.has(id)) stopClient(id);
  for (const session of sessions) {
    const client = clients.get(session.id);
    if (client) setMuted(client, session.mute);
    else startClient(session);
  }
}

function shutDown(): void {
  for (const id of [...clients.keys()]) stopClient(id);
  setTimeout(() => process.exit(0), 1200).unref();
}

process.on('message', (message: WatcherRequest) => {
  if (message.type === 'config') server = message;
  else if (message.type === 'watch') watch(message.sessions);
  else if (message.type === 'stop') shutDown();
});
// The dashboard went away (even killed): take the clients down with it.
process.on('disconnect', shutDown);
