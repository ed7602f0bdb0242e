import { describe, expect, it } from 'vitest';
import { displayKey, findBinding, footerEntries, KEY_TABLE, keyName, type CommandId, type KeyContext } from '../../src/ui/keyTable.js';
import type { View } from '../../src/store/orchState.js';

const VIEWS: KeyContext[] = ['grid', 'zoom', 'help', 'tasks', 'status', 'input', 'form', 'confirm', 'answer'];

describe('keyName', () => {
  it.each([
    ['\u001b[A', 'up'],
    ['\u001bOB', 'down'],
    ['\u001b[D', 'left'],
    ['\u001b[C', 'right'],
    ['\u001b[5~', 'pageup'],
    ['\u001b[6~', 'pagedown'],
    ['\r', 'enter'],
    ['\n', 'ctrl+j'],
    ['\u001b', 'escape'],
    ['\u001b\u001b', 'escape'],
    ['\t', 'tab'],
    ['\u001b[Z', 'shift+tab'],
    ['\u0003', 'ctrl+c'],
    ['\u0015', 'ctrl+u'],
    ['\u007f', 'backspace'],
    ['q', 'q'],
    ['K', 'K'],
    ['?', '?'],
    [' ', ' '],
    ['中', '中'],
    ['🚀', '🚀'],
  ])('%j is %s', (data, name) => {
    expect(keyName(data).name).toBe(name);
  });

  it('returns pasted text as text', () => {
    expect(keyName('run the tests')).toEqual({ name: 'text', text: 'run the tests' });
  });
});

describe('findBinding', () => {
  it.each<[View, string, CommandId | undefined]>([
    ['grid', 'down', 'focus-down'],
    ['grid', 'j', 'focus-down'],
    ['grid', 'h', 'focus-left'],
    ['grid', 'tab', 'focus-next'],
    ['grid', 'shift+tab', 'focus-previous'],
    ['grid', 'z', 'zoom'],
    ['grid', 'enter', 'zoom'],
    ['grid', 'pagedown', 'page-next'],
    ['grid', 'pageup', 'page-previous'],
    ['grid', ']', 'page-next'],
    ['grid', '?', 'help'],
    ['grid', 'q', 'quit'],
    ['grid', 'ctrl+c', 'quit'],
    ['grid', 'escape', undefined],
    ['zoom', 'z', 'unzoom'],
    ['zoom', 'escape', 'unzoom'],
    ['zoom', 'pageup', 'scroll-up'],
    ['zoom', 'pagedown', 'scroll-down'],
    ['zoom', 'K', 'scroll-up'],
    ['zoom', 'tab', 'focus-next'],
    ['zoom', 'down', undefined],
    ['zoom', 'q', 'quit'],
    ['help', 'q', 'close-help'],
    ['help', 'escape', 'close-help'],
    ['help', '?', 'close-help'],
    ['help', 'ctrl+c', undefined],
    ['help', 'z', undefined],
  ])('in %s, %s runs %s', (view, key, command) => {
    expect(findBinding(view, key)?.command).toBe(command);
  });
});

describe('KEY_TABLE', () => {
  it('describes every row, and a command once per context', () => {
    for (const row of KEY_TABLE) {
      expect(row.description.trim().length, row.command).toBeGreaterThan(1);
      expect(row.keys.length, row.command).toBeGreaterThan(0);
      expect(row.views.length, row.command).toBeGreaterThan(0);
    }
    const pairs = KEY_TABLE.flatMap((row) => row.views.map((view) => `${view}:${row.command}`));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it.each(VIEWS)('one key, one meaning: no key is bound twice in the %s view, conditional rows included', (view) => {
    const seen = new Map<string, CommandId>();
    const clashes: string[] = [];
    for (const row of KEY_TABLE.filter((r) => r.views.includes(view))) {
      for (const key of row.keys) {
        const before = seen.get(key);
        if (before && before !== row.command) clashes.push(`${key}: ${before} and ${row.command}`);
        seen.set(key, row.command);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('leaves every view a way out', () => {
    expect(findBinding('grid', 'q')?.command).toBe('quit');
    expect(findBinding('zoom', 'escape')?.command).toBe('unzoom');
    expect(findBinding('help', 'escape')?.command).toBe('close-help');
  });
});

describe('displayKey', () => {
  it('prints special keys short and leaves letters alone', () => {
    expect(displayKey('pageup')).toBe('PgUp');
    expect(displayKey('shift+tab')).toBe('S-Tab');
    expect(displayKey('ctrl+c')).toBe('C-c');
    expect(displayKey('up')).toBe('↑');
    expect(displayKey('z')).toBe('z');
  });
});

describe('footerEntries', () => {
  it('lists the grid keys from the table', () => {
    expect(footerEntries('grid').map((e) => `${e.key} ${e.label}`)).toEqual([
      'z zoom', '? help', 't task', 'b broadcast', '+ new', 'T tasks', 's status', 'q quit',
    ]);
  });

  it('lists the zoom and help keys from the table', () => {
    expect(footerEntries('zoom').map((e) => e.label)).toEqual(['back', 'scroll', 'help', 'task', 'new', 'tasks', 'status', 'quit']);
    expect(footerEntries('help')).toEqual([{ key: 'Esc', label: 'close' }, { key: '↑', label: 'scroll' }]);
    expect(footerEntries('input').map((e) => e.label)).toEqual(['send', 'newline', 'earlier', 'cancel']);
  });

  it('follows a different table', () => {
    expect(
      footerEntries('grid', [{ command: 'quit', keys: ['x'], footer: 'leave', description: 'Leave', views: ['grid'] }]),
    ).toEqual([{ key: 'x', label: 'leave' }]);
  });
});
