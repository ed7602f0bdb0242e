import { describe, expect, it } from 'vitest';
import { answerFor } from '../../src/dispatch/answerPrompt.js';

describe('answerFor', () => {
  const permission = { question: 'Do you want to proceed?', command: 'npm test', choices: ['❯ 1. Yes', "2. Yes, and don't ask again", '3. No'] };

  it('picks the number of the Yes or the last No of a numbered menu', () => {
    expect(answerFor(permission, true)).toEqual({ label: '1. Yes', keys: ['-l', '--', '1'] });
    expect(answerFor(permission, false)).toEqual({ label: '3. No', keys: ['-l', '--', '3'] });
  });

  it('presses Escape for a No marked (esc)', () => {
    expect(answerFor({ question: 'q', choices: ['1. Yes', '2. No (esc)'] }, false)).toEqual({ label: '2. No (esc)', keys: ['Escape'] });
  });

  it('types y or n and Enter for a plain y/N question', () => {
    expect(answerFor({ question: 'Overwrite it? [y/N]', choices: [] }, true)).toEqual({ label: 'y', keys: ['y', 'Enter'] });
    expect(answerFor(undefined, false)).toEqual({ label: 'n', keys: ['n', 'Enter'] });
  });
});
