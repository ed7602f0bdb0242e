/**
 * `orch-tui init` as a user runs it, in a fresh directory: what it shows,
 * what it writes, and what it refuses to overwrite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { ORCHESTRATE_COMMAND } from '../../src/mcp/orchestratePrompt.js';
import { defaultAllowedTools } from '../../src/mcp/toolCatalog.js';

const CLI = path.resolve('dist/src/cli.js');
let dir: string;
const init = (...args: string[]) => execa(process.execPath, [CLI, ...args], { reject: false, cwd: dir });
const readJson = async (rel: string) => JSON.parse(await readFile(path.join(dir, rel), 'utf8'));
const exists = (rel: string) => stat(path.join(dir, rel)).then(() => true, () => false);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orch-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('orch-tui init', () => {
  it('shows and writes the server entry, the /orchestrate command and the permissions', async () => {
    const r = await init('init');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`.mcp.json                        created: registers the MCP server "orch-tui": ${process.execPath} ${CLI} mcp`);
    expect(r.stdout).toMatch(/\.claude\/commands\/orchestrate\.md {2}created: the \/orchestrate command/);
    expect(r.stdout).toContain('Claude Code still asks before clear_worker, answer_prompt, kill_worker');
    expect(await readJson('.mcp.json')).toEqual({
      mcpServers: { 'orch-tui': { type: 'stdio', command: process.execPath, args: [CLI, 'mcp'], env: {} } },
    });
    expect(await readFile(path.join(dir, '.claude/commands/orchestrate.md'), 'utf8')).toBe(ORCHESTRATE_COMMAND);
    const settings = await readJson('.claude/settings.local.json');
    expect(settings.enabledMcpjsonServers).toEqual(['orch-tui']);
    expect(settings.permissions.allow).toEqual(defaultAllowedTools());
    expect(settings.permissions.allow).not.toContain('mcp__orch-tui__kill_worker');

    const again = await init('init');
    expect(again.exitCode).toBe(0);
    expect(again.stdout.match(/unchanged/g)).toHaveLength(3);
  });

  it('--allow-command names the programs create_worker may start beyond the known agents; changing them needs no --force', async () => {
    expect((await init('init')).exitCode).toBe(0);
    const r = await init('init', '--allow-command', 'make', '--allow-command', 'npm');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`updated: replaces the MCP server "orch-tui": ${process.execPath} ${CLI} mcp --allow-command make --allow-command npm`);
    expect((await readJson('.mcp.json')).mcpServers['orch-tui'].args).toEqual([CLI, 'mcp', '--allow-command', 'make', '--allow-command', 'npm']);
    const bad = await init('init', '--allow-command', '/bin/sh');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe('orch-tui: --allow-command takes a program\'s bare name (found on PATH), not "/bin/sh".');
  });

  it('--dry-run shows the plan and writes nothing; -L is kept in the server command', async () => {
    const r = await init('-L', 'work', 'init', '--dry-run');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`would create: registers the MCP server "orch-tui": ${process.execPath} ${CLI} -L work mcp`);
    expect(await exists('.mcp.json')).toBe(false);
    expect(await exists('.claude')).toBe(false);
  });

  it('adds its server to an existing .mcp.json and its rules to existing settings, keeping theirs', async () => {
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { db: { command: 'db-mcp', args: [] } } }));
    await mkdir(path.join(dir, '.claude'));
    await writeFile(path.join(dir, '.claude/settings.local.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test)'], deny: ['Read(.env)'] }, model: 'x' }));
    const r = await init('init', dir);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('updated: adds the MCP server "orch-tui"');
    expect(r.stdout).toContain('(keeps db)');
    const mcpJson = await readJson('.mcp.json');
    expect(Object.keys(mcpJson.mcpServers)).toEqual(['db', 'orch-tui']);
    const settings = await readJson('.claude/settings.local.json');
    expect(settings.model).toBe('x');
    expect(settings.permissions.deny).toEqual(['Read(.env)']);
    expect(settings.permissions.allow).toEqual(['Bash(npm test)', ...defaultAllowedTools()]);
  });

  it('refuses to overwrite a changed command or another orch-tui entry, writing nothing, unless --force', async () => {
    await mkdir(path.join(dir, '.claude/commands'), { recursive: true });
    await writeFile(path.join(dir, '.claude/commands/orchestrate.md'), 'my own orchestrate\n');
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { 'orch-tui': { command: 'orch-tui', args: ['mcp'] } } }));
    const refused = await init('init');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe('orch-tui: Nothing was written: .mcp.json and .claude/commands/orchestrate.md would be overwritten; add --force to overwrite.');
    expect(refused.stdout).toContain('refused: exists and differs; add --force to overwrite it');
    expect(await readFile(path.join(dir, '.claude/commands/orchestrate.md'), 'utf8')).toBe('my own orchestrate\n');
    expect(await exists('.claude/settings.local.json')).toBe(false);

    const forced = await init('init', '--force');
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(await readFile(path.join(dir, '.claude/commands/orchestrate.md'), 'utf8')).toBe(ORCHESTRATE_COMMAND);
    expect((await readJson('.mcp.json')).mcpServers['orch-tui'].args).toEqual([CLI, 'mcp']);
  });
});
