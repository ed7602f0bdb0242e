/**
 * The alternate screen: entered once, left exactly once however orch-tui
 * ends (q, Ctrl+C, a signal, a crash), so the user's terminal is back as it
 * was.
 */
export function enterAlternateScreen(out: NodeJS.WriteStream = process.stdout): () => void {
  // Bracketed paste on: a paste into a task box arrives as one piece of text.
  out.write('\u001b[?1049h\u001b[H\u001b[2J\u001b[?2004h');
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    out.write('\u001b[?2004l\u001b[?25h\u001b[?1049l');
  };
  process.once('exit', restore);
  return restore;
}

/**
 * Ink decides at import time that it runs "in CI" when CI variables are set
 * and then prints only the last frame. A dashboard on a real terminal is
 * interactive whatever the environment says, so drop them before Ink loads.
 */
export function forgetCiEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  for (const key of Object.keys(env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  }
}
