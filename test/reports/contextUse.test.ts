/**
 * How full a context is, from Claude Code 2.1.328's own words: its status
 * line input and its transcript (both recorded from a real run against the
 * fake model: a reply whose usage said 1,000 + 2,000 + 147,000 tokens, a 429,
 * then /compact).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contextFromStatusLine, contextFromUsage, parseStatusLine, percentOf, transcriptIsFresher } from '../../src/reports/contextUse.js';
import { lastMainChainUsage } from '../../src/reports/transcriptUsage.js';
import { ModelWindows } from '../../src/reports/modelWindows.js';
import { parseHookLog } from '../../src/reports/hookEvents.js';
import { TailReader } from '../../src/reports/tailFile.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/claude/2.1.328/${name}`, import.meta.url)), 'utf8');

describe('the status line input', () => {
  it('150,000 tokens of a 1M window: 15 %, as Claude says, with the cost', () => {
    const status = parseStatusLine(JSON.parse(fixture('statusline-150k.json')))!;
    expect(status).toMatchObject({ modelId: 'claude-opus-5-5', windowSize: 1_000_000, usedPercentage: 15, tokens: 150_000, costUsd: 0.034 });
    expect(contextFromStatusLine(status)).toEqual({ tokens: 150_000, window: 1_000_000, percent: 15, source: 'statusline' });
  });

  it('before the first reply: no context yet, but the window and the cost', () => {
    const status = parseStatusLine(JSON.parse(fixture('statusline-start.json')))!;
    expect(status).toMatchObject({ windowSize: 1_000_000, costUsd: 0 });
    expect(status.tokens).toBeUndefined();
    expect(contextFromStatusLine(status)).toBeUndefined();
  });

  it('anything else is no status', () => {
    expect(parseStatusLine(null)).toBeUndefined();
    expect(parseStatusLine({})).toEqual({});
  });
});

describe('the transcript', () => {
  const whole = fixture('transcript-usage-compact.jsonl');
  const lines = whole.trim().split('\n');
  const boundary = lines.findIndex((l) => l.includes('"compact_boundary"'));

  it('the last main-chain reply: input + cache creation + cache read, and its model; an API error after it used nothing', () => {
    expect(lastMainChainUsage(lines.slice(0, boundary).join('\n'))).toEqual({ tokens: 150_000, model: 'claude-opus-5-5' });
  });

  it("after /compact: the compaction's own size, with the model from before it", () => {
    expect(lastMainChainUsage(whole)).toEqual({ tokens: 2883, model: 'claude-opus-5-5' });
  });

  it("a subagent's reply is not the main context, and a line being written is skipped", () => {
    const side = JSON.stringify({ type: 'assistant', isSidechain: true, message: { model: 'm', usage: { input_tokens: 9 } } });
    const before = lines.slice(0, boundary).join('\n');
    expect(lastMainChainUsage(`${before}\n${side}\n{"type":"assistant","mess`)).toEqual({ tokens: 150_000, model: 'claude-opus-5-5' });
    expect(lastMainChainUsage('')).toBeUndefined();
  });

  it('a window only when the model is known; percent in whole points', () => {
    expect(contextFromUsage(150_000, undefined)).toEqual({ tokens: 150_000, source: 'transcript' });
    expect(contextFromUsage(150_000, 1_000_000)).toEqual({ tokens: 150_000, window: 1_000_000, percent: 15, source: 'transcript' });
    expect(percentOf(1_994, 200_000)).toBe(1);
  });
});

describe('windows by model, and reading the end of growing files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'orch-windows-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a model is unknown until a status line says its window, then known to every process', async () => {
    const file = path.join(dir, 'model-windows.json');
    const first = new ModelWindows(file);
    expect(await first.windowOf('claude-opus-5-5')).toBeUndefined();
    expect(await first.windowOf('claude-sonnet-9[1m]')).toBe(1_000_000);
    await first.learn('claude-opus-5-5', 1_000_000);
    expect(await first.windowOf('claude-opus-5-5')).toBe(1_000_000);
    expect(await new ModelWindows(file).windowOf('claude-opus-5-5')).toBe(1_000_000);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ 'claude-opus-5-5': 1_000_000 });
  });

  it('a file that did not change is not read again; a torn line is skipped, the record after it kept', async () => {
    const file = path.join(dir, 'events.jsonl');
    let parses = 0;
    const reader = new TailReader((text) => (parses++, parseHookLog(text)), { tailBytes: 4096 });
    await writeFile(file, '{"at":1,"event":{"hook_event_name":"Stop"}}\n{"at":2,"event":{"hook_ev');
    await appendFile(file, '{"at":3,"event":{"hook_event_name":"UserPromptSubmit","prompt":"hi"}}\n');
    expect((await reader.read(file))?.map((e) => [e.at, e.name])).toEqual([[1, 'Stop'], [3, 'UserPromptSubmit']]);
    await reader.read(file);
    expect(parses).toBe(1);
    // Only the end is read, from its first whole line.
    await appendFile(file, `${'{"at":4,"event":{"hook_event_name":"Stop"}}\n'.repeat(200)}`);
    const tail = (await reader.read(file))!;
    expect(tail.every((e) => e.at === 4)).toBe(true);
    expect(parses).toBe(2);
    expect(await reader.read(path.join(dir, 'missing'))).toBeUndefined();
  });
});

describe('status line or transcript: the fresher word', () => {
  const reading = contextFromStatusLine(parseStatusLine(JSON.parse(fixture('statusline-150k.json')))!);
  it('a reply the status line has not redrawn for yet: the transcript, written after it, with another number', () => {
    expect(transcriptIsFresher({ context: reading, writtenAtMs: 1000 }, { tokens: 250_000, writtenAtMs: 1500 })).toBe(true);
  });
  it('the same number, or a transcript older than the status line: the status line', () => {
    expect(transcriptIsFresher({ context: reading, writtenAtMs: 1000 }, { tokens: 150_000, writtenAtMs: 1500 })).toBe(false);
    expect(transcriptIsFresher({ context: reading, writtenAtMs: 2000 }, { tokens: 250_000, writtenAtMs: 1500 })).toBe(false);
  });
  it('no reading in the status line yet: the transcript', () => {
    expect(transcriptIsFresher({ context: undefined, writtenAtMs: 2000 }, { tokens: 250_000, writtenAtMs: 1500 })).toBe(true);
  });
});
