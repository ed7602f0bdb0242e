#!/usr/bin/env node
import { main } from './cli/main.js';
import { describeError } from './tmux/tmuxErrors.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`orch-tui: ${describeError(error)}\n`);
    process.exit(1);
  },
);
