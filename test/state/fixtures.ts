/** Reads the recorded screens: Claude Code's (per version) and the generic ones. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PaneFacts } from '../../src/state/agentState.js';
import type { ClaudeSessionFile } from '../../src/state/claudeSessionFiles.js';
import { splitScreen } from '../../src/state/screenLines.js';

export const CLAUDE_VERSION = '2.1.328';
const claudeDir = new URL(`../fixtures/claude/${CLAUDE_VERSION}/`, import.meta.url);
const screensDir = new URL('../fixtures/screens/', import.meta.url);

export interface ClaudeFixture {
  lines: string[];
  ansiLines: string[];
  /** null once the process has ended. */
  sessionFile: ClaudeSessionFile | null;
  paneDead: boolean;
}

export function claudeFixture(name: string): ClaudeFixture {
  const read = (suffix: string) => readFileSync(fileURLToPath(new URL(`${name}${suffix}`, claudeDir)), 'utf8');
  const entry = (JSON.parse(readFileSync(fileURLToPath(new URL('index.json', claudeDir)), 'utf8')) as {
    fixtures: { name: string; paneDead: boolean }[];
  }).fixtures.find((f) => f.name === name);
  if (!entry) throw new Error(`no Claude fixture ${name}`);
  return {
    lines: splitScreen(read('.txt')),
    ansiLines: splitScreen(read('.ansi.txt')),
    sessionFile: JSON.parse(read('.session.json')) as ClaudeSessionFile | null,
    paneDead: entry.paneDead,
  };
}

export interface GenericFixture {
  name: string;
  lines: string[];
  pane: PaneFacts;
}

/** The generic screens recorded by test/state/recordScreens.record.ts. */
export function genericFixtures(): GenericFixture[] {
  const index = JSON.parse(readFileSync(fileURLToPath(new URL('index.json', screensDir)), 'utf8')) as (PaneFacts & { name: string })[];
  return index.map(({ name, dead, deadStatus, currentCommand, alternateOn }) => ({
    name,
    lines: splitScreen(readFileSync(fileURLToPath(new URL(`${name}.txt`, screensDir)), 'utf8')),
    pane: { dead, currentCommand, ...(deadStatus === undefined ? {} : { deadStatus }), ...(alternateOn ? { alternateOn } : {}) },
  }));
}

export function genericFixture(name: string): GenericFixture {
  const found = genericFixtures().find((f) => f.name === name);
  if (!found) throw new Error(`no generic fixture ${name}`);
  return found;
}
