#!/usr/bin/env node
// A simulated coding agent for `orch-tui demo`: no model, no network. It
// looks like Claude Code on screen (the input box, a spinner while it works,
// a permission dialog, `/compact` and `/clear`), so orch-tui's own state
// detection reads it; it takes what is typed or pasted into its input box
// and plays a short script for it (see agentScripts.mjs).
//
//   node worker.mjs NAME
import { createScreen, c, GLYPHS, inputBox, permissionDialog } from './agentScreen.mjs';
import { DONE_VERBS, scriptFor } from './agentScripts.mjs';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const name = process.argv[2] ?? 'agent';
process.title = 'demo-agent';
const screen = createScreen();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** idle | working | asking | compacting */
let mode = 'idle';
let input = '';
let spinner = undefined;
let ask = undefined;
/** Bumped when a turn is interrupted: the running script stops at its next step. */
let turn = 0;
let ctrlC = 0;

function footer() {
  const busy = mode === 'working' || mode === 'compacting';
  return `${c.dim}  ${name} · simulated agent · ${busy ? 'esc to interrupt' : '? for shortcuts'}${c.off}`;
}

function redraw() {
  const cols = screen.cols();
  if (mode === 'asking' && ask) return screen.setBottom(permissionDialog(ask.command, cols, screen.rows()));
  const spin = spinner ? [spinner()] : [];
  const roomy = screen.rows() >= 10;
  screen.setBottom([...spin, ...inputBox(input, cols), ...(roomy ? [footer()] : [])]);
}

function startSpinner(label) {
  const started = Date.now();
  let frame = 0;
  const mine = () => `${c.magenta}${GLYPHS[frame % GLYPHS.length]}${c.off} ${label}… ${c.dim}(${Math.floor((Date.now() - started) / 1000)}s · esc to interrupt)${c.off}`;
  spinner = mine;
  const timer = setInterval(() => {
    frame++;
    if (spinner === mine) redraw();
  }, 300);
  redraw();
  return () => {
    clearInterval(timer);
    if (spinner === mine) spinner = undefined;
  };
}

/** Show a permission question; resolves true for yes, false for no (1/2 yes; 3 or Esc no). */
function askPermission(command) {
  return new Promise((resolve) => {
    ask = { command, resolve };
    mode = 'asking';
    redraw();
  });
}

/**
 * What a Write or Edit step writes: placeholder lines in the worker's own
 * directory (the demo's scratch repository), so the status report has real
 * changes to list. Never outside that directory.
 */
function writeFile(tool, file, lines) {
  const target = path.resolve(file);
  if (!target.startsWith(process.cwd() + path.sep)) return;
  const body = Array.from({ length: lines }, (_, i) => `// ${i === 0 ? `${file}, by the orch-tui demo's simulated ${name}` : `line ${i + 1}`}\n`).join('');
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    if (tool === 'Edit') appendFileSync(target, body);
    else writeFileSync(target, body);
  } catch {
    // A scratch file that cannot be written changes nothing in the demo.
  }
}

async function play(text) {
  const mine = ++turn;
  const started = Date.now();
  mode = 'working';
  screen.print('', `${c.bold}❯${c.off} ${text}`, '');
  for (const step of scriptFor(text)) {
    if (mine !== turn) return;
    if (step.spin) {
      const stop = startSpinner(step.spin);
      await sleep(step.ms);
      stop();
    } else if (step.tool) {
      if (step.lines) writeFile(step.tool, step.arg, step.lines);
      screen.print(`${c.green}●${c.off} ${c.bold}${step.tool}${c.off}(${step.arg})`);
      for (const line of step.out) screen.printWhole(`  ⎿  ${line}`);
      await sleep(700);
    } else if (step.bash) {
      screen.print(`${c.green}●${c.off} ${c.bold}Bash${c.off}(${step.bash})`);
      const stop = startSpinner('Running');
      await sleep(1200);
      stop();
      if (mine !== turn) return;
      // Whole lines, as a program prints them: an error is read as one line.
      for (const line of step.out) screen.printWhole(`  ⎿  ${line}`);
      await sleep(600);
    } else if (step.ask) {
      screen.print(`  ${step.why}`);
      screen.printWhole(`  ⎿  $ ${step.ask}`);
      const yes = await askPermission(step.ask);
      if (mine !== turn) return;
      if (!yes) {
        screen.print(`  ⎿  ${c.red}Interrupted${c.off} · What should I do instead?`);
        return finish();
      }
    } else if (step.say) {
      screen.print(`${c.blue}●${c.off} ${step.say}`);
    }
  }
  if (mine !== turn) return;
  const secs = Math.max(1, Math.round((Date.now() - started) / 1000));
  screen.print('', `${c.dim}${GLYPHS[0]} ${DONE_VERBS[mine % DONE_VERBS.length]} for ${secs}s${c.off}`);
  finish();
}

function finish() {
  mode = 'idle';
  ask = undefined;
  redraw();
}

async function compact(goal) {
  const mine = ++turn;
  mode = 'compacting';
  screen.print('', `${c.bold}❯${c.off} /compact${goal ? ` ${goal}` : ''}`);
  const stop = startSpinner('Compacting conversation');
  await sleep(3500);
  stop();
  if (mine !== turn) return;
  screen.reset();
  header();
  screen.print(`${c.dim}${GLYPHS[0]} Conversation compacted${goal ? ` (kept: ${goal})` : ''}${c.off}`);
  finish();
}

function submit() {
  const text = input.trim();
  input = '';
  if (text === '') return redraw();
  if (/^\/clear\b/.test(text)) {
    turn++;
    screen.reset();
    header();
    return finish();
  }
  if (/^\/compact\b/.test(text)) return void compact(text.slice('/compact'.length).trim());
  void play(text);
}

function interrupt() {
  if (mode === 'asking') return answer(false);
  if (mode !== 'working' && mode !== 'compacting') return;
  turn++;
  spinner = undefined;
  screen.print(`  ⎿  ${c.red}Interrupted${c.off} · What should I do instead?`);
  finish();
}

function answer(yes) {
  const pending = ask;
  ask = undefined;
  mode = 'working';
  redraw();
  pending?.resolve(yes);
}

/** A bracketed paste being received: a long one comes in several reads. */
let pasting = undefined;
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Keys and pasted text, as a raw terminal delivers them. */
function onInput(data) {
  if (pasting !== undefined || data.includes(PASTE_START)) {
    const at = data.indexOf(PASTE_START);
    pasting = (pasting ?? '') + (pasting === undefined ? data.slice(at + PASTE_START.length) : data);
    const end = pasting.indexOf(PASTE_END);
    if (end === -1) return;
    const text = pasting.slice(0, end);
    const rest = pasting.slice(end + PASTE_END.length);
    pasting = undefined;
    if (mode !== 'asking') input += text.replace(/\r\n?/g, '\n');
    redraw();
    if (rest) onInput(rest);
    return;
  }
  if (data === '\x03') {
    if (mode !== 'idle') return interrupt();
    if (input !== '') return (input = ''), redraw();
    if (++ctrlC >= 2) process.exit(0);
    screen.print(`${c.dim}Press Ctrl-C again to exit${c.off}`);
    return;
  }
  ctrlC = 0;
  if (data === '\x1b' || data === '\x1b\x1b') return interrupt();
  if (mode === 'asking') {
    if (data === '1' || data === '2' || data === '\r') return answer(true);
    if (data === '3') return answer(false);
    return;
  }
  if (data === '\r') return mode === 'idle' ? submit() : undefined;
  if (data === '\x7f' || data === '\b') input = [...input].slice(0, -1).join('');
  else if (data === '\x15') input = '';
  else if (data === '\n') input += '\n';
  else if (!data.startsWith('\x1b')) input += data.replace(/[\x00-\x1f]/g, '');
  redraw();
}

function header() {
  screen.print(`${c.magenta}▐▛▜▌${c.off}  ${c.bold}${name}${c.off} ${c.dim}· a simulated agent for the orch-tui demo (no model, no network)${c.off}`, '');
}

process.stdin.setRawMode?.(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', onInput);
// Bracketed paste: a pasted task arrives as one piece, as in a real agent.
process.stdout.write('\x1b[?2004h');
process.stdout.on('resize', redraw);
process.on('SIGINT', () => process.exit(130));
process.on('exit', () => process.stdout.write('\x1b[?2004l'));
header();
finish();
