import { describe, expect, it } from 'vitest';
import { ControlLineReader, parseControlLine, type ControlEvent } from '../../src/feed/controlNotifications.js';

describe('parseControlLine', () => {
  it('reads the pane and the data (still escaped) of %output and %extended-output', () => {
    expect(parseControlLine('%output %12 hello\\015\\012')).toEqual({ kind: 'output', paneId: '%12', data: 'hello\\015\\012' });
    expect(parseControlLine('%extended-output %3 120 : data : more')).toEqual({ kind: 'output', paneId: '%3', data: 'data : more' });
    expect(parseControlLine('%output %4 ')).toEqual({ kind: 'output', paneId: '%4', data: '' });
  });

  it('reads %pause and %exit', () => {
    expect(parseControlLine('%pause %7')).toEqual({ kind: 'pause', paneId: '%7' });
    expect(parseControlLine('%exit')).toEqual({ kind: 'exit', reason: '' });
    expect(parseControlLine('%exit server exited')).toEqual({ kind: 'exit', reason: 'server exited' });
  });

  it('reads topology notifications with their arguments', () => {
    expect(parseControlLine('%window-add @4')).toEqual({ kind: 'topology', name: '%window-add', args: '@4' });
    expect(parseControlLine('%sessions-changed')).toEqual({ kind: 'topology', name: '%sessions-changed', args: '' });
    expect(parseControlLine('%session-changed $2 api')).toEqual({ kind: 'topology', name: '%session-changed', args: '$2 api' });
  });

  it('ignores what the feed does not use, and malformed pane ids', () => {
    expect(parseControlLine('%client-detached /dev/pts/3')).toBeUndefined();
    expect(parseControlLine('%output %x data')).toBeUndefined();
    expect(parseControlLine('plain text')).toBeUndefined();
  });
});

describe('ControlLineReader', () => {
  function read(chunks: string[]): ControlEvent[] {
    const events: ControlEvent[] = [];
    const reader = new ControlLineReader((e) => events.push(e));
    for (const chunk of chunks) reader.push(Buffer.from(chunk, 'utf8'));
    return events;
  }

  it('joins lines split across chunks, even inside a multi-byte character', () => {
    const line = '%output %1 中文\n';
    const bytes = Buffer.from(line, 'utf8');
    const events: ControlEvent[] = [];
    const reader = new ControlLineReader((e) => events.push(e));
    for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
    expect(events).toEqual([{ kind: 'output', paneId: '%1', data: Buffer.from('中文').toString('latin1') }]);
  });

  it('never reads a reply block as notifications, even pane text that looks like one', () => {
    expect(
      read([
        '%begin 1 5 1\n%output %9 not a notification\n%end 1 4 1\n',
        '%window-add @1\n%end 1 5 1\n',
        '%output %2 x\n',
      ]),
    ).toEqual([{ kind: 'output', paneId: '%2', data: 'x' }]);
  });

  it('hands replies to its own commands on, in order, and skips the attach block', () => {
    const replies: Array<{ ok: boolean; lines: string[] }> = [];
    const reader = new ControlLineReader(() => undefined, (reply) => replies.push(reply));
    const text = '%begin 1 1 0\n%end 1 1 0\n%begin 1 2 1\n中\n%output %1 x\n%end 1 2 1\n%begin 1 3 1\ncan\'t find pane\n%error 1 3 1\n';
    reader.push(Buffer.from(text, 'utf8'));
    expect(replies).toEqual([
      { ok: true, lines: ['中', '%output %1 x'] },
      { ok: false, lines: ["can't find pane"] },
    ]);
  });
});
