#!/usr/bin/env node
// Shows a recorded screen (a Claude Code permission prompt), then records
// every byte typed at it, raw, to FILE: what answering the prompt sends.
//
//   node promptPane.mjs SCREEN FILE
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const [screen, file] = process.argv.slice(2);
writeFileSync(file, '');
process.stdout.write(readFileSync(screen, 'utf8').replace(/\n/g, '\r\n'));
process.stdin.setRawMode(true);
process.stdin.on('data', (bytes) => appendFileSync(file, bytes));
