import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridBody } from '../../src/ui/compositedBodies.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/claude/2.1.328/${name}.txt`, import.meta.url), 'utf8').split('\n');

describe('gridBody', () => {
  it('folds Claude Code’s chrome out of a grid body: the task, the answer so far and the spinner fill it', () => {
    const body = gridBody(fixture('working'), 'claude', []);
    expect(body.map((line) => line.trim())).toEqual(['❯ Explain how the build works', '●', '✻ Thinking… (1s · ↓ 2 tokens)']);
  });

  it('keeps a plain program’s lines, blank ones inside too, and marks error lines', () => {
    const body = gridBody(['$ make', '', 'error: no rule', '', ''], 'generic', [/error:/]);
    expect(body).toEqual(['$ make', '', '\u001b[1;31merror: no rule\u001b[0m']);
  });
});
