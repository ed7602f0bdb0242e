import { runDashboard } from '../runDashboard.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb } from '../verbSpec.js';

export const dashboardSpec = defineVerb({
  name: 'dashboard',
  summary: 'show every worker pane of the server, live (what orch-tui does with no verb)',
  forms: [],
  options: {
    'kill-server-on-quit': { type: 'boolean', hidden: true, help: "end the whole tmux server on quit (the demo's private one)" },
    'remove-on-quit': { type: 'string', multiple: true, hidden: true, help: 'remove this file or directory on quit (what the demo made)' },
  },
  examples: ['orch-tui', "orch-tui -L work --session 'api*'"],
  notes: ['Press ? in it for every key.'],
});

export async function dashboardVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const { values } = parseVerb(dashboardSpec, args);
  await runDashboard({ ...ctx.global, killServerOnQuit: values['kill-server-on-quit'], removeOnQuit: values['remove-on-quit'] });
  return 0;
}
