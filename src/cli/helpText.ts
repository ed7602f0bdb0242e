import { helpTable, type VerbSpec } from './verbSpec.js';

const HEAD = `orch-tui — a control room for AI coding agents running in tmux

Usage:
  orch-tui [GLOBAL OPTIONS] [dashboard]     the full-screen dashboard (default)
  orch-tui [GLOBAL OPTIONS] VERB [ARGS]
  orch-tui VERB --help                      that verb's arguments, options and an example
  (or orch-tui help VERB)

Verbs:`;

const TAIL = `
In a task's text, {{result:ID}} becomes task ID's result when it is sent.

States: starting, working, idle, waiting, compacting, error, exited, unknown.
Agents: claude, codex, gemini, aider, generic (set @orch_agent on a pane to
override detection).
Every verb takes --json where it prints data; failures exit 1 with one
sentence on stderr.

WORKER is a pane id (%3), a worker name (a session name), or
session:window.pane.

Global options (before the verb, as with tmux):
  -L NAME               use the tmux server on socket NAME (tmux -L)
  -S PATH               use the tmux server at socket PATH (tmux -S)
                        default: the server orch-tui runs inside, else
                        tmux's default server
  --session GLOB        only sessions whose name matches GLOB (* ? [..])
  --interval MS         poll period when tmux output events are unavailable (default 500)
  --no-bell             no terminal bell when a worker needs you
  --no-notify           no tmux message when a worker needs you
  --retry-interrupted   the dashboard's dispatcher queues again at once a
                        task a restore found interrupted
  --compact-at PERCENT  the dashboard's dispatcher compacts a worker that
                        full before its next task (off by default)
  --error-pattern RE    also count output lines matching RE as errors
                        (repeatable; the defaults cover compilers, tests,
                        panics, tracebacks, npm ERR!, make, ...)
  -h, --help            this help
  -V, --version         the version

Dashboard keys: arrows/hjkl/Tab move focus, z or Enter zooms, PgUp/PgDn
scroll (zoom) or page (grid), ? shows every key, q quits.
Workers keep running when orch-tui quits.
`;

/** The first form, or a verb's subcommands: `add|ls|cancel|retry`. */
function formsInBrief(forms: readonly string[]): string {
  const firsts = forms.map((f) => f.split(' ')[0] ?? '');
  if (forms.length > 1 && firsts.every((w) => /^[a-z]+$/.test(w))) return firsts.join('|');
  return forms[0] ?? '';
}

/** `orch-tui --help`: the verbs' lines come from their own specs, so they cannot drift. */
export function globalHelp(specs: readonly VerbSpec[]): string {
  const rows = specs.map((spec): [string, string] => [`${spec.name} ${formsInBrief(spec.forms)}`.trim(), spec.summary]);
  return [HEAD, ...helpTable(rows), TAIL].join('\n');
}
