import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function importsOf(dir: string): Array<[string, string]> {
  return readdirSync(path.join(SRC, dir))
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) => {
      const text = readFileSync(path.join(SRC, dir, name), 'utf8');
      return [...text.matchAll(/from '([^']+)'/g)].map((m): [string, string] => [`${dir}/${name}`, m[1]!]);
    });
}

describe('one-way data flow', () => {
  it('the store imports nothing from the feed or from where agent state is read', () => {
    const imports = importsOf('store');
    expect(imports.length).toBeGreaterThan(0);
    const wrong = imports.filter(([, from]) => /\/(feed|agents)\//.test(from));
    expect(wrong).toEqual([]);
  });

  it('dispatch reads agent state from its own room, not through the feed', () => {
    const wrong = importsOf('dispatch').filter(([, from]) => from.includes('/feed/'));
    expect(wrong).toEqual([]);
  });
});
