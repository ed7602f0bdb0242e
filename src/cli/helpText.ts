export const HELP_TEXT = `orch-tui — a control room for AI coding agents running in tmux

Usage:
  orch-tui [GLOBAL OPTIONS] [dashboard]     the full-screen dashboard (default)
  orch-tui [GLOBAL OPTIONS] VERB [ARGS]

Verbs:
  dashboard             show every worker pane of the server, live
  demo                  start a private tmux server with three simulated
                        workers and show the dashboard on it
  ls [--json]           list the workers
  capture WORKER [--lines N] [--json]
                        print the tail of a worker's screen

WORKER is a pane id (%3), a worker name (a session name), or
session:window.pane.

Global options (before the verb, as with tmux):
  -L NAME               use the tmux server on socket NAME (tmux -L)
  -S PATH               use the tmux server at socket PATH (tmux -S)
                        default: the server orch-tui runs inside, else
                        tmux's default server
  --session GLOB        only sessions whose name matches GLOB (* ? [..])
  --interval MS         how often the dashboard polls tmux (default 500)
  --no-bell             no terminal bell when a worker needs you
  --no-notify           no tmux message when a worker needs you
  -h, --help            this help
  -V, --version         the version

Dashboard keys: arrows/hjkl/Tab move focus, z or Enter zooms, PgUp/PgDn
scroll (zoom) or page (grid), ? shows every key, q quits.
Workers keep running when orch-tui quits.
`;
