#!/usr/bin/env node
// React's development build checks and times every render (several times
// slower): unless the user asked for it, run the production build. This
// must happen before React is first imported, hence the dynamic import.
process.env['NODE_ENV'] ??= 'production';
const { main } = await import('./cli/main.js');
const { describeError } = await import('./tmux/tmuxErrors.js');

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`orch-tui: ${describeError(error)}\n`);
    process.exit(1);
  },
);
