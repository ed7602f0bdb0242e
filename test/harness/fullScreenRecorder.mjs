#!/usr/bin/env node
// The raw-input recorder of rawRecorder.mjs, on the terminal's alternate
// screen: `node fullScreenRecorder.mjs FILE [--no-bracketed] [--ignore-enters N]`.
//
// Why a second recorder: orch-tui's generic state rules count a non-shell
// program in the foreground as `working` (it could be a build), and the
// checked send refuses a working worker, so a pane running rawRecorder.mjs is
// never sent to. A full-screen program (`#{alternate_on}`) counts as idle, as
// an editor would. The bytes recorded are the same.
//
// `--ignore-enters N`: the first N carriage returns are recorded but the
// screen does not react to them, like an agent that missed an Enter; the
// sender has to press Enter again (and must never paste the text again).
import { appendFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const bracketed = !process.argv.includes('--no-bracketed');
const ignoreAt = process.argv.indexOf('--ignore-enters');
let toIgnore = ignoreAt > 0 ? Number(process.argv[ignoreAt + 1]) : 0;
writeFileSync(file, '');
process.stdin.setRawMode(true);
process.stdout.write('\x1b[?1049h');
if (bracketed) process.stdout.write('\x1b[?2004h');
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
