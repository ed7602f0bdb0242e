/** The generic detector over screens recorded from real tmux panes and small inline ones. */
import { describe, expect, it } from 'vitest';
import type { AgentStateName, PaneFacts, StateSource } from '../../src/state/agentState.js';
import { decideState } from '../../src/state/decideState.js';
import { detectGenericScreen } from '../../src/state/genericScreen.js';
import type { TerminalForeground } from '../../src/state/terminalForeground.js';
import { genericFixture } from './fixtures.js';

describe('recorded panes (test/fixtures/screens)', () => {
  it.each<[string, AgentStateName, string, string]>([
    ['shell-idle', 'idle', 'the shell (bash) is at its prompt', 'pane_current_command: bash'],
    ['build-running', 'working', '`sleep` is running in the foreground', 'pane_current_command: sleep'],
    // `sh -c '…; read answer'`: a shell in the foreground, but asking.
    ['question-yes-no', 'waiting', 'asks: Proceed? [y/N]', 'Proceed? [y/N]'],
  ])('%s: %s', (name, state, reason, evidence) => {
    const fx = genericFixture(name);
    expect(detectGenericScreen(fx.lines, fx.pane)).toMatchObject({ state, reason, evidence });
    expect(decideState({ kind: 'generic', lines: fx.lines, pane: fx.pane })).toMatchObject({ state, reason });
  });

  // tmux fills pane_dead_status (and prints "Pane is dead") or not, by a race:
  // the recordings hold both outcomes, so the expected reason follows the recording.
  it.each<[string, number]>([['build-failed', 2], ['node-error', 1], ['python-traceback', 1]])('%s: exited (status %i when tmux knew it)', (name, status) => {
    const fx = genericFixture(name);
    expect(fx.pane.dead).toBe(true);
    const knows = fx.pane.deadStatus !== undefined || fx.lines.some((line) => line.startsWith('Pane is dead (status'));
    expect(decideState({ kind: 'generic', lines: fx.lines, pane: fx.pane })).toMatchObject({
      state: 'exited', reason: knows ? `exited with status ${status}` : 'exited',
    });
  });

});

describe('pane death seen on screen', () => {
  const screen = ['make: *** [Makefile:2: all] Error 1', 'Pane is dead (status 2, Tue Nov 24 05:40:14 2026)'];
  it('screen only (classify): tmux\'s line gives the status', () => {
    expect(detectGenericScreen(screen, { dead: false, currentCommand: '' })).toEqual({
      state: 'exited', reason: 'exited with status 2', source: 'screen', evidence: screen[1],
    });
  });
  it('a dead pane whose status tmux did not fill: the screen\'s line gives it', () => {
    expect(detectGenericScreen(screen, { dead: true, currentCommand: 'make' })).toMatchObject({ state: 'exited', reason: 'exited with status 2', source: 'screen' });
  });
});

describe('inline panes', () => {
  const alive = (currentCommand: string, extra: Partial<PaneFacts> = {}): PaneFacts => ({ dead: false, currentCommand, ...extra });

  it.each<[string, string[], PaneFacts, AgentStateName, StateSource]>([
    ['zsh at its prompt', ['~/proj main ❯'], alive('zsh'), 'idle', 'tmux'],
    ['a login shell', ['$'], alive('-bash'), 'idle', 'tmux'],
    ['fish', ['user@box ~/p>'], alive('fish'), 'idle', 'tmux'],
    ['nushell', ['~/p>'], alive('nu'), 'idle', 'tmux'],
    ['make building', ['cc -c a.c', 'cc -c b.c'], alive('make'), 'working', 'tmux'],
    ['npm test running', [' RUN  v4.1.12 /work/main'], alive('npm'), 'working', 'tmux'],
    ['a dead pane with status 3', ['partial output'], { dead: true, deadStatus: 3, currentCommand: 'sh' }, 'exited', 'tmux'],
    ['vim open (alternate screen)', ['~', '~', '"notes.md" 3L'], alive('vim', { alternateOn: true }), 'idle', 'tmux'],
    ['apt asking', ['Do you want to continue? [Y/n]'], alive('apt'), 'waiting', 'screen'],
    ['sudo asking for a password', ['[sudo] password for dev:'], alive('sudo'), 'waiting', 'screen'],
  ])('%s', (_title, lines, pane, state, source) => {
    expect(detectGenericScreen(lines, pane)).toMatchObject({ state, source });
  });

  it('a dead pane reports its status in one sentence', () => {
    expect(detectGenericScreen(['boom'], { dead: true, deadStatus: 3, currentCommand: 'make' })).toEqual({
      state: 'exited', reason: 'exited with status 3', evidence: 'pane_dead: 1, pane_dead_status: 3', source: 'tmux',
    });
  });

  it('screen only: a prompt at the bottom is idle, output after the prompt is a program running, nothing at all has no opinion', () => {
    expect(detectGenericScreen(['$ ls', 'a b', 'dev@box:~/p$'], alive(''))).toMatchObject({ state: 'idle', source: 'screen', evidence: 'dev@box:~/p$' });
    expect(detectGenericScreen(['$ ./long.sh', 'step 8 of 40'], alive(''))).toEqual({
      state: 'working', reason: 'output with no shell prompt after it: a program is running', evidence: 'step 8 of 40', source: 'screen',
    });
    expect(detectGenericScreen(['', '  '], alive(''))).toBeUndefined();
  });
});

describe('a shell pane with its terminal\'s foreground from /proc', () => {
  const shellPane = (foreground: TerminalForeground, extra: Partial<PaneFacts> = {}): PaneFacts => ({ dead: false, currentCommand: 'bash', foreground, ...extra });
  const job = (name: string, pid = 200): TerminalForeground['job'] => ({ pid, name, command: `/bin/bash ./${name}` });
  const atPrompt: TerminalForeground = { program: 'bash', running: false, evidence: "no foreground job: the terminal's foreground process group is bash's own (100)" };

  it.each<[string, TerminalForeground, string[], AgentStateName, string]>([
    // tmux says `bash` for all of these: only the foreground group tells them apart.
    ['a script (bash runs it: pane_current_command stays bash)', { program: 'bash', job: job('long.sh'), running: false, evidence: 'fg 200' }, ['step 8 of 40'], 'working', '`long.sh` runs in the foreground of the shell (bash)'],
    ['sleep at the prompt', { program: 'bash', job: job('sleep'), running: false, evidence: 'fg 200' }, ['$ sleep 15'], 'working', '`sleep` runs in the foreground of the shell (bash)'],
    ['a loop of builtins: the shell itself runs', { program: 'bash', running: true, evidence: 'state R' }, ['x', 'x'], 'working', 'the shell (bash) is running a command itself'],
    ['at its prompt', atPrompt, ['$ ls', 'a b', '$'], 'idle', 'the shell (bash) is at its prompt'],
    ['at its prompt, a prompt no pattern knows', atPrompt, ['[main] ~/p'], 'idle', 'the shell (bash) is at its prompt'],
    ['a login shell', { ...atPrompt, program: '-bash' }, ['$'], 'idle', 'the shell (bash) is at its prompt'],
    ['`sh -c` running its script (a child in its own group)', { program: 'sh', job: job('sleep'), running: false, evidence: 'sleep in sh\'s group' }, ['tick 3'], 'working', '`sleep` runs in the foreground of the shell (sh)'],
  ])('%s', (_title, fg, lines, state, reason) => {
    expect(detectGenericScreen(lines, shellPane(fg))).toEqual({ state, reason, evidence: fg.evidence, source: 'proc' });
    expect(decideState({ kind: 'generic', lines, pane: shellPane(fg) })).toMatchObject({ state, reason });
  });

  it('the screen refines it: a job asking a question waits; a full-screen job is open', () => {
    const fg: TerminalForeground = { program: 'bash', job: job('apt'), running: false, evidence: 'fg 200' };
    expect(detectGenericScreen(['Do you want to continue? [Y/n]'], shellPane(fg))).toMatchObject({ state: 'waiting', source: 'screen' });
    expect(detectGenericScreen(['~', '"notes.md" 3L'], shellPane({ ...fg, job: job('vim') }, { alternateOn: true }))).toMatchObject({
      state: 'idle', reason: 'full-screen program `vim` is open', source: 'proc',
    });
  });

  it('a dead pane has exited whatever /proc said last', () => {
    expect(detectGenericScreen(['boom'], shellPane(atPrompt, { dead: true, deadStatus: 2 }))).toMatchObject({ state: 'exited', reason: 'exited with status 2' });
  });
});
