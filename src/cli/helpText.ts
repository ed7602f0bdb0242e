export const HELP_TEXT = `orch-tui — a control room for AI coding agents running in tmux

Usage:
  orch-tui [GLOBAL OPTIONS] [dashboard]     the full-screen dashboard (default)
  orch-tui [GLOBAL OPTIONS] VERB [ARGS]

Verbs:
  dashboard             show every worker pane of the server, live
  demo                  start a private tmux server with three simulated
                        workers and show the dashboard on it
  ls [--json]           list the workers
  capture WORKER [--lines N] [--color] [--json]
                        print the tail of a worker's screen
  send WORKER [--when-idle] [--timeout S] [--json] -- TEXT   (or - for stdin)
                        send a task: pasted, submitted, and confirmed
  broadcast [--session GLOB] [--when-idle] -- TEXT
                        send a task to every live worker (or those matching)
  compact WORKER [GOAL] /compact, with an optional goal
  clear WORKER [TASK]   /clear, then (once ready) a new task
  interrupt WORKER      press Escape in the worker
  kill WORKER --yes     kill the worker's session (or its pane)
  new NAME [--cwd DIR] [--agent CMD] [--env K=V]... [--task TEXT]
      [--accepts-commands]
                        create a worker (default agent: claude); prints
                        its pane id; the task is sent once it is ready
  adopt WORKER [--accepts-commands] | release WORKER
                        hand a pane to an orchestrating agent (MCP), or
                        take it back; agents reach only managed workers
  classify [--agent KIND] [FILE | -] [--json]
                        the state a captured screen shows, and why
  wait WORKER --until STATE[,STATE...] [--timeout S]
                        exit 0 when the worker reaches a state, 1 on timeout

  task add WORKER TEXT [--after ID]... [--id ID]
                        queue a task for a live worker (prints its id)
  task ls [--json]      the queue; a failed task says why
  task cancel ID | task retry ID | task rm ID... | task clear [--all]
                        cancel; run again (failed, cancelled or done);
                        remove; remove the finished (--all: and queued) ones
  run [--once | --until-done]
                        dispatch queued tasks headless (the dashboard does
                        it too while it runs; only one dispatcher at a time);
                        --once: one round, exit 1 if a due task was not sent;
                        --until-done: until the open tasks have finished
  note add [--to WORKER]... [--topic T] [--tag T]... [--now] -- TEXT
                        leave a note for workers (or all, or the board);
                        it reaches each once, before its next task (--now:
                        as a message of its own once it is idle)
  note ls [--for WORKER] [--unread] [--json] | note read ID
  status [--json | --markdown]
                        per worker: state, tasks done, files changed, what
                        it does now, waits for and has next; overall progress
  up [-f FILE]          create the team file's workers and queue its tasks
                        (default ./orch.yaml)
  down [-f FILE] --yes  kill the workers that team file created and take
                        its tasks off the queue
  mcp [--allow-command NAME]...
                        an MCP server on stdio with these verbs as tools,
                        for an orchestrating agent
  init [DIR] [--force] [--dry-run] [--allow-command NAME]...
                        register that server for Claude Code in a project
                        (.mcp.json) and add its /orchestrate command

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
  --error-pattern RE    also count output lines matching RE as errors
                        (repeatable; the defaults cover compilers, tests,
                        panics, tracebacks, npm ERR!, make, ...)
  -h, --help            this help
  -V, --version         the version

Dashboard keys: arrows/hjkl/Tab move focus, z or Enter zooms, PgUp/PgDn
scroll (zoom) or page (grid), ? shows every key, q quits.
Workers keep running when orch-tui quits.
`;
