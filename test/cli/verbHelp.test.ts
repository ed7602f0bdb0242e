import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { execa } from 'execa';
import { VERBS } from '../../src/cli/main.js';

/** The built CLI, as a person runs it (the global setup builds it). */
const CLI = path.resolve('dist/src/cli.js');
const orch = (args: string[]) => execa(process.execPath, [CLI, ...args], { reject: false, stdin: 'ignore', stripFinalNewline: false, env: { TMUX: '' } });

describe('every verb explains itself', () => {
  for (const { spec } of VERBS) {
    it(`${spec.name}: --help, -h and help ${spec.name} print its usage, every option and an example, exit 0`, async () => {
      const runs = await Promise.all([orch([spec.name, '--help']), orch([spec.name, '-h']), orch(['help', spec.name])]);
      for (const run of runs) {
        expect(run.exitCode, run.stderr).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(runs[0]!.stdout);
      }
      const text = runs[0]!.stdout;
      expect(text).toMatch(new RegExp(`^Usage:\\n  orch-tui ${spec.name}`, 'm'));
      for (const [name, option] of Object.entries(spec.options)) {
        if (option.hidden) expect(text).not.toContain(`--${name}`);
        else expect(text).toMatch(new RegExp(`^  (-\\w, )?--${name}\\b`, 'm'));
      }
      expect(text).toMatch(/^Examples?:\n  \S/m);
      for (const example of spec.examples) expect(text).toContain(example);
      // A person can read it in an 80-column terminal.
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    });
  }

  it('--help after text that follows -- is text, not a request for help', async () => {
    const run = await orch(['-L', `orch-test-nohelp-${process.pid}`, 'send', 'nobody', '--', '--help']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('the global help lists every verb with its summary', async () => {
    const run = await orch(['--help']);
    expect(run.exitCode).toBe(0);
    for (const { spec } of VERBS) expect(run.stdout).toMatch(new RegExp(`^  ${spec.name}\\b`, 'm'));
    expect((await orch(['help'])).stdout).toBe(run.stdout);
    // Asking help for its own help is not an unknown verb.
    for (const args of [['help', '--help'], ['help', '-h'], ['help', 'help']]) {
      const asked = await orch(args);
      expect({ args, exitCode: asked.exitCode, stderr: asked.stderr }).toEqual({ args, exitCode: 0, stderr: '' });
      expect(asked.stdout).toBe(run.stdout);
    }
  });
});

describe('mistakes get one sentence and exit 1', () => {
  it('an unknown option names the verb and where its help is', async () => {
    const run = await orch(['capture', 'api', '--colour']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('orch-tui: Unknown option --colour for capture; see orch-tui capture --help.\n');
  });

  it('a global option after the verb says it goes before the verb, with the fixed command', async () => {
    const session = await orch(['ls', '--session', 'api*']);
    expect(session.exitCode).toBe(1);
    expect(session.stderr).toBe("orch-tui: --session is a global option and goes before the verb: orch-tui --session 'api*' ls\n");
    const socket = await orch(['status', '--json', '-L', 'work']);
    expect(socket.stderr).toBe('orch-tui: -L is a global option and goes before the verb: orch-tui -L work status --json\n');
  });

  it('a missing value, a value given to a switch, a stray argument, an unknown verb', async () => {
    expect((await orch(['capture', 'api', '--lines'])).stderr).toBe('orch-tui: --lines needs a value (--lines N); see orch-tui capture --help.\n');
    expect((await orch(['ls', '--json=yes'])).stderr).toBe('orch-tui: --json takes no value; see orch-tui ls --help.\n');
    expect((await orch(['ls', 'extra'])).stderr).toBe('orch-tui: ls takes no arguments, not "extra"; see orch-tui ls --help.\n');
    const unknown = await orch(['help', 'sned']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toBe('orch-tui: unknown verb "sned"; see orch-tui --help.\n');
  });

  it('new with a command after the name (as tmux new-session takes it) says the command goes in --agent', async () => {
    for (const args of [['new', 'w3', '--', 'bash'], ['new', 'w3', 'bash']]) {
      const run = await orch(args);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe('orch-tui: new takes its agent with --agent, not after the name, as in: orch-tui new w3 --agent bash\n');
    }
    expect((await orch(['new', 'api', '--', 'claude', '--model', 'x'])).stderr).toContain("orch-tui new api --agent 'claude --model x'");
  });

  it('a verb missing its arguments shows its usage', async () => {
    const run = await orch(['send']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'orch-tui: Usage: orch-tui send WORKER [OPTIONS] -- TEXT | orch-tui send WORKER [OPTIONS] -; see orch-tui send --help.\n',
    );
  });
});
