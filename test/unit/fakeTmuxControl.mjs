#!/usr/bin/env node
// A stand-in for `tmux -S LOG -C attach-session ...` in the OutputClient's
// nudge test. It appends every command line it reads to LOG and answers
// as the file name says: `prompt-*` at once; `hold-*` like tmux 3.3a
// holding back what it owes a control client (nothing until the next
// command line arrives, then everything); `silent-*` never.
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';

const log = process.argv[process.argv.indexOf('-S') + 1];
const mode = basename(log).split('-')[0];
let number = 0;
const block = () => {
  number++;
  return `%begin 1 ${number} 1\n%end 1 ${number} 1\n`;
};
let held = '';
process.stdout.write('%begin 1 0 0\n%end 1 0 0\n%session-changed $1 fake\n');
let partial = '';
process.stdin.on('data', (chunk) => {
  const lines = (partial + chunk.toString()).split('\n');
  partial = lines.pop();
  for (const line of lines) {
    if (line === '') process.exit(0);
    appendFileSync(log, line + '\n');
    if (mode === 'prompt') process.stdout.write(block());
    if (mode === 'hold') {
      process.stdout.write(held);
      held = block();
    }
  }
});
process.stdin.on('end', () => process.exit(0));
