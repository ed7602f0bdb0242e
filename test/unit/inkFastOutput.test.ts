import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import stripAnsi from 'strip-ansi';
import { fastFrame } from '../../src/ui/inkFastOutput.js';

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Array<(s: string, i: number) => string> }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}

/** Ink's own Output class (not exported; reached at its file as the dashboard does). */
async function inkOutput(): Promise<new (size: { width: number; height: number }) => OutputLike> {
  const require = createRequire(import.meta.url);
  const url = pathToFileURL(path.join(path.dirname(require.resolve('ink')), 'output.js')).href;
  return ((await import(url)) as { default: new (size: { width: number; height: number }) => OutputLike }).default;
}

const COLORS = ['', '\u001b[31m', '\u001b[1;36m', '\u001b[90m', '\u001b[7m'];
const WORDS = ['build', 'ok', '中文', '🚀', '✓ done', 'x', '  spaced  ', 'error: undefined'];

describe('fastFrame', () => {
  it('draws the same text as Ink for rows of pieces that do not overlap', async () => {
    const Output = await inkOutput();
    const piece = fc.record({
      word: fc.constantFrom(...WORDS),
      color: fc.constantFrom(...COLORS),
      gap: fc.integer({ min: 0, max: 6 }),
    });
    const frame = fc.array(fc.array(piece, { maxLength: 5 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(frame, async (rows) => {
        const width = 80;
        const output = new Output({ width, height: rows.length });
        rows.forEach((pieces, y) => {
          let x = 0;
          for (const p of pieces) {
            x += p.gap;
            // Ink's layout never places text past the frame's width (Ink's
            // own grid drops the gap there, which is no layout of ours).
            if (x + stripAnsi(p.word).length * 2 > width) break;
            const text = p.color ? `${p.color}${p.word}\u001b[0m` : p.word;
            output.write(x, y, text, { transformers: [] });
            x += stripAnsi(p.word).length * 2; // room even for wide glyphs
          }
        });
        const fast = fastFrame(output as never);
        expect(fast).toBeDefined();
        const ink = output.get();
        expect(fast!.height).toBe(ink.height);
        expect(fast!.output.split('\n').map((l) => stripAnsi(l))).toEqual(ink.output.split('\n').map((l) => stripAnsi(l)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps colours: a coloured piece stays coloured', () => {
    const output = { width: 20, height: 1, operations: [{ type: 'write' as const, x: 2, y: 0, text: '\u001b[31mred\u001b[0m', transformers: [] }] };
    expect(fastFrame(output)!.output).toBe('  \u001b[31mred\u001b[0m');
  });

  it('applies clips and transformers the way Ink does', async () => {
    const Output = await inkOutput();
    const output = new Output({ width: 30, height: 3 });
    output.clip({ x1: 0, x2: 10, y1: 0, y2: 2 });
    output.write(5, 0, 'abcdefghijkl\nsecond line\nthird', { transformers: [(s) => s.toUpperCase()] });
    output.unclip();
    const fast = fastFrame(output as never)!;
    expect(fast.output.split('\n').map((l) => stripAnsi(l))).toEqual(output.get().output.split('\n').map((l) => stripAnsi(l)));
  });

  it('leaves a frame with overlapping pieces, or tabs, to Ink', () => {
    const overlap = {
      width: 20,
      height: 1,
      operations: [
        { type: 'write' as const, x: 0, y: 0, text: 'abcdef', transformers: [] },
        { type: 'write' as const, x: 3, y: 0, text: 'XY', transformers: [] },
      ],
    };
    expect(fastFrame(overlap)).toBeUndefined();
    const tab = { width: 20, height: 1, operations: [{ type: 'write' as const, x: 0, y: 0, text: 'a\tb', transformers: [] }] };
    expect(fastFrame(tab)).toBeUndefined();
  });
});
