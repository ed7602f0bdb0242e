import { parseArgs } from 'node:util';
import { globalOptionAt, UsageError } from './globalOptions.js';

/** One option of a verb: how it parses and how `--help` describes it. */
export interface VerbOption {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
  /** The value's name in help: `--lines N`. */
  value?: string;
  help: string;
  /** Used by orch-tui itself, not shown in help (the demo's `--kill-server-on-quit`). */
  hidden?: boolean;
}

/**
 * A verb's one table: its parser and its `--help` are both made from it, so
 * they cannot drift apart. To add a verb, write its spec next to it and add
 * it to the verb list in main.ts.
 */
export interface VerbSpec<O extends Record<string, VerbOption> = Record<string, VerbOption>> {
  name: string;
  /** What it does, one line (also the global help's line for it). */
  summary: string;
  /** The arguments after the verb, one string per form: `WORKER`, `add WORKER TEXT`. */
  forms: string[];
  /** Each argument named in `forms`, explained. */
  arguments?: Array<[name: string, help: string]>;
  options: O;
  /** Commands a person would type, each complete. */
  examples: string[];
  /** More to know, a sentence or two each. */
  notes?: string[];
}

/** Typed values of a spec's options, as parseArgs returns them. */
export type VerbValues<O extends Record<string, VerbOption>> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? O[K]['multiple'] extends true ? boolean[] : boolean
    : O[K]['multiple'] extends true ? string[] : string;
};

export function defineVerb<const O extends Record<string, VerbOption>>(spec: VerbSpec<O>): VerbSpec<O> {
  return spec;
}

const HELP_FLAGS = new Set(['-h', '--help']);

/** `-h` or `--help` among a verb's arguments (not in the text after `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => HELP_FLAGS.has(a));
}

function flagOf(name: string, option: VerbOption): string {
  return `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`;
}

/** `orch-tui capture WORKER [OPTIONS]`, `orch-tui send WORKER [OPTIONS] -- TEXT`: one line per form. */
export function usageLines(spec: VerbSpec): string[] {
  const shown = Object.values(spec.options).some((o) => !o.hidden);
  return (spec.forms.length ? spec.forms : ['']).map((form) => {
    const words = form.split(' ').filter(Boolean);
    // Options go before the text that follows `--` (or the `-` that reads stdin).
    const at = words.findIndex((w) => w === '--' || w === '-');
    if (shown) words.splice(at === -1 ? words.length : at, 0, '[OPTIONS]');
    return ['orch-tui', spec.name, ...words].join(' ');
  });
}

/** Words filled into lines of at most `width` characters. */
export function wrapText(text: string, width = 80, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Two columns, the second wrapped at `width`. */
export function helpTable(rows: Array<[string, string]>, width = 80): string[] {
  const left = Math.min(24, Math.max(...rows.map(([l]) => l.length)) + 2);
  const out: string[] = [];
  for (const [name, help] of rows) {
    const lines = wrapText(help, width - 2 - left);
    if (name.length + 2 > left) out.push(`  ${name}`);
    else out.push(`  ${name.padEnd(left)}${lines.shift() ?? ''}`);
    for (const rest of lines) out.push(`  ${' '.repeat(left)}${rest}`);
  }
  return out;
}

/** The whole `orch-tui VERB --help` text. */
export function verbHelp(spec: VerbSpec): string {
  const options = Object.entries(spec.options).filter(([, o]) => !o.hidden);
  const rows: Array<[string, string]> = [...options.map(([name, o]): [string, string] => [flagOf(name, o), o.help]), ['-h, --help', 'this help']];
  const out = [...wrapText(`orch-tui ${spec.name}: ${spec.summary}`), '', 'Usage:', ...usageLines(spec).map((l) => `  ${l}`)];
  if (spec.arguments?.length) out.push('', 'Arguments:', ...helpTable(spec.arguments));
  out.push('', 'Options:', ...helpTable(rows));
  out.push('', spec.examples.length > 1 ? 'Examples:' : 'Example:', ...spec.examples.map((e) => `  ${e}`));
  for (const note of spec.notes ?? []) out.push('', ...wrapText(note));
  out.push('', 'Global options (-L, -S, --session, ...) go before the verb: see orch-tui --help.');
  return out.join('\n') + '\n';
}

/** `Usage: orch-tui capture WORKER [OPTIONS]; see orch-tui capture --help.` */
export function usageError(spec: VerbSpec, problem?: string): UsageError {
  const usage = usageLines(spec).join(' | ');
  return new UsageError(`${problem ? `${problem} ` : ''}Usage: ${usage}; see orch-tui ${spec.name} --help.`);
}

/**
 * Parse a verb's arguments with its spec. Mistakes become one sentence in
 * the house style; a global option given after the verb says where it goes.
 */
export function parseVerb<O extends Record<string, VerbOption>>(
  spec: VerbSpec<O>,
  args: readonly string[],
): { values: VerbValues<O>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: spec.forms.length > 0, strict: true });
    return { values: parsed.values as VerbValues<O>, positionals: parsed.positionals };
  } catch (error) {
    throw translateParseError(spec, args, error);
  }
}

function translateParseError(spec: VerbSpec, args: readonly string[], error: unknown): Error {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const see = `see orch-tui ${spec.name} --help`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /Unknown option '([^']+)'/.exec(message)?.[1] ?? '?';
    const global = globalOptionAt(args, args.findIndex((a) => a === flag || a.startsWith(`${flag}=`)));
    if (global) {
      const rest = args.filter((_, i) => i < global.index || i >= global.index + global.words.length);
      const fixed = ['orch-tui', ...global.words, spec.name, ...rest].map(shellWord).join(' ');
      return new UsageError(`${flag} is a global option and goes before the verb: ${fixed}`);
    }
    return new UsageError(`Unknown option ${flag} for ${spec.name}; ${see}.`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /Option '(?:-\w, )?(--[\w-]+)/.exec(message)?.[1] ?? '?';
    const option = spec.options[flag.slice(2)];
    if (option?.type === 'boolean') return new UsageError(`${flag} takes no value; ${see}.`);
    if (/ambiguous/.test(message)) return new UsageError(`${flag} needs a value; for one that starts with a dash write ${flag}=VALUE.`);
    return new UsageError(`${flag} needs a value (${flag} ${option?.value ?? 'VALUE'}); ${see}.`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /Unexpected argument '([^']*)'/.exec(message)?.[1] ?? '';
    return new UsageError(`${spec.name} takes no arguments, not "${word}"; ${see}.`);
  }
  return error instanceof Error ? error : new Error(message);
}

/** A word as a person would type it in a shell. */
/** A word as a shell command line would need it written. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
