// The screen of a simulated coding agent, laid out the way Claude Code's is
// (the layout orch-tui's Claude detector reads; the demo marks its panes
// @orch_agent claude): the conversation scrolls up as it is printed, and
// the bottom of the screen is redrawn in place: a spinner while it works,
// the input box between two ─ rules, or a permission dialog instead of it.

export const c = {
  dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m',
  magenta: '\x1b[35m', cyan: '\x1b[36m', bold: '\x1b[1m', off: '\x1b[0m',
};

/** Glyphs the detector knows in front of a status line (`✻ Thinking…`). */
export const GLYPHS = ['✻', '✢', '✽', '✶', '✳', '✺'];

const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Characters as the terminal counts them, good enough for this script's own text. */
function width(text) {
  let n = 0;
  for (const ch of plain(text)) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1;
  return n;
}

/** A line cut to `cols` cells, colours closed: a line that wrapped would break the redraw. */
export function clip(text, cols) {
  if (width(text) <= cols) return text;
  let out = '';
  let n = 0;
  for (const part of text.split(/(\x1b\[[0-9;]*m)/)) {
    if (part.startsWith('\x1b[')) {
      out += part;
      continue;
    }
    for (const ch of part) {
      const w = width(ch);
      if (n + w > cols - 1) return `${out}…${c.off}`;
      out += ch;
      n += w;
    }
  }
  return out;
}

/** Words filled into lines of `cols` cells; the first gets `first` in front, the rest `rest`. */
export function wrap(text, cols, first = '', rest = '') {
  const lines = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(' ')) {
      if (!empty && width(line) + 1 + width(word) > cols) {
        lines.push(line);
        line = rest + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines.map((line) => clip(line, cols));
}

/**
 * The terminal: `print` adds to the conversation (it scrolls into the
 * scrollback like any output); `setBottom` replaces the live part below it.
 */
export function createScreen(out = process.stdout) {
  let bottom = [];
  let shown = 0;
  const cols = () => Math.max(20, (out.columns || 80) - 1);
  const rows = () => Math.max(4, out.rows || 24);
  const erase = () => (shown > 1 ? `\x1b[${shown - 1}A` : '') + '\r\x1b[J';
  const draw = () => {
    const lines = bottom.map((line) => clip(line, cols()));
    shown = lines.length;
    return lines.join('\r\n');
  };
  return {
    cols,
    rows,
    /** Conversation lines, printed above the live part, wrapped at the screen's width. */
    print(...lines) {
      const text = lines.flatMap((line) => wrap(line, cols(), '', '  ')).map((line) => `${line}\r\n`).join('');
      out.write(erase() + text + draw());
    },
    /**
     * One line left whole: the terminal wraps it, so `capture-pane -J` reads
     * it back as one line (a command must not be read cut at the width).
     */
    printWhole(line) {
      out.write(`${erase()}${line}\r\n${draw()}`);
    },
    setBottom(lines) {
      bottom = lines;
      out.write(erase() + draw());
    },
    /** A clean screen and no scrollback, as after /clear. */
    reset() {
      shown = 0;
      out.write('\x1b[2J\x1b[3J\x1b[H');
    },
  };
}

const rule = (cols) => '─'.repeat(cols);

/**
 * The input box: `❯ ` and the text typed so far (continuation lines
 * indented). A long text shows its last lines, the first of them still
 * behind `❯` (a box that does not start with it is no input box).
 */
export function inputBox(text, cols) {
  const wrapped = text === '' ? ['❯ '] : wrap(text, cols, '❯ ', '  ');
  const lines = wrapped.length <= 4 ? wrapped : wrapped.slice(-4).map((line, i) => (i === 0 ? line.replace(/^ {2}/, '❯ ') : line));
  return [`${c.dim}${rule(cols)}${c.off}`, ...lines, `${c.dim}${rule(cols)}${c.off}`];
}

/**
 * A permission dialog in place of the input box: the command in a ╌ box,
 * the question, numbered choices. On a short screen only the question and
 * the choices (the command is in the conversation above, `⎿  $ command`).
 */
export function permissionDialog(command, cols, rows) {
  const dashed = `${c.dim}${'╌'.repeat(cols)}${c.off}`;
  const head = [` ${c.bold}Bash command${c.off}`, dashed, ` ${command}`, dashed];
  const question = [
    ` ${c.bold}Do you want to proceed?${c.off}`,
    ` ${c.cyan}❯ 1. Yes${c.off}`,
    `   2. Yes, and don't ask again for ${command.split(' ')[0]} commands`,
    '   3. No, and tell me what to do differently (esc)',
  ];
  // The boxed command only when it fits: cut at the width, it would be read as another command.
  const boxed = rows >= head.length + question.length + 4 && command.length + 1 <= cols;
  return [`${c.dim}${rule(cols)}${c.off}`, ...(boxed ? head : []), ...question];
}
