import { describe, expect, it } from 'vitest';
import { checkAgentLaunch, LaunchRefused } from '../../src/mcp/launchPolicy.js';

const refused = (agent: string | undefined, env?: Record<string, string>, allowed: string[] = []) => {
  try {
    checkAgentLaunch(agent, env, allowed);
  } catch (error) {
    expect(error).toBeInstanceOf(LaunchRefused);
    return (error as Error).message;
  }
  return undefined;
};

describe('what create_worker may start without asking', () => {
  it.each([
    [undefined], ['claude'], ['claude --model opus'], ['claude --permission-mode plan'], ['claude "fix the dangerous bug"'],
    ['codex'], ['codex --model o4-mini'], ['codex -s workspace-write'], ['gemini -m gemini-2.5-pro'], ['aider --model sonnet'],
  ])('allows the known agent %s', (agent) => {
    expect(refused(agent)).toBeUndefined();
  });

  it.each([
    ['bash -c "touch /tmp/x"', /starts only claude, codex, gemini, aider \(by name\), not "bash"/],
    ['sh', /not "sh"/],
    ['/tmp/evil/claude', /not "\/tmp\/evil\/claude"/],
    ['env FOO=1 claude', /not "env"/],
    ['python3 -m http.server', /not "python3"/],
  ])('refuses any other program: %s', (agent, sentence) => {
    const message = refused(agent);
    expect(message).toMatch(sentence);
    expect(message).toMatch(/orch-tui init --allow-command|orch-tui new/);
  });

  it.each([
    ['claude --dangerously-skip-permissions', '--dangerously-skip-permissions'],
    ['claude --permission-mode bypassPermissions', '--permission-mode bypassPermissions'],
    ['claude --permission-mode=bypassPermissions', '--permission-mode=bypassPermissions'],
    ['claude --settings /tmp/hooks.json', '--settings'],
    ['claude --mcp-config /tmp/servers.json', '--mcp-config'],
    ['claude --allowedTools Bash', '--allowedTools'],
    ['codex --dangerously-bypass-approvals-and-sandbox', '--dangerously-bypass-approvals-and-sandbox'],
    ['codex --full-auto', '--full-auto'],
    ['codex -a never', '-a never'],
    ['codex --sandbox danger-full-access', '--sandbox danger-full-access'],
    ['codex -c shell=bash', '-c'],
    ['gemini --yolo', '--yolo'],
    ['gemini -y', '-y'],
    ['gemini --approval-mode yolo', '--approval-mode yolo'],
    ['aider --yes-always', '--yes-always'],
    ['aider --test-cmd "rm -rf /"', '--test-cmd'],
  ])('refuses %s', (agent, flag) => {
    expect(refused(agent)).toContain(`with ${flag}:`);
  });

  it('a program the user allowed for the project starts with any arguments', () => {
    expect(refused('make -C build watch', undefined, ['make'])).toBeUndefined();
    expect(refused('make', undefined, ['npm'])).toMatch(/not "make"/);
  });

  it.each([['LD_PRELOAD'], ['PATH'], ['HOME'], ['NODE_OPTIONS'], ['GIT_SSH_COMMAND'], ['ANTHROPIC_BASE_URL'], ['https_proxy'], ['BASH_ENV'], ['XDG_STATE_HOME'], ['bad name']])(
    'refuses to set %s in the environment',
    (key) => {
      expect(refused('claude', { [key]: 'x' })).toMatch(new RegExp(`may not set ${key.replace(/ /, '\\s')}`));
    },
  );

  it('lets ordinary variables through', () => {
    expect(refused('claude', { PROJECT: 'auth', DEBUG: '1', ANTHROPIC_MODEL: 'opus' })).toBeUndefined();
  });
});
