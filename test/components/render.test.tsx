import React, { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Box, Text, useInput, useStdout } from 'ink';
import { cleanup, frameWidth, KEYS, plainLines, render, waitFor } from '../render.js';

afterEach(cleanup);

function Size() {
  const { stdout } = useStdout();
  const [size, setSize] = useState(`${stdout.columns}x${stdout.rows}`);
  React.useEffect(() => {
    const onResize = () => setSize(`${stdout.columns}x${stdout.rows}`);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return <Text>size {size}</Text>;
}

function LastKey() {
  const [last, setLast] = useState('none');
  useInput((input, key) => setLast(key.downArrow ? 'down' : key.pageUp ? 'pageup' : input));
  return <Text>key {last}</Text>;
}

describe('render helper', () => {
  it('gives the tree a fixed size and resizes it', async () => {
    const r = render(<Size />, { columns: 57, rows: 13 });
    expect(r.lastFrame()).toContain('size 57x13');
    r.resize(33, 9);
    await waitFor(() => expect(r.lastFrame()).toContain('size 33x9'));
    expect(r.size).toEqual({ columns: 33, rows: 9 });
  });

  it('lays out to its columns', () => {
    const r = render(
      <Box borderStyle="single">
        <Text>{'x'.repeat(200)}</Text>
      </Box>,
      { columns: 40, rows: 10 },
    );
    expect(frameWidth(r.lastFrame())).toBe(40);
    expect(plainLines(r.lastFrame())[0]).toBe('┌' + '─'.repeat(38) + '┐');
  });

  it('delivers keys written as bytes', async () => {
    const r = render(<LastKey />);
    r.stdin.write(KEYS.down);
    await waitFor(() => expect(r.lastFrame()).toContain('key down'));
    r.stdin.write(KEYS.pageUp);
    await waitFor(() => expect(r.lastFrame()).toContain('key pageup'));
    r.stdin.write('q');
    await waitFor(() => expect(r.lastFrame()).toContain('key q'));
  });

  it('records frames and stops on unmount', () => {
    const r = render(<Text>hello</Text>);
    expect(r.frames.length).toBeGreaterThan(0);
    r.unmount();
    const count = r.frames.length;
    r.rerender(<Text>after</Text>);
    expect(r.frames.length).toBe(count);
  });

  it('waitFor fails with the last error after its timeout', async () => {
    await expect(waitFor(() => expect(1).toBe(2), { timeoutMs: 50 })).rejects.toThrow(/expected 1 to be 2/);
  });
});
