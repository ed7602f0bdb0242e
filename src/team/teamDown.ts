import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { NoServerError, TargetGoneError } from '../tmux/tmuxErrors.js';
import { TEAM_OPTION } from './teamUp.js';
import { forgetWorkers } from '../reports/workerRecord.js';

const SEP = '\u001f';
/** Separated by U+001F, which no session name or path holds, so names with spaces parse. */
const TEAM_PANE_FORMAT = ['#{pane_id}', '#{session_id}', '#{session_name}', '#{window_index}.#{pane_index}', `#{${TEAM_OPTION}}`].join(SEP);

export interface TeamPane {
  paneId: string;
  sessionId: string;
  sessionName: string;
  /** The worker's name, as `ls` and the grid show it: the session, with `:window.pane` when it holds several. */
  name: string;
  team: string;
}

/** One thing `down` kills: a whole session when every pane in it is the team's, else single panes. */
export interface KillTarget {
  scope: 'session' | 'pane';
  sessionId: string;
  sessionName: string;
  paneIds: string[];
  /** The workers' names, in the order of `paneIds`. */
  names: string[];
}

export interface TeamDownResult {
  /** False without `yes`: nothing was killed, `targets` is what would be. */
  killed: boolean;
  targets: KillTarget[];
}

/** Every pane on the server with its `@orch_team` tag ('' when untagged); none when no server runs. */
export async function listTeamPanes(adapter: TmuxAdapter): Promise<TeamPane[]> {
  const lines = await adapter.run(['list-panes', '-a', '-F', TEAM_PANE_FORMAT]).catch((error: unknown) => {
    if (error instanceof NoServerError) return [] as string[];
    throw error;
  });
  const rows = lines.filter((l) => l !== '').map((line) => line.split(SEP));
  const perSession = new Map<string, number>();
  for (const [, sessionId = ''] of rows) perSession.set(sessionId, (perSession.get(sessionId) ?? 0) + 1);
  return rows.map(([paneId = '', sessionId = '', sessionName = '', place = '', ...team]) => {
    const name = (perSession.get(sessionId) ?? 1) > 1 ? `${sessionName}:${place}` : sessionName;
    return { paneId, sessionId, sessionName, name, team: team.join(SEP) };
  });
}

/** What killing this file's workers means, never touching an untagged or other team's pane. */
export function planTeamDown(panes: readonly TeamPane[], file: string, ownPane: string | undefined): KillTarget[] {
  const bySession = new Map<string, TeamPane[]>();
  for (const pane of panes) bySession.set(pane.sessionId, [...(bySession.get(pane.sessionId) ?? []), pane]);
  const targets: KillTarget[] = [];
  for (const [sessionId, all] of bySession) {
    const ours = all.filter((p) => p.team === file && p.paneId !== ownPane);
    if (ours.length === 0) continue;
    const scope = ours.length === all.length ? 'session' : 'pane';
    targets.push({ scope, sessionId, sessionName: all[0]!.sessionName, paneIds: ours.map((p) => p.paneId), names: ours.map((p) => p.name) });
  }
  return targets;
}

/**
 * Kill the workers `team.file` created: panes whose `@orch_team` is that
 * path. Without `yes`, kills nothing and returns what it would kill.
 */
export async function teamDown(
  team: { file: string },
  deps: { adapter: TmuxAdapter; yes?: boolean },
): Promise<TeamDownResult> {
  const targets = planTeamDown(await listTeamPanes(deps.adapter), team.file, deps.adapter.ownPane);
  if (!deps.yes) return { killed: false, targets };
  for (const target of targets) {
    const commands = target.scope === 'session'
      ? [['kill-session', '-t', target.sessionId]]
      : target.paneIds.map((id) => ['kill-pane', '-t', id]);
    for (const args of commands) {
      // Gone already (it exited, or someone else killed it): that is what we wanted.
      await deps.adapter.run(args).catch((error: unknown) => {
        if (!(error instanceof TargetGoneError)) throw error;
      });
    }
  }
  // Taken down on purpose, running or not (gone with a reboot): their records go too, so neither
  // `restore` nor `up` brings them back.
  await forgetWorkers(deps.adapter.server, (r) => r.team === team.file);
  return { killed: true, targets };
}

/** As `kill` names what it kills: `session backend (%3)`, `pane %5 (mixed:0.1) of session mixed`. */
export function describeTarget(target: KillTarget): string {
  if (target.scope === 'session') return `session ${target.sessionName} (${target.paneIds.join(', ')})`;
  const panes = target.paneIds.map((id, i) => `${id} (${target.names[i] ?? id})`).join(', ');
  return `${target.paneIds.length === 1 ? 'pane' : 'panes'} ${panes} of session ${target.sessionName}`;
}
