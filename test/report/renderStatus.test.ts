import { describe, expect, it } from 'vitest';
import {
  buildStatusReport,
  renderStatusLines,
  renderStatusMarkdown,
  renderStatusText,
} from '../../src/report/statusReport.js';
import { makeTask, seedScenario } from './taskFactory.js';

/** The seed's "Status Reporting Format" example, verbatim (its file stores the emoji double-encoded). */
const SEED = `🎯 Orchestration Status

Frontend Claude (frontend-auth):
  ✅ Login UI component complete
  📝 Files: ui/login.go (234 lines)
  🔄 Currently: Adding form validation

Backend Claude (backend-auth):
  ✅ JWT generation complete
  ✅ Middleware complete
  📝 Files: auth/handler.go (189 lines), auth/middleware.go (67 lines)
  🔄 Currently: Writing tests

Test Claude (test-auth):
  ⏳ Waiting for both components to finish
  📋 Next: Integration testing

Overall Progress: 75% complete`;

/** A line's shape: its indent and its leading emoji, or whether it is a heading or blank. */
function shape(line: string): string {
  if (line === '') return 'blank';
  const indent = /^ */.exec(line)![0];
  const icon = [...line.trimStart()][0]!;
  if (/\p{Extended_Pictographic}/u.test(icon)) return `${indent}${icon}`;
  return line.endsWith(':') ? 'worker' : line.startsWith('Overall') ? 'overall' : `${indent}text`;
}

describe('renderStatusText', () => {
  it('prints the seed example in the seed layout', () => {
    const text = renderStatusText(buildStatusReport(seedScenario()));
    expect(text).toBe(`🎯 Orchestration Status

frontend-auth (working):
  ✅ Login UI component complete
  📝 Files: ui/login.go (+234 −0)
  🔄 Currently: Adding form validation

backend-auth (working):
  ✅ JWT generation complete
  ✅ Middleware complete
  📝 Files: auth/handler.go (+189 −0), auth/middleware.go (+67 −0)
  🔄 Currently: Writing tests

test-auth (idle):
  ⏳ Waiting for fe-validation, be-tests
  📋 Next: Integration testing

Overall progress: 50% complete
`);
    // Line by line, the same shape as the seed: same emoji, same indents, same blank lines.
    expect(text.trimEnd().split('\n').map(shape)).toEqual(SEED.split('\n').map(shape));
  });

  it('says when there is nothing: no workers, no tasks', () => {
    expect(renderStatusLines(buildStatusReport({ workers: [], tasks: [] }))).toEqual([
      '🎯 Orchestration Status',
      '',
      'No workers.',
      '',
      'Overall progress: 0% complete (no tasks)',
    ]);
  });

  it('shows failures, the latest output line, not-a-repo, git errors and dead dependencies', () => {
    const report = buildStatusReport({
      workers: [
        { name: 'api', state: 'idle', reason: '', latestLine: '$ npm test', changes: { repo: false, files: [] } },
        { name: 'ui', state: 'working', reason: '', changes: { repo: true, files: [], error: 'git timed out after 2000 ms' } },
      ],
      tasks: [
        makeTask('a', 'api', 'Build it', { state: 'failed', reason: 'worker exited 1' }),
        makeTask('b', 'ui', 'Use it', { after: ['a'] }),
      ],
    });
    expect(renderStatusLines(report)).toEqual([
      '🎯 Orchestration Status',
      '',
      'api (idle):',
      '  ❌ Failed: Build it (worker exited 1)',
      '  📝 Files: not a git repository',
      '  🔄 Latest output: $ npm test',
      '',
      'ui (working):',
      '  📝 Files: unknown (git timed out after 2000 ms)',
      '  ⏳ Waiting for a (failed)',
      '  📋 Next: Use it',
      '',
      'Overall progress: 0% complete',
    ]);
  });

  it('lists ten files and counts the rest', () => {
    const files = Array.from({ length: 13 }, (_, i) => ({ path: `f${i}.ts`, added: i, removed: 1 }));
    const [line] = renderStatusLines(
      buildStatusReport({ workers: [{ name: 'api', state: 'idle', reason: '', changes: { repo: true, files } }], tasks: [] }),
    ).filter((l) => l.includes('📝'));
    expect(line).toContain('f9.ts (+9 −1), and 3 more');
    expect(line).not.toContain('f10.ts');
  });
});

describe('context and cost', () => {
  it('a 📊 line per worker that said them, and the total under the progress', () => {
    const report = buildStatusReport({
      workers: [
        { name: 'api', state: 'idle', reason: '', context: { tokens: 150_000, window: 1_000_000, percent: 15, source: 'statusline' }, costUsd: 0.034 },
        { name: 'ui', state: 'idle', reason: '', context: { tokens: 40_000, source: 'transcript' } },
        { name: 'sh', state: 'idle', reason: '' },
      ],
      tasks: [],
    });
    const lines = renderStatusLines(report);
    expect(lines).toContain('  📊 Context: 15% of 1M tokens (150k) · cost $0.034');
    expect(lines).toContain('  📊 Context: 40k tokens');
    expect(lines.filter((l) => l.includes('📊'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('Total cost: $0.034');
    expect(renderStatusMarkdown(report)).toContain('- 📊 Context: 15% of 1M tokens (150k) · cost $0.034');
    expect(renderStatusMarkdown(report).trimEnd().split('\n').at(-1)).toBe('Total cost: $0.034');
  });

  it('a 🗜 line for each task its worker was compacted before', () => {
    const report = buildStatusReport({
      workers: [{ name: 'api', state: 'compacting', reason: '' }],
      tasks: [
        makeTask('t1', 'api', 'first', { state: 'done', compaction: { state: 'done', goal: 'first', percent: 62, at: 1, percentAfter: 4 } }),
        makeTask('t2', 'api', 'second', { compaction: { state: 'sent', goal: 'second', percent: 81, at: 2 } }),
      ],
    });
    const lines = renderStatusLines(report);
    expect(lines).toContain('  🗜 Compacted before t1 at 62% (then 4%)');
    expect(lines).toContain('  🗜 Compacting before t2 (81% full)');
  });

  it('no cost known: no total', () => {
    expect(renderStatusText(buildStatusReport({ workers: [{ name: 'sh', state: 'idle', reason: '' }], tasks: [] }))).not.toContain('Total cost');
  });
});

describe('renderStatusMarkdown', () => {
  it('gives a heading per worker and its details as a list', () => {
    const markdown = renderStatusMarkdown(buildStatusReport(seedScenario()));
    expect(markdown).toBe(`# 🎯 Orchestration Status

## frontend-auth (working)

- ✅ Login UI component complete
- 📝 Files: \`ui/login.go\` (+234 −0)
- 🔄 Currently: Adding form validation

## backend-auth (working)

- ✅ JWT generation complete
- ✅ Middleware complete
- 📝 Files: \`auth/handler.go\` (+189 −0), \`auth/middleware.go\` (+67 −0)
- 🔄 Currently: Writing tests

## test-auth (idle)

- ⏳ Waiting for fe-validation, be-tests
- 📋 Next: Integration testing

**Overall progress: 50% complete**
`);
  });

  it('keeps free text from becoming Markdown, and says when a worker has nothing', () => {
    const report = buildStatusReport({
      workers: [
        { name: 'my_api', state: 'idle', reason: '' },
        { name: 'ui', state: 'idle', reason: '' },
      ],
      tasks: [makeTask('a', 'my_api', 'Fix *all* the <bugs> in [x]', { state: 'sent' })],
    });
    const markdown = renderStatusMarkdown(report);
    expect(markdown).toContain('## my\\_api (idle)');
    expect(markdown).toContain('- 🔄 Currently: Fix \\*all\\* the \\<bugs\\> in \\[x\\]');
    expect(markdown).toContain('## ui (idle)\n\n_Nothing to report._\n');
    expect(markdown).toContain('**Overall progress: 0% complete**');
  });
});
