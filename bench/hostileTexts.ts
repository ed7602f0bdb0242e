/**
 * Generated hostile task texts: pieces that break naive `send-keys`
 * orchestration (tmux's `;`, key names, shell syntax, pickers opened by `@`
 * and `/`, dashes that look like flags, wide characters, tmux formats),
 * combined with a seeded generator so every run sends the same texts.
 *
 * Left out on purpose: tabs and trailing whitespace, which Claude Code's
 * input box itself normalises (a tab becomes four spaces, trailing blanks
 * are trimmed; the byte-level test shows orch-tui sends them exactly), and
 * a leading `/`, `!`, `#`, `?` or `&`, which make Claude Code run a command
 * or switch modes instead of sending a message.
 */

const HEADS = [
  'run the tests', '-starts with a dash', '--flag value', '-x', '@src/index.ts read it', '@',
  'emoji 🚀✨👨‍👩‍👧', '中文字 日本語 한국어', '$HOME is', '${PATH} and', '`whoami` said', "'single'", '"double"',
  'C-m', 'Enter', 'Escape', 'a;b', ';', '~/notes', '%if', '%1', 'C-c then', 'Space', 'q',
];
const MIDDLES = [
  '/etc/hosts', 'a/b/c', '@file.ts', 'x;y; z ;', 'C-m Enter Escape C-c', '$HOME ${PATH} $(id)', '`date`',
  `it's "quoted"`, 'back\\slash\\', '#{session_name} #{host} ##', '%if #{true} yes %endif', '✳️ 🚀 中文',
  '--', '-n', 'a && b || c', '> out.txt < in.txt | cat', '{"json": [1, 2]}', '<b>tag</b>', '~',
];
const TAILS = [
  ';', ';;', ' /', ' @', ' C-m', ' Enter', ' Escape', '\\', '`', '"', "'", ' 🚀', ' 中文', ' $HOME', '?',
  '!', ' -', ' --', '.', ' #', ' %',
];
const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n'];

/** mulberry32: small, seeded, good enough to pick pieces. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A long multi-line text (about `bytes` long) made of the same pieces. */
function longText(n: number, bytes: number, pick: <T>(list: readonly T[]) => T): string {
  const lines: string[] = [`long text n${n}:`];
  let size = 0;
  while (size < bytes) {
    const line = `${pick(MIDDLES)} ${pick(MIDDLES)}${pick(TAILS)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * `count` distinct texts: head, middle pieces, a number that makes each
 * unique, a tail; some multi-line; every 50th about 20 KB.
 */
export function hostileTexts(count: number, seed = 1): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    if (n % 50 === 49) {
      texts.push(longText(n, 20_000, pick));
      continue;
    }
    const parts = [pick(HEADS), pick(MIDDLES), `n${n}`];
    for (let extra = Math.floor(next() * 3); extra > 0; extra--) parts.push(pick(MIDDLES));
    let text = parts[0]!;
    for (const part of parts.slice(1)) text += pick(SEPARATORS) + part;
    texts.push(text + pick(TAILS));
  }
  return texts;
}

/** What Claude Code's input box makes of a text (see test/integration/dispatchClaude.test.ts). */
export function claudeSees(text: string): string {
  return text.replace(/\t/g, '    ').trimEnd();
}

/**
 * Claude Code 2.1.328 frames a multi-line bracketed paste for the model as
 * `<pasted_content id="…">\n…\n</pasted_content id="…">`; the bytes inside
 * are the text. Only that exact frame is taken off.
 */
export function unframePaste(text: string | undefined): string | undefined {
  const framed = /^\s*<pasted_content id="([^"]+)">\n([\s\S]*)\n<\/pasted_content id="\1">\n?$/.exec(text ?? '');
  return framed ? framed[2] : text;
}
