/** How every verb that acts on one worker explains its WORKER argument. */
export const WORKER_ARGUMENT: [string, string] = [
  'WORKER',
  'a pane id (%3), a worker name as `ls` shows it, or session:window.pane; names match exactly',
];
