import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadTeamFile, TeamFileError, type Team } from '../../src/team/teamFile.js';

let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-teamfile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `yaml` as `<fresh dir>/orch.yaml` and loads it. */
async function load(yaml: string): Promise<Team> {
  const sub = path.join(dir, `case${++n}`);
  await mkdir(sub);
  const file = path.join(sub, 'orch.yaml');
  await writeFile(file, yaml);
  return loadTeamFile(file);
}

/** The problems a file gives, one per line, each without the directory part. */
async function problems(yaml: string): Promise<string[]> {
  const error = await load(yaml).then(
    () => { throw new Error('the file loaded, but it should have failed'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TeamFileError);
  return (error as TeamFileError).message.split('\n').map((line) => line.slice(line.indexOf('orch.yaml:')));
}

const THREE_WORKERS = `workers:
  backend: { agent: "sleep 100000" }
  frontend: { agent: "sleep 100000" }
  tests: { agent: "sleep 100000" }
`;

describe('errors name file, line and field', () => {
  it('reports YAML syntax errors with their line', async () => {
    expect(await problems('workers:\n  backend: {}\n  frontend: [\n')).toEqual([
      expect.stringMatching(/^orch\.yaml:[34]: YAML syntax: /),
    ]);
    expect(await problems('workers:\n  a: {}\n  a: {}\n')).toEqual([expect.stringMatching(/^orch\.yaml:3: YAML syntax: .*unique/)]);
  });

  it('reports an unknown after id, listing the known ones', async () => {
    const yaml = `${THREE_WORKERS}tasks:
  - id: api
    worker: backend
    text: build the API
  - id: ui
    worker: frontend
    text: build the UI
    after: [apii]
  - id: tests
    worker: tests
    text: test it
    after: [api, ui]
`;
    expect(await problems(yaml)).toEqual(['orch.yaml:12: tasks[1].after[0]: no task "apii" (known: api, ui, tests)']);
  });

  it('reports a task for an unknown worker', async () => {
    expect(await problems(`${THREE_WORKERS}tasks:\n  - worker: backnd\n    text: hi\n`)).toEqual([
      'orch.yaml:6: tasks[0].worker: no worker "backnd" (known: backend, frontend, tests)',
    ]);
  });

  it('reports a cycle at the edge that closes it', async () => {
    const yaml = `${THREE_WORKERS}tasks:
  - { id: a, worker: backend, text: x, after: [c] }
  - { id: b, worker: frontend, text: x, after: [a] }
  - { id: c, worker: tests, text: x, after: [b] }
`;
    expect(await problems(yaml)).toEqual(['orch.yaml:7: tasks[1].after[0]: cycle: a → c → b → a']);
    expect(await problems(`${THREE_WORKERS}tasks:\n  - { id: a, worker: backend, text: x, after: a }\n`)).toEqual([
      'orch.yaml:6: tasks[0].after[0]: a task cannot wait for itself ("a")',
    ]);
  });

  it('reports {{result:X}} for a task that is not a dependency, at the line it is written on', async () => {
    const yaml = `${THREE_WORKERS}tasks:
  - { id: api, worker: backend, text: build the API }
  - { id: ui, worker: frontend, text: build the UI }
  - id: tests
    worker: tests
    after: [ui]
    text: |
      Write tests.
      The API is {{result:api}}.
`;
    expect(await problems(yaml)).toEqual([
      'orch.yaml:13: tasks[2].text: {{result:api}}: "api" is not among this task\'s dependencies (after: ui); add it to after',
    ]);
  });

  it('accepts {{result:X}} of a dependency reached through another task, and rejects misspelt ones', async () => {
    const ok = `${THREE_WORKERS}tasks:
  - { id: api, worker: backend, text: build the API }
  - { id: ui, worker: frontend, text: build the UI, after: [api] }
  - { id: tests, worker: tests, text: "test {{result:api}}", after: [ui] }
`;
    expect((await load(ok)).tasks.map((t) => t.id)).toEqual(['api', 'ui', 'tests']);
    expect(await problems(ok.replace('{{result:api}}', '{{ result:api }}'))).toEqual([
      'orch.yaml:8: tasks[2].text: write {{ result:api }} as {{result:api}} (no spaces)',
    ]);
    expect(await problems(ok.replace('{{result:api}}', '{{result:nope}}'))).toEqual([
      'orch.yaml:8: tasks[2].text: {{result:nope}} names no task (known: api, ui, tests)',
    ]);
    // A worker's own first task waits for nothing, so it can quote no result.
    expect(await problems('workers:\n  a:\n    task: "use {{result:b-1}}"\n  b:\n    task: hi\n')).toEqual([
      'orch.yaml:3: workers.a.task: {{result:b-1}}: "b-1" is not among this task\'s dependencies (after: none); add it to after',
    ]);
  });

  it('reports a bad worker name at its key', async () => {
    expect(await problems('workers:\n  good: {}\n  "my.app": {}\n')).toEqual([
      'orch.yaml:3: workers["my.app"]: "my.app" is not a valid worker name: start with a letter and use only letters, digits, - and _',
    ]);
  });

  it('keeps a task\'s title for the status report', async () => {
    const team = await load(`${THREE_WORKERS}tasks:\n  - id: api\n    worker: backend\n    title: Auth API\n    text: Build it.\n  - { id: ui, worker: frontend, text: Form. }\n`);
    expect(team.tasks).toEqual([
      { id: 'api', worker: 'backend', text: 'Build it.', title: 'Auth API', after: [] },
      { id: 'ui', worker: 'frontend', text: 'Form.', after: [] },
    ]);
  });

  it('reports a missing workers map, an empty one, and unknown fields', async () => {
    expect(await problems('tasks: []\n')).toEqual([
      'orch.yaml:1: workers: missing; must be a map of worker name to its settings',
    ]);
    expect(await problems('workers: {}\n')).toEqual(['orch.yaml:1: workers: no workers; name at least one']);
    expect(await problems('workers:\n  a:\n    agnet: claude\n')).toEqual([
      'orch.yaml:3: workers.a.agnet: unknown field (expected one of: cwd, agent, env, worktree, task, compact_at, compact_goal)',
    ]);
    expect(await problems('workers:\n  a: {}\ntasks:\n  - worker: a\n')).toEqual([
      'orch.yaml:4: tasks[0].text: missing; must be text',
    ]);
  });

  it('reports a compact_at that is not a whole percentage', async () => {
    expect(await problems('workers:\n  a:\n    compact_at: 150\n')).toEqual(['orch.yaml:3: workers.a.compact_at: must be a whole percentage from 1 to 100']);
    expect(await problems('defaults:\n  compact_at: "lots"\nworkers: { a: {} }\n')).toEqual(['orch.yaml:2: defaults.compact_at: must be a whole percentage from 1 to 100']);
  });

  it('reports every problem at once, top to bottom', async () => {
    const yaml = `workers:
  a: { cwd: ./missing }
  b: {}
tasks:
  - { id: x, worker: c, text: hi }
  - { id: x, worker: a, text: hi }
`;
    expect(await problems(yaml)).toEqual([
      expect.stringMatching(/^orch\.yaml:2: workers\.a\.cwd: the directory .*missing does not exist$/),
      'orch.yaml:5: tasks[0].worker: no worker "c" (known: a, b)',
      'orch.yaml:6: tasks[1].id: duplicate task id "x" (also tasks[0])',
    ]);
  });

  it('names a file that cannot be read', async () => {
    await expect(loadTeamFile(path.join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: cannot read the team file: no such file/);
  });
});

describe('a valid file', () => {
  it('applies defaults, resolves cwd from the file, and gives ids to unnamed tasks', async () => {
    await mkdir(path.join(dir, 'work'), { recursive: true });
    const team = await load(`defaults:
  cwd: ..
  agent: sleep 100000
  env: { PORT: 3000, MODE: dev }
workers:
  backend:
    env: { MODE: prod }
    task: first
  frontend:
    cwd: ../work
    agent: "sh -c 'sleep 1'"
tasks:
  - { worker: backend, text: second }
  - { id: backend-2, worker: frontend, text: named, after: [backend-1] }
  - { worker: frontend, text: third, after: backend-3 }
`);
    expect(team.file).toBe(path.join(dir, `case${n}`, 'orch.yaml'));
    expect(team.dir).toBe(path.join(dir, `case${n}`));
    expect(team.workers).toEqual([
      { name: 'backend', cwd: dir, agent: 'sleep 100000', env: { PORT: '3000', MODE: 'prod' }, worktree: false, task: 'first' },
      { name: 'frontend', cwd: path.join(dir, 'work'), agent: "sh -c 'sleep 1'", env: { PORT: '3000', MODE: 'dev' }, worktree: false },
    ]);
    expect(team.tasks).toEqual([
      { id: 'backend-1', worker: 'backend', text: 'first', after: [] },
      { id: 'backend-3', worker: 'backend', text: 'second', after: [] },
      { id: 'backend-2', worker: 'frontend', text: 'named', after: ['backend-1'] },
      { id: 'frontend-1', worker: 'frontend', text: 'third', after: ['backend-3'] },
    ]);
  });

  it('takes compact_at and compact_goal from a worker or the defaults', async () => {
    const team = await load(`defaults: { compact_at: 80 }
workers:
  backend: { compact_goal: Keep the API signatures }
  frontend: { compact_at: 10 }
`);
    expect(team.workers.map((w) => [w.name, w.compactAt, w.compactGoal])).toEqual([
      ['backend', 80, 'Keep the API signatures'],
      ['frontend', 10, undefined],
    ]);
  });

  it('queues dependencies before the tasks that wait for them', async () => {
    const team = await load(`workers: { a: {} }
tasks:
  - { id: last, worker: a, text: x, after: [mid] }
  - { id: mid, worker: a, text: x, after: [first] }
  - { id: first, worker: a, text: x }
`);
    expect(team.tasks.map((t) => t.id)).toEqual(['first', 'mid', 'last']);
  });

  it('loads the auth example: backend and frontend in parallel, tests after both, the API passed on', async () => {
    const file = path.resolve('examples/auth/orch.yaml');
    const team = await loadTeamFile(file);
    expect(team.file).toBe(file);
    expect(team.workers.map((w) => w.name)).toEqual(['backend', 'frontend', 'tests']);
    const byId = new Map(team.tasks.map((t) => [t.id, t]));
    expect(byId.get('api')).toMatchObject({ worker: 'backend', after: [] });
    expect(byId.get('ui')).toMatchObject({ worker: 'frontend', after: [] });
    const integrate = byId.get('integrate')!;
    expect(integrate).toMatchObject({ worker: 'frontend', after: ['api', 'ui'] });
    expect(integrate.text).toContain('{{result:api}}');
    expect(byId.get('tests')).toMatchObject({ worker: 'tests', after: ['api', 'integrate'] });
  });
});
