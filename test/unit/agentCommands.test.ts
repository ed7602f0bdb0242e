import { describe, expect, it } from 'vitest';
import { interruptKey, slashCommandRefusal } from '../../src/dispatch/agentCommands.js';

describe('slashCommandRefusal', () => {
  it('refuses a shell and the agents known not to have the command, saying what runs', () => {
    expect(slashCommandRefusal('w3', 'generic', 'bash', '/compact')).toBe('w3 runs bash, which has no /compact; nothing was sent.');
    expect(slashCommandRefusal('w3', 'generic', '-zsh', '/clear')).toBe('w3 runs -zsh, which has no /clear; nothing was sent.');
    expect(slashCommandRefusal('g', 'gemini', 'node', '/compact')).toBe('g runs Gemini CLI, which has no /compact (it has /compress); nothing was sent.');
    expect(slashCommandRefusal('a', 'aider', 'python3', '/compact')).toMatch(/^a runs Aider, which has no \/compact/);
  });

  it('lets through the agents that have it, and programs that may be agents it does not know', () => {
    expect(slashCommandRefusal('c', 'claude', 'claude', '/compact')).toBeUndefined();
    expect(slashCommandRefusal('c', 'claude', 'claude', '/clear')).toBeUndefined();
    expect(slashCommandRefusal('x', 'codex', 'node', '/compact')).toBeUndefined();
    expect(slashCommandRefusal('g', 'gemini', 'node', '/clear')).toBeUndefined();
    expect(slashCommandRefusal('o', 'generic', 'opencode', '/compact')).toBeUndefined();
  });
});

describe('interruptKey', () => {
  it('Escape for agents, Ctrl-C for a command in a shell (and Aider), Escape for an unknown full-screen program', () => {
    expect(interruptKey('claude')).toEqual({ key: 'Escape', label: 'Escape' });
    expect(interruptKey('codex').key).toBe('Escape');
    expect(interruptKey('aider').key).toBe('C-c');
    expect(interruptKey('generic')).toEqual({ key: 'C-c', label: 'Ctrl-C' });
    expect(interruptKey('generic', true).key).toBe('Escape');
  });
});
