import { shellCommand } from './shellQuote.js';

/**
 * The command Claude Code runs for each hook event and for its status line
 * in a worker orch-tui started: a POSIX sh script given inline (so it works
 * even when orch-tui's state directory is gone), with the mode, the
 * worker's report directory and the event name (or the user's own status
 * line command) as its arguments.
 *
 * It must be fast and must never fail or stall the agent: every write is
 * allowed to fail silently (full disk, directory gone), nothing is printed
 * for a hook (a UserPromptSubmit hook's output would be added to the
 * prompt), and it always exits 0 (a failing hook shows on Claude's screen).
 *
 * - `event NAME`: appends `{"at":<ms>,"event":<hook input>}` as one line to
 *   `events.jsonl`, in one write (the line is built in a private temp file
 *   and appended by `cat`); an input over 64 KiB is replaced by a stub
 *   naming the event; past 1 MiB the log moves to `events.1.jsonl`. Only a
 *   regular file is read or appended to (a device or a pipe in its place
 *   could block).
 * - `status [USER_COMMAND]`: replaces `status.json` with the status line
 *   input (temp file, then rename), then runs the user's own status line
 *   command on the same input, as Claude would have (`/bin/sh -c`, same
 *   directory), so its output is still what the status line shows.
 */
export const REPORT_SCRIPT = [
  'exec 3>&2 2>/dev/null',
  'mode=$1 dir=$2 arg=$3',
  'old=$(umask); umask 077',
  'input=$(cat)',
  'case $mode in',
  'status)',
  '  tmp="$dir/.status.$$"',
  '  if printf "%s\\n" "$input" > "$tmp"; then mv -f "$tmp" "$dir/status.json"; fi',
  '  rm -f "$tmp"',
  '  umask "$old"',
  '  if [ -n "$arg" ]; then printf "%s" "$input" | /bin/sh -c "$arg" 2>&3; fi',
  '  ;;',
  'event)',
  '  at=$(date +%s%3N)',
  '  case $at in ""|*[!0-9]*) at=$(($(date +%s) * 1000));; esac',
  '  if [ -z "$input" ] || [ ${#input} -gt 65536 ]; then input="{\\"hook_event_name\\":\\"$arg\\",\\"oversize\\":${#input}}"; fi',
  '  log="$dir/events.jsonl"',
  '  if [ -f "$log" ]; then size=$(wc -c < "$log"); if [ "${size:-0}" -gt 1048576 ]; then mv -f "$log" "$dir/events.1.jsonl"; fi',
  '  elif [ -e "$log" ]; then exit 0; fi',
  '  tmp="$dir/.event.$$"',
  '  if printf "{\\"at\\":%s,\\"event\\":%s}\\n" "$at" "$input" > "$tmp"; then cat "$tmp" >> "$log"; fi',
  '  rm -f "$tmp"',
  '  ;;',
  'esac',
  'exit 0',
].join('\n');

/** The hook events a worker reports, each to the same script. */
export const REPORTED_EVENTS = [
  'SessionStart', 'UserPromptSubmit', 'PermissionRequest', 'Notification',
  'Stop', 'StopFailure', 'PreCompact', 'PostCompact', 'SessionEnd',
] as const;

export type ReportedEvent = (typeof REPORTED_EVENTS)[number];

/** The hook command for one event. */
export function eventCommand(dir: string, event: ReportedEvent): string {
  return shellCommand(['/bin/sh', '-c', REPORT_SCRIPT, 'orch-tui-report', 'event', dir, event]);
}

/** The status line command; `userCommand` is the user's own status line, run after ours. */
export function statusCommand(dir: string, userCommand?: string): string {
  return shellCommand(['/bin/sh', '-c', REPORT_SCRIPT, 'orch-tui-report', 'status', dir, ...(userCommand ? [userCommand] : [])]);
}
