import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { StatusView, progressLabel, statusWindow } from '../../components/StatusView.js';
import { buildStatusReport, renderStatusLines } from '../../src/report/statusReport.js';
import { cleanup, frameWidth, plainLines, render } from '../render.js';
import { makeTask, seedScenario } from './taskFactory.js';

afterEach(cleanup);

const seedReport = () => buildStatusReport(seedScenario());

describe('StatusView', () => {
  it('shows the same lines as the text report when they fit', () => {
    const report = seedReport();
    const { lastFrame } = render(<StatusView report={report} width={80} height={20} />, { columns: 80, rows: 20 });
    const lines = plainLines(lastFrame()).map((l) => l.trimEnd());
    expect(lines.slice(0, renderStatusLines(report).length)).toEqual(renderStatusLines(report));
    expect(lines.length).toBeLessThanOrEqual(20);
  });

  it('cuts long lines to the width and keeps to the height, saying where it is', () => {
    const { lastFrame } = render(<StatusView report={seedReport()} width={30} height={8} />, { columns: 30, rows: 8 });
    const frame = lastFrame();
    const lines = plainLines(frame);
    expect(frameWidth(frame)).toBeLessThanOrEqual(30);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toContain('🎯 Orchestration Status');
    expect(lines[3]).toContain('  ✅ Login UI component comple');
    expect(lines[7]).toContain('lines 1-7 of 18');
  });

  it('scrolls, and never past the end', () => {
    const { lastFrame, rerender } = render(<StatusView report={seedReport()} width={80} height={6} scroll={9} />, {
      columns: 80,
      rows: 6,
    });
    expect(plainLines(lastFrame())[0]).toContain('✅ Middleware complete');
    rerender(<StatusView report={seedReport()} width={80} height={6} scroll={99} />);
    const lines = plainLines(lastFrame());
    expect(lines[4]).toContain('Overall progress: 50% complete');
    expect(lines[5]).toContain('lines 14-18 of 18');
  });

  it('keeps wide emoji inside a narrow width', () => {
    const report = buildStatusReport({ workers: [{ name: 'a', state: 'idle', reason: '' }], tasks: [makeTask('t', 'a', 'x', { state: 'done' })] });
    const { lastFrame } = render(<StatusView report={report} width={4} height={5} />, { columns: 4, rows: 5 });
    for (const line of plainLines(lastFrame())) expect(stringWidth(line)).toBeLessThanOrEqual(4);
  });
});

describe('statusWindow', () => {
  it.each([
    { total: 5, height: 10, scroll: 3, expected: { top: 0, rows: 10 } },
    { total: 20, height: 10, scroll: 0, expected: { top: 0, rows: 9, position: 'lines 1-9 of 20 (↑↓ scroll)' } },
    { total: 20, height: 10, scroll: 50, expected: { top: 11, rows: 9, position: 'lines 12-20 of 20 (↑↓ scroll)' } },
  ])('$total lines in $height rows from $scroll', ({ total, height, scroll, expected }) => {
    expect(statusWindow(total, height, scroll)).toEqual(expected);
  });
});

describe('progressLabel', () => {
  it('gives the percent, or says there are no tasks', () => {
    expect(progressLabel(seedReport())).toBe('progress 50%');
    expect(progressLabel(buildStatusReport({ workers: [], tasks: [] }))).toBe('progress 0% (no tasks)');
  });
});
