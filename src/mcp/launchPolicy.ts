import path from 'node:path';
import { splitCommandWords } from '../dispatch/commandWords.js';
import { DEFAULT_AGENT } from '../dispatch/createWorker.js';

/**
 * What `create_worker` may start without asking the user: the known agents,
 * by their bare name (found on PATH as the user's shell would), with their
 * own flags except those that switch off their permissions or load
 * commands from elsewhere; or a program the user allowed for this project
 * (`orch-tui init --allow-command NAME`). A person's own `orch-tui new` has
 * no such limits.
 */

/** Flags that take their value as the next word when not written `--flag=value`. */
interface FlagRule {
  /** The flag names (`--yolo`, `-y`). */
  names: string[];
  /** Forbidden only with these values (absent: forbidden outright). */
  values?: string[];
}

const EVERY_AGENT: RegExp = /dangerous|bypass|yolo|skip-permission/i;

const AGENT_RULES: Record<string, FlagRule[]> = {
  claude: [
    { names: ['--permission-mode'], values: ['bypassPermissions'] },
    // Each of these hands Claude commands to run, or answers its permission questions, from elsewhere.
    { names: ['--settings'] }, { names: ['--mcp-config'] }, { names: ['--plugin-dir'] },
    { names: ['--allowedTools', '--allowed-tools'] }, { names: ['--permission-prompt-tool'] },
  ],
  codex: [
    { names: ['--full-auto'] }, { names: ['-c', '--config'] }, { names: ['-p', '--profile'] },
    { names: ['-a', '--ask-for-approval'], values: ['never'] },
    { names: ['-s', '--sandbox'], values: ['danger-full-access'] },
  ],
  gemini: [
    { names: ['-y'] }, { names: ['--approval-mode'], values: ['yolo', 'auto_edit'] },
    { names: ['--allowed-tools'] }, { names: ['--allowed-mcp-server-names'] },
  ],
  aider: [
    { names: ['--yes-always', '--yes'] }, { names: ['--test-cmd'] }, { names: ['--lint-cmd'] },
    { names: ['--auto-test'] }, { names: ['--load'] }, { names: ['-c', '--config'] }, { names: ['--env-file'] },
  ],
};

export const KNOWN_AGENTS: readonly string[] = Object.keys(AGENT_RULES);

/**
 * Variables a worker's environment may not get through the tool: they load
 * code into a process (LD_PRELOAD, NODE_OPTIONS, ...), change which program
 * a name runs (PATH), move an agent's or orch-tui's own settings and state
 * (HOME, CLAUDE_CONFIG_DIR, XDG_*), or send its traffic elsewhere.
 */
const FORBIDDEN_ENV: readonly RegExp[] = [
  /^LD_/, /^DYLD_/, /^PATH$/, /^HOME$/, /^SHELL$/, /^IFS$/, /^ENV$/, /^BASH_ENV$/, /^BASH_FUNC_/, /^PROMPT_COMMAND$/,
  /^ZDOTDIR$/, /^NODE_OPTIONS$/, /^NODE_PATH$/, /^PYTHON/, /^PERL5/, /^RUBY(OPT|LIB)$/, /^GIT_/, /^CLAUDE_CONFIG_DIR$/,
  /^XDG_/, /^TMUX/, /^ORCH_TUI/, /^(EDITOR|VISUAL|PAGER)$/, /_BASE_URL$/, /^(HTTPS?|ALL|NO)_PROXY$/i,
];

export class LaunchRefused extends Error {}

/** Whether the command line starts a program the user allowed beyond the known agents. */
export function isAllowedCommand(agent: string | undefined, allowedCommands: readonly string[]): boolean {
  const [program = ''] = splitCommandWords(agent ?? DEFAULT_AGENT);
  return allowedCommands.includes(program) && !KNOWN_AGENTS.includes(program);
}

/** Throws one sentence when an agent may not start this command line with this environment. */
export function checkAgentLaunch(agent: string | undefined, env: Record<string, string> | undefined, allowedCommands: readonly string[]): void {
  for (const key of Object.keys(env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || FORBIDDEN_ENV.some((re) => re.test(key))) {
      throw new LaunchRefused(
        `create_worker may not set ${key} in a worker's environment (it could change what the worker runs or where its settings and traffic go); nothing was started.`,
      );
    }
  }
  const words = splitCommandWords(agent ?? DEFAULT_AGENT);
  const [program = '', ...args] = words;
  if (allowedCommands.includes(program)) return;
  const rules = AGENT_RULES[program];
  if (!rules || program !== path.basename(program)) {
    throw new LaunchRefused(
      `create_worker starts only ${KNOWN_AGENTS.join(', ')} (by name), not "${program}"; nothing was started. ` +
        `The user can allow it for this project with "orch-tui init --allow-command ${path.basename(program) || 'NAME'}" (then restart Claude Code), ` +
        `or start the worker themselves with "orch-tui new".`,
    );
  }
  const bad = forbiddenFlag(args, rules);
  if (bad) {
    throw new LaunchRefused(
      `create_worker does not start ${program} with ${bad}: it would switch off ${program}'s own permission checks or run commands from elsewhere; nothing was started. ` +
        `The user can start such a worker themselves with "orch-tui new".`,
    );
  }
}

function forbiddenFlag(args: readonly string[], rules: readonly FlagRule[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-') && EVERY_AGENT.test(arg)) return arg;
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('-') ? arg.slice(0, eq) : arg;
    const rule = rules.find((r) => r.names.includes(name));
    if (!rule) continue;
    if (!rule.values) return name;
    const value = eq > 0 ? arg.slice(eq + 1) : args[i + 1];
    if (value !== undefined && rule.values.includes(value)) return `${name} ${value}`;
  }
  return undefined;
}
