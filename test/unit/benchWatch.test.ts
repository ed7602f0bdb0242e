import { describe, expect, it } from 'vitest';
import {
  decodeOctalEscapes, LineSplitter, MARKER_PATTERN, markerKeys, markerText, PaneTextDecoder, parseOutputLine, StreamScanner, stripEscapes,
} from '../../bench/watch/controlOutput.js';
import { cpuPercent, descendants, parseProcStat, parsePssKb, parseVmRssKb, treeTicks } from '../../bench/watch/procStats.js';
import { catchUpLatencies, latencySummary, percentile } from '../../bench/watch/percentiles.js';
import { formatTable, type CellResult } from '../../bench/watch/report.js';

const markerScanner = () => new StreamScanner(new RegExp(MARKER_PATTERN.source, 'g'));

describe('control-mode output', () => {
  it('decodes \\ooo escapes and leaves other bytes, a lone backslash and short escapes alone', () => {
    expect(decodeOctalEscapes(Buffer.from('a\\015\\012b\\134c')).toString('latin1')).toBe('a\r\nb\\c');
    expect(decodeOctalEscapes(Buffer.from('\\033[1mx')).toString('latin1')).toBe('\u001b[1mx');
    expect(decodeOctalEscapes(Buffer.from('end\\01')).toString('latin1')).toBe('end\\01');
    expect(decodeOctalEscapes(Buffer.from('\\9xy')).toString('latin1')).toBe('\\9xy');
  });

  it('parses %output lines only, with the pane id and raw UTF-8 bytes', () => {
    const line = Buffer.concat([Buffer.from('%output %12 '), Buffer.from('🚀\\015\\012')]);
    const parsed = parseOutputLine(line)!;
    expect(parsed.paneId).toBe('%12');
    expect(parsed.data.toString('utf8')).toBe('🚀\r\n');
    expect(parseOutputLine(Buffer.from('%begin 1 2 0'))).toBeUndefined();
    expect(parseOutputLine(Buffer.from('%output %3'))).toBeUndefined();
  });

  it('keeps a character split across two %output lines whole, per pane', () => {
    const rocket = Buffer.from('🚀');
    const decoder = new PaneTextDecoder();
    expect(decoder.write('%1', rocket.subarray(0, 2))).toBe('');
    expect(decoder.write('%2', Buffer.from('x'))).toBe('x');
    expect(decoder.write('%1', rocket.subarray(2))).toBe('🚀');
  });

  it('splits a byte stream into lines across chunks', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('%out')).map(String)).toEqual([]);
    expect(splitter.push(Buffer.from('put %1 a\n%end 1\n%x')).map(String)).toEqual(['%output %1 a', '%end 1']);
    expect(splitter.push(Buffer.from('\n')).map(String)).toEqual(['%x']);
  });
});

describe('finding markers in a stream', () => {
  it('finds a marker split across chunks at every possible cut', () => {
    const text = `xx${markerText(12, 345)}yy`;
    for (let cut = 0; cut <= text.length; cut++) {
      const scanner = markerScanner();
      const found = [...scanner.push(text.slice(0, cut)), ...scanner.push(text.slice(cut))];
      expect(found).toContain('w12n345');
    }
  });

  it('finds markers with escape sequences around and inside, but not a different marker', () => {
    const scanner = markerScanner();
    expect(scanner.push('\u001b[2;5H~w1n\u001b[0m2~ ~w3n4')).toEqual(['w1n2']);
    expect(scanner.push('~')).toContain('w3n4');
    expect(markerKeys('~w1n2~~w10n20~ w5n5~')).toEqual(['w1n2', 'w10n20']);
  });

  it('forgets the past after reset', () => {
    const scanner = new StreamScanner(/orch-tui keys/g);
    scanner.push('orch-tui ke');
    scanner.reset();
    expect(scanner.push('ys')).toEqual([]);
    expect(scanner.push('\u001b[1morch-tui keys\u001b[22m')).toEqual(['orch-tui keys']);
  });

  it('strips CSI, OSC and two-byte escapes', () => {
    expect(stripEscapes('\u001b[?25l\u001b[38;5;12mhi\u001b]0;title\u0007\u001b(B!\u001b7')).toBe('hi!');
  });
});

describe('/proc accounting', () => {
  const stat = (pid: number, ppid: number, utime: number, stime: number, cutime: number, cstime: number, comm = 'node') =>
    `${pid} (${comm}) S ${ppid} 1 1 0 -1 4194304 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 7 0 1234 100000 5000`;

  it('parses a stat line, also with spaces and parentheses in the name', () => {
    expect(parseProcStat(stat(42, 7, 10, 5, 3, 2, 'tmux: server (x)'))).toEqual({ pid: 42, ppid: 7, selfTicks: 15, childTicks: 5 });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('sums a process tree and nothing outside it', () => {
    const stats = [
      parseProcStat(stat(10, 1, 100, 50, 7, 3))!,
      parseProcStat(stat(11, 10, 20, 10, 0, 0))!,
      parseProcStat(stat(12, 11, 1, 1, 0, 0))!,
      parseProcStat(stat(13, 1, 999, 999, 0, 0))!,
    ];
    expect(descendants(10, stats).sort()).toEqual([10, 11, 12]);
    expect(treeTicks(10, stats)).toBe(150 + 10 + 30 + 2);
  });

  it('counts a child that ended between two readings once (its time moves to the parent)', () => {
    const before = [parseProcStat(stat(10, 1, 100, 0, 0, 0))!, parseProcStat(stat(11, 10, 40, 0, 0, 0))!];
    const after = [parseProcStat(stat(10, 1, 110, 0, 45, 0))!];
    expect(treeTicks(10, after) - treeTicks(10, before)).toBe(15);
  });

  it('turns ticks into percent of one core', () => {
    expect(cpuPercent(100, 150, 10, 100)).toBeCloseTo(5);
  });

  it('reads Pss and VmRSS', () => {
    expect(parsePssKb('Rss:  3500 kB\nPss:   812 kB\nPss_Dirty: 1 kB\n')).toBe(812);
    expect(parseVmRssKb('Name:\tnode\nVmRSS:\t  123456 kB\n')).toBe(123456);
    expect(parsePssKb('')).toBeUndefined();
  });
});

describe('percentiles and the table', () => {
  it('takes the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(latencySummary([1.234, 2, 3])).toEqual({ p50: 2, p95: 3, p99: 3 });
  });

  it('catch-up latency: a line that scrolled past unseen counts until a later line of its worker showed', () => {
    const writes = [['w1', 0, 0], ['w1', 1, 100], ['w1', 2, 200], ['w2', 0, 50]] as const;
    const shown = new Map([['w1n0', 30], ['w1n2', 260]]);
    const got = catchUpLatencies(writes, (w, n) => shown.get(`${w}n${n}`), () => true);
    expect(got.sort((a, b) => a - b)).toEqual([30, 60, 160]);
    expect(catchUpLatencies(writes, (w, n) => shown.get(`${w}n${n}`), (at) => at >= 100)).toEqual([60, 160]);
  });

  it('puts the orch-tui/baseline ratios under each cell', () => {
    const row = (watcher: CellResult['watcher'], p95: number, cpu: number): CellResult => ({
      watcher, workers: 50, rate: 20, latency_ms: { p50: 1, p95, p99: p95 }, catchup_latency_ms: { p50: 1, p95, p99: p95 }, cpu_pct: cpu, rss_mb: 50, rss_main_mb: 60,
      tmux_spawns_per_s: 0, key_latency_ms: null, writer_blocked_ms: 0, seconds: 10, seen_workers: 42, markers_written: 100, markers_written_by_seen_workers: 90,
      markers_seen: 81, tmux_cpu_pct: 1, display_tmux_cpu_pct: null, output_kb_per_s: null, key_presses: 0, key_timeouts: 0, dropped_writes: 0,
    });
    const table = formatTable([row('orch-tui', 20, 5), row('baseline', 400, 50)]);
    expect(table).toContain('latency p95 0.05x, cpu 0.10x');
    expect(table).toMatch(/orch-tui\s+50\s+20\s+42\/50\s+90/);
  });
});
