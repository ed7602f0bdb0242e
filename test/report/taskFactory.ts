import type { Task } from '../../src/tasks/taskTypes.js';

/** A task with plausible defaults: queued, after nothing. */
export function makeTask(id: string, worker: string, text: string, overrides: Partial<Task> = {}): Task {
  return { id, worker, text, after: [], state: 'queued', times: { added: 1_700_000_000_000 }, ...overrides };
}

/**
 * The seed's example (orchestrate-command.md, "Status Reporting Format"):
 * frontend and backend at work, the test worker waiting for both.
 */
export function seedScenario() {
  const tasks: Task[] = [
    makeTask('fe-ui', 'frontend-auth', 'Login UI component complete. It lives\nin ui/login.go.', { state: 'done' }),
    makeTask('fe-validation', 'frontend-auth', 'Adding form validation', { state: 'sent' }),
    makeTask('be-jwt', 'backend-auth', 'JWT generation complete', { state: 'done' }),
    makeTask('be-mw', 'backend-auth', 'Middleware complete', { state: 'done' }),
    makeTask('be-tests', 'backend-auth', 'Writing tests', { state: 'sent' }),
    makeTask('int', 'test-auth', 'Integration testing', { after: ['fe-validation', 'be-tests'] }),
  ];
  const workers = [
    {
      name: 'frontend-auth',
      state: 'working',
      reason: 'spinner',
      latestLine: '✻ Thinking…',
      changes: { repo: true, files: [{ path: 'ui/login.go', added: 234, removed: 0 }] },
    },
    {
      name: 'backend-auth',
      state: 'working',
      reason: 'spinner',
      changes: {
        repo: true,
        files: [
          { path: 'auth/handler.go', added: 189, removed: 0 },
          { path: 'auth/middleware.go', added: 67, removed: 0 },
        ],
      },
    },
    { name: 'test-auth', state: 'idle', reason: 'prompt', changes: { repo: true, files: [] } },
  ];
  return { workers, tasks };
}
