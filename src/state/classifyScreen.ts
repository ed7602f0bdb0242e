/**
 * `orch-tui classify`: the state of a screen captured to a file, with no
 * pane to ask tmux about (assumed alive). The agent kind comes from the
 * screen's own marks when not given.
 */
import type { AgentKind, StateDecision } from './agentState.js';
import { decideState } from './decideState.js';
import { cleanLines, splitScreen } from './screenLines.js';

/** Marks each agent leaves on its screen; the kind with most matches wins. */
const MARKS: Record<Exclude<AgentKind, 'generic'>, RegExp[]> = {
  claude: [/Claude Code v\d/, /^❯(?:\s|$)/m, /^─{20,}$/m, /\? for shortcuts|esc to interrupt/, /Do you want to proceed\?[\s\S]*Esc to cancel/, /^Resume this session with:\n.*claude .*--resume/m, /^● /m],
  codex: [/OpenAI Codex/, /^› /m, /\((?:\d+[hms]\s*)+• esc to interrupt\)/, /context left/, /Would you like to (?:run|make) the following/, /Press enter to confirm or esc to cancel/, /^─ Worked for/m],
  gemini: [/Type your message or @path\/to\/file/, /\(esc to cancel, \d/, /^✦ /m, /Allow execution of/, /No, suggest changes \(esc\)/, /Compressing chat history/, /gemini-\d/],
  aider: [/^Aider v\d/m, /\(Y\)es\/\(N\)o/, /^Tokens: .+ sent, .+ received/m, /^(?:[a-z-]+ )?>\s*$/m, /Waiting for \S+/, /^Main model: /m],
};

/** The agent whose marks the screen shows most; `generic` when none shows. */
export function guessKindFromScreen(text: string): AgentKind {
  const screen = cleanLines(splitScreen(text)).join('\n');
  let best: AgentKind = 'generic';
  let bestScore = 0;
  for (const [kind, marks] of Object.entries(MARKS) as [Exclude<AgentKind, 'generic'>, RegExp[]][]) {
    const score = marks.filter((mark) => mark.test(screen)).length;
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}

/** The state a captured screen shows, deciding as the dashboard would for a live pane. */
export function classifyScreen(text: string, kind?: AgentKind): StateDecision {
  const lines = cleanLines(splitScreen(text));
  const agent = kind ?? guessKindFromScreen(text);
  // No pane facts: alive, command unknown (''), so only the screen can decide.
  return decideState({ kind: agent, lines, pane: { dead: false, currentCommand: '' } });
}
