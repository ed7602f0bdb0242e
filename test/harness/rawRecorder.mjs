#!/usr/bin/env node
// A raw-input recorder for byte-level send tests: puts its terminal in raw
// mode, asks for bracketed paste (unless --no-bracketed), appends every byte
// it receives to the file named by argv[2], and shows a prompt line like a
// simple REPL so the screen moves on when Enter arrives.
import { appendFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const bracketed = !process.argv.includes('--no-bracketed');
writeFileSync(file, '');
process.stdin.setRawMode(true);
if (bracketed) process.stdout.write('\x1b[?2004h');
process.stdout.write('rec> ');
let submitted = 0;
process.stdin.on('data', (chunk) => {
  appendFileSync(file, chunk);
  for (const byte of chunk) {
    if (byte === 0x0d) {
      submitted++;
      process.stdout.write(`\r\n[submitted ${submitted}]\r\nrec> `);
    } else if (byte === 0x03) {
      process.exit(0);
    }
  }
});
