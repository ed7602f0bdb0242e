/**
 * Quote one argument for tmux's command parser (the syntax of a control-mode
 * line or a config file). Every argument is wrapped in double quotes, so no
 * word is ever read as `%if`, `{`, a comment or a command separator.
 * Inside the quotes `\`, `"` and `$` are escaped, as are a leading `~`
 * (home expansion) and a trailing `;` (tmux splits commands on an argument
 * that ends in one). Control characters become `\ooo` so a raw newline can
 * never end the command line early.
 */
export function quoteTmuxArg(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"' || ch === '$') out += '\\' + ch;
    else if (ch === '~' && i === 0) out += '\\~';
    else if (ch === ';' && i === value.length - 1) out += '\\;';
    else if (code < 0x20 || code === 0x7f) out += '\\' + code.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}

/** Join a tmux command's argument array into one control-mode line. */
export function toTmuxCommandLine(args: readonly string[]): string {
  return args.map(quoteTmuxArg).join(' ');
}
