import { describe, expect, it } from 'vitest';
import { planCaptures, trimCapture, type CapturePlanOptions, type PaneMemory } from '../../src/feed/capturePlan.js';
import { paneSignature } from '../../src/tmux/paneFormat.js';
import { makePane } from './paneFactory.js';

const ACTIVITY = 1_700_000_000;
const options: CapturePlanOptions = {
  now: (ACTIVITY + 60) * 1000,
  gridHistory: 50,
  zoomHistory: 2000,
  recentActivityMs: 2000,
};

const idle = makePane({ paneId: '%1', windowActivity: ACTIVITY });

function remembered(historyLines = 50, pane = idle): Map<string, PaneMemory> {
  return new Map([[pane.paneId, { signature: paneSignature(pane), historyLines }]]);
}

describe('planCaptures', () => {
  it('captures a pane it has never seen', () => {
    expect(planCaptures([idle], new Map(), options)).toEqual([{ paneId: '%1', historyLines: 50 }]);
  });

  it('skips an idle pane whose signature has not changed', () => {
    expect(planCaptures([idle], remembered(), options)).toEqual([]);
  });

  it('captures a pane whose signature changed', () => {
    const moved = { ...idle, cursorY: idle.cursorY + 1 };
    expect(planCaptures([moved], remembered(), options)).toEqual([{ paneId: '%1', historyLines: 50 }]);
  });

  it('captures a pane active within recentActivityMs even with the same signature', () => {
    const recent = { ...options, now: ACTIVITY * 1000 + 1500 };
    expect(planCaptures([idle], remembered(), recent)).toHaveLength(1);
    const later = { ...options, now: ACTIVITY * 1000 + 2500 };
    expect(planCaptures([idle], remembered(), later)).toEqual([]);
  });

  it('gives the zoomed pane its scrollback, once', () => {
    const zoomed = { ...options, zoomedPaneId: '%1' };
    expect(planCaptures([idle], remembered(50), zoomed)).toEqual([{ paneId: '%1', historyLines: 2000 }]);
    expect(planCaptures([idle], remembered(2000), zoomed)).toEqual([]);
    // Back in the grid the deeper capture already covers it.
    expect(planCaptures([idle], remembered(2000), options)).toEqual([]);
  });

  it('plans only the panes that need it, in pane order', () => {
    const other = makePane({ paneId: '%2', sessionName: 'web', windowActivity: ACTIVITY });
    const third = makePane({ paneId: '%3', sessionName: 'db', windowActivity: ACTIVITY });
    const memory = new Map([...remembered(), ...remembered(50, third)]);
    expect(planCaptures([idle, other, third], memory, options).map((r) => r.paneId)).toEqual(['%2']);
  });
});

describe('trimCapture', () => {
  it('drops trailing blank lines, including ones holding only colour codes', () => {
    expect(trimCapture(['$ ls', 'a b', '', '   ', '\u001b[0m', '\u001b[38;5;1m  \u001b[m'])).toEqual(['$ ls', 'a b']);
  });

  it('keeps blank lines between output', () => {
    expect(trimCapture(['one', '', 'two', ''])).toEqual(['one', '', 'two']);
  });

  it('handles an all-blank or empty capture', () => {
    expect(trimCapture(['', ' '])).toEqual([]);
    expect(trimCapture([])).toEqual([]);
  });

  it('does not change its input', () => {
    const lines = ['x', ''];
    trimCapture(lines);
    expect(lines).toEqual(['x', '']);
  });
});
