import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claudeArgvStart, prepareReportingLaunch } from '../../src/reports/reportingLaunch.js';
import { reportDirOfArgs, reportsRoot } from '../../src/reports/reportPaths.js';
import { REPORTED_EVENTS } from '../../src/reports/reportHookScript.js';

let base: string;
let env: NodeJS.ProcessEnv;
let cwd: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'orch-launch-'));
  cwd = path.join(base, 'project');
  await mkdir(path.join(cwd, '.claude'), { recursive: true });
  await mkdir(path.join(base, 'home', '.claude'), { recursive: true });
  env = { HOME: path.join(base, 'home'), XDG_STATE_HOME: path.join(base, 'state') };
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const UUID = /^[0-9a-f-]{36}$/;
const prepare = (argv: string[], workerEnv?: Record<string, string>) => prepareReportingLaunch(argv, { cwd, env, ...(workerEnv ? { workerEnv } : {}) });

describe('which command lines are Claude', () => {
  it.each([
    [['claude'], 0],
    [['/opt/node_modules/@anthropic-ai/claude-code/bin/claude.exe', '--permission-mode', 'default'], 0],
    [['env', 'FOO=1', 'claude', '--model', 'opus'], 2],
    [['codex'], -1],
    [['bash', '-c', 'claude'], -1],
    [['env', 'claude-ish'], -1],
  ] as const)('%j → %i', (argv, start) => {
    expect(claudeArgvStart(argv)).toBe(start);
  });
});

describe('prepareReportingLaunch', () => {
  it('adds a fresh --session-id and orch-tui\'s own --settings, and writes that layer owner-only', async () => {
    const launch = (await prepare(['claude', '--model', 'opus']))!;
    expect(launch.argv.slice(0, 3)).toEqual(['claude', '--model', 'opus']);
    expect(launch.argv[3]).toBe('--session-id');
    expect(launch.argv[4]).toMatch(UUID);
    expect(launch.claudeSessionId).toBe(launch.argv[4]);
    expect(launch.argv[5]).toBe('--settings');
    const settingsFile = launch.argv[6]!;
    expect(path.dirname(settingsFile)).toBe(launch.reportDir);
    expect(path.dirname(launch.reportDir)).toBe(reportsRoot(env));
    expect((await lstat(settingsFile)).mode & 0o777).toBe(0o600);
    expect((await lstat(launch.reportDir)).mode & 0o777).toBe(0o700);
    // The running process's argv leads back to the directory.
    expect(reportDirOfArgs(launch.argv, env)).toBe(launch.reportDir);
    const settings = JSON.parse(await readFile(settingsFile, 'utf8'));
    expect(Object.keys(settings.hooks).sort()).toEqual([...REPORTED_EVENTS].sort());
    for (const event of REPORTED_EVENTS) {
      const [entry] = settings.hooks[event];
      expect(entry.hooks[0]).toMatchObject({ type: 'command', timeout: 10 });
      expect(entry.hooks[0].command).toContain(`'event' '${launch.reportDir}' '${event}'`);
    }
    expect(settings.statusLine.command).toMatch(new RegExp(`'status' '${launch.reportDir}'$`));
    // Nothing was written into the user's or the project's settings.
    await expect(readFile(path.join(env.HOME!, '.claude', 'settings.json'))).rejects.toThrow();
    await expect(readFile(path.join(cwd, '.claude', 'settings.json'))).rejects.toThrow();
  });

  it("runs the user's own status line: the project's local layer before the project's before the user's", async () => {
    await writeFile(path.join(env.HOME!, '.claude', 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: 'echo user' } }));
    let settings = JSON.parse(await readFile((await prepare(['claude']))!.argv.at(-1)!, 'utf8'));
    expect(settings.statusLine.command).toMatch(/'status' '[^']+' 'echo user'$/);
    await writeFile(path.join(cwd, '.claude', 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: 'echo project', padding: 2 } }));
    settings = JSON.parse(await readFile((await prepare(['claude']))!.argv.at(-1)!, 'utf8'));
    expect(settings.statusLine).toMatchObject({ type: 'command', padding: 2 });
    expect(settings.statusLine.command).toMatch(/'echo project'$/);
    await writeFile(path.join(cwd, '.claude', 'settings.local.json'), JSON.stringify({ statusLine: { type: 'command', command: "echo 'local'" } }));
    settings = JSON.parse(await readFile((await prepare(['claude']))!.argv.at(-1)!, 'utf8'));
    expect(settings.statusLine.command).toMatch(/'echo '\\''local'\\'''$/);
  });

  it("finds the user's settings under the HOME or CLAUDE_CONFIG_DIR the worker is given", async () => {
    const other = path.join(base, 'other-config');
    await mkdir(other);
    await writeFile(path.join(other, 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: 'echo other' } }));
    const settings = JSON.parse(await readFile((await prepare(['claude'], { CLAUDE_CONFIG_DIR: other }))!.argv.at(-1)!, 'utf8'));
    expect(settings.statusLine.command).toMatch(/'echo other'$/);
  });

  it('keeps a conversation id the user gave, and gives none to --continue', async () => {
    expect((await prepare(['claude', '--session-id', 'abc']))).toMatchObject({ claudeSessionId: 'abc' });
    expect((await prepare(['claude', '--session-id', 'abc']))!.argv.filter((w) => w === '--session-id')).toHaveLength(1);
    expect((await prepare(['claude', '--resume', 'def']))).toMatchObject({ claudeSessionId: 'def' });
    const continued = (await prepare(['claude', '--continue']))!;
    expect(continued.claudeSessionId).toBeUndefined();
    expect(continued.argv).not.toContain('--session-id');
    expect(continued.argv).toContain('--settings');
  });

  it('leaves alone a Claude given settings of the user\'s own or --print, and anything not Claude', async () => {
    expect(await prepare(['claude', '--settings', '/x.json'])).toBeUndefined();
    expect(await prepare(['claude', '--settings={"a":1}'])).toBeUndefined();
    expect(await prepare(['claude', '-p', 'hi'])).toBeUndefined();
    expect(await prepare(['codex'])).toBeUndefined();
  });

  it('believes only a settings file inside its own reports directory', () => {
    const root = reportsRoot(env);
    const id = '0b6e7a52-4f7c-4d5e-9d8a-2c1f3b4a5d6e';
    expect(reportDirOfArgs(['claude', '--settings', path.join(root, id, 'settings.json')], env)).toBe(path.join(root, id));
    expect(reportDirOfArgs(['claude', `--settings=${path.join(root, id, 'settings.json')}`], env)).toBe(path.join(root, id));
    expect(reportDirOfArgs(['claude', '--settings', path.join('/tmp', id, 'settings.json')], env)).toBeUndefined();
    expect(reportDirOfArgs(['claude', '--settings', path.join(root, 'x', 'settings.json')], env)).toBeUndefined();
    expect(reportDirOfArgs(['claude', '--settings', path.join(root, id, 'other.json')], env)).toBeUndefined();
  });
});
