import { describe, expect, it } from 'vitest';
import { agentMayNotType, isOrchSelf, selfTagFor } from '../../src/workers/agentBoundary.js';
import { selectWorkers } from '../../src/workers/selectWorkers.js';
import { makePane } from './paneFactory.js';

describe('orch-tui is never its own worker', () => {
  it('leaves out panes where a live orch-tui says it runs, and keeps those whose process is gone', () => {
    const dashboard = makePane({ paneId: '%1', sessionName: 'orch', selfTag: selfTagFor('dashboard', process.pid) });
    const stale = makePane({ paneId: '%2', sessionName: 'old', selfTag: 'run 999999999' });
    const worker = makePane({ paneId: '%3', sessionName: 'api' });
    expect(isOrchSelf(dashboard)).toBe(true);
    expect(isOrchSelf(stale)).toBe(false);
    expect(selectWorkers([dashboard, stale, worker]).map((p) => p.paneId)).toEqual(['%3', '%2']);
  });
});

describe('what an agent may type into', () => {
  it('a managed agent, or a managed plain program a person said takes commands', () => {
    expect(agentMayNotType(makePane({ workerTag: '1' }), 'claude', 'api')).toBeUndefined();
    expect(agentMayNotType(makePane({ workerTag: 'adopted' }), 'codex', 'api')).toBeUndefined();
    expect(agentMayNotType(makePane({ workerTag: 'adopted', commandsTag: '1', currentCommand: 'bash' }), 'generic', 'build')).toBeUndefined();
  });

  it('nothing unmanaged (no such worker, so its name is not confirmed), no plain shell without the mark', () => {
    expect(agentMayNotType(makePane({ workerTag: '' }), 'claude', 'mine')).toBe('No worker named "mine".');
    expect(agentMayNotType(makePane({ workerTag: 'adopted', currentCommand: 'bash' }), 'generic', 'build')).toMatch(
      /^build runs bash, not an agent: .*orch-tui adopt build --accepts-commands/,
    );
  });
});
