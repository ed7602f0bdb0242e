import { describe, expect, it } from 'vitest';
import { inToolTerms } from '../../src/mcp/toolTerms.js';

describe('tool errors name tools, not verbs', () => {
  it('points an agent at list_workers, list_tasks and create_worker', () => {
    expect(inToolTerms('No worker named "x" (see orch-tui ls).')).toBe('No worker named "x" (see list_workers).');
    expect(inToolTerms('No task t9 (see orch-tui task ls).')).toBe('No task t9 (see list_tasks).');
    expect(inToolTerms('No worker named "x" (see orch-tui ls); create it first (orch-tui new x), then queue its tasks.'))
      .toBe('No worker named "x" (see list_workers); create it first with create_worker, then queue its tasks.');
  });

  it('leaves what only the user can do as the verb the user runs', () => {
    const userOnly = 'so an agent may send it nothing unless the user adopts it with "orch-tui adopt b --accepts-commands".';
    expect(inToolTerms(userOnly)).toBe(userOnly);
  });
});
