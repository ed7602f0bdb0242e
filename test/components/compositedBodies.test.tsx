import React from 'react';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Box, Text, render, type Instance } from 'ink';
import xterm from '@xterm/headless';
import { StoreProvider, useOrch } from '../../components/StoreContext.js';
import { BodiesContext } from '../../components/BodiesContext.js';
import { WorkerGrid } from '../../components/WorkerGrid.js';
import { HEADER_STEP_MS } from '../../components/WorkerPane.js';
import { createOrchStore, type OrchStore } from '../../src/store/orchStore.js';
import { applySnapshot } from '../../src/store/orchActions.js';
import { initialState } from '../../src/store/orchState.js';
import { CompositedBodies, inkStdout } from '../../src/ui/compositedBodies.js';
import { fixInkIncrementalRendering } from '../../src/ui/inkIncrementalFix.js';
import { makePane } from '../unit/paneFactory.js';
import { waitFor } from '../harness/tmuxServer.js';

/**
 * The grid with its bodies drawn outside React, rendered the way the
 * dashboard renders (Ink incremental, one terminal both write to) into a
 * headless terminal that is read back as a person sees it.
 */
const COLUMNS = 80;
const ROWS = 24;
const AT = 1_700_000_000_000;
const instances: Instance[] = [];

afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

class TerminalStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = COLUMNS;
  readonly rows = ROWS;
  constructor(private readonly term: xterm.Terminal) {
    super();
  }
  write = (text: string): boolean => {
    this.term.write(text);
    return true;
  };
}

function Screen({ store }: { store: OrchStore }) {
  const modal = useOrch((s) => s.modal !== undefined);
  // As the App does: a modal takes rows from the grid, whose cells get smaller (layoutGrid).
  return (
    <Box flexDirection="column" width={COLUMNS} height={ROWS - 1}>
      <Box height={modal ? 8 : 22} flexDirection="column" overflowY="hidden">
        <WorkerGrid columns={2} perPage={4} cellWidth={40} cellHeight={modal ? 4 : 11} now={AT} />
      </Box>
      {modal ? (
        <Box height={14} borderStyle="round">
          <Text>MODAL {store.getState().order.length}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

async function start() {
  await fixInkIncrementalRendering();
  const panes = ['%1', '%2', '%3'].map((paneId, i) => makePane({ paneId, sessionName: `w${i}`, currentCommand: 'sh' }));
  const captures = new Map(panes.map((p) => [p.paneId, [`${p.sessionName} first`]]));
  const store = createOrchStore(applySnapshot(initialState(), { at: AT, panes, captures, paneErrors: new Map() }, 'control'));
  // convertEol: a terminal's line discipline turns \n into \r\n.
  const term = new xterm.Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true, convertEol: true });
  const out = new TerminalStdout(term);
  const bodies = new CompositedBodies(store, out.write, ROWS);
  let commits = 0;
  const instance = render(
    <React.Profiler id="screen" onRender={() => commits++}>
      <StoreProvider store={store}>
        <BodiesContext.Provider value={bodies}>
          <Screen store={store} />
        </BodiesContext.Provider>
      </StoreProvider>
    </React.Profiler>,
    { stdout: inkStdout(out as unknown as NodeJS.WriteStream, bodies), debug: false, patchConsole: false, exitOnCtrlC: false, incrementalRendering: true },
  );
  instances.push(instance);
  const screenText = async () => {
    await new Promise<void>((resolve) => term.write('', resolve));
    return Array.from({ length: ROWS }, (_, y) => term.buffer.active.getLine(y)?.translateToString(true).trimEnd() ?? '').join('\n');
  };
  const setLines = (id: string, lines: string[]) => store.setState({ output: { ...store.getState().output, [id]: lines } });
  /** What the feed does with a line: new lines, and the worker's lastOutputAt moved. */
  const printed = (id: string, lines: string[], at: number) => {
    const state = store.getState();
    store.setState({ output: { ...state.output, [id]: lines }, workers: { ...state.workers, [id]: { ...state.workers[id]!, lastOutputAt: at } } });
  };
  return { store, bodies, screenText, setLines, printed, commits: () => commits };
}

describe('grid bodies drawn outside React', () => {
  it('a body shows new lines with no React render, writing only the rows that changed', async () => {
    const t = await start();
    await waitFor(async () => expect(await t.screenText()).toContain('w2 first'), { timeoutMs: 3000, intervalMs: 20 });
    const commits = t.commits();
    const rows = t.bodies.rowsWritten;
    // Printed within one step of the header's spinner: nothing the header shows changed.
    const step = Math.ceil(AT / HEADER_STEP_MS) * HEADER_STEP_MS;
    t.printed('%2', ['w1 first', 'w1 second'], step + 10);
    await waitFor(async () => expect(await t.screenText()).toContain('w1 second'), { timeoutMs: 3000, intervalMs: 20 });
    t.printed('%2', ['w1 first', 'w1 second', 'w1 third'], step + 200);
    await waitFor(async () => expect(await t.screenText()).toContain('w1 third'), { timeoutMs: 3000, intervalMs: 20 });
    expect(t.commits()).toBe(commits);
    // One new row each time; the body's other rows were left alone.
    expect(t.bodies.rowsWritten - rows).toBe(2);
    const text = await t.screenText();
    // Inside its box, under its header.
    const row = text.split('\n').findIndex((line) => line.includes('w1 third'));
    expect(text.split('\n')[row]!.indexOf('w1 third')).toBe(41);
    // The next step of the spinner is a header change: one render.
    t.printed('%2', ['w1 first', 'w1 second', 'w1 third', 'w1 fourth'], step + HEADER_STEP_MS);
    await waitFor(() => expect(t.commits()).toBe(commits + 1), { timeoutMs: 3000, intervalMs: 20 });
  });

  it('a modal over the grid hides the bodies it covers; closed, they are drawn again', async () => {
    const t = await start();
    const long = Array.from({ length: 12 }, (_, i) => `w0 line ${i}`);
    t.setLines('%1', long);
    await waitFor(async () => expect(await t.screenText()).toContain('w0 line 11'), { timeoutMs: 3000, intervalMs: 20 });
    t.store.setState({ modal: { kind: 'help' } as never });
    await waitFor(async () => expect(await t.screenText()).toContain('MODAL 3'), { timeoutMs: 3000, intervalMs: 20 });
    let text = await t.screenText();
    // Bodies of one row now: the newest line of each, nothing of them in the modal.
    const rows = text.split('\n');
    expect(rows[2]).toContain('w0 line 11');
    expect(rows[6]).toContain('w2 first');
    expect(text).not.toContain('w0 line 10');
    expect(rows.slice(8).join('\n')).not.toMatch(/w\d (line|first)/);
    t.setLines('%1', [...long, 'w0 line 12']);
    t.store.setState({ modal: undefined });
    // Drawn whole again once Ink's frame without the modal is on screen: all 8 rows, the newest last.
    const bodyRows = (text: string) => text.split('\n').filter((row) => row.includes('w0 line'));
    await waitFor(async () => expect(bodyRows(await t.screenText())).toHaveLength(8), { timeoutMs: 3000, intervalMs: 20 });
    text = await t.screenText();
    expect(bodyRows(text).at(-1)).toContain('w0 line 12');
    expect(text).toContain('w2 first');
    expect(text).not.toContain('MODAL');
  });
});
