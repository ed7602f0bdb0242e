#!/usr/bin/env node
// A raw-input recorder for byte-level send tests: puts its terminal in raw
// mode, asks for bracketed paste, appends every byte it receives to FILE,
// and shows a prompt line like a simple REPL so the screen moves on when
// Enter arrives.
//
//   node rawRecorder.mjs FILE [--no-bracketed] [--full-screen] [--ignore-enters N]
//
// --full-screen: run on the alternate screen, as an editor does; such a
//   program counts as idle, where a plain foreground program is only a guess.
// --ignore-enters N: the first N carriage returns are recorded but the
//   screen does not react to them, like an agent that missed an Enter; the
//   sender has to press Enter again (and must never paste the text again).
import { appendFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const has = (flag) => process.argv.includes(flag);
const ignoreAt = process.argv.indexOf('--ignore-enters');
let toIgnore = ignoreAt > 0 ? Number(process.argv[ignoreAt + 1]) : 0;
writeFileSync(file, '');
process.stdin.setRawMode(true);
if (has('--full-screen')) process.stdout.write('\x1b[?1049h');
if (!has('--no-bracketed')) process.stdout.write('\x1b[?2004h');
process.stdout.write('rec> ');
let submitted = 0;
process.stdin.on('data', (chunk) => {
  appendFileSync(file, chunk);
  for (const byte of chunk) {
    if (byte === 0x0d) {
      if (toIgnore > 0) {
        toIgnore--;
        continue;
      }
      submitted++;
      process.stdout.write(`\r\n[submitted ${submitted}]\r\nrec> `);
    } else if (byte === 0x03) {
      process.exit(0);
    }
  }
});
