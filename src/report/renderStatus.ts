/**
 * The status report as text (the seed's "Status Reporting Format") and as
 * Markdown. The JSON form is the report object itself.
 */
import type { FileChange, NoteRef, StatusReport, WaitRef, WorkerReport } from './statusReport.js';

/** Files listed per worker before "and N more": a long list helps nobody in a status line. */
const MAX_FILES = 10;

/** `75% complete`, or `0% complete (no tasks)`. */
export function progressText(report: StatusReport): string {
  return `${report.overallPercent}% complete${report.noTasks ? ' (no tasks)' : ''}`;
}

/** The text report, one string per line (what the dashboard's status view shows). */
export function renderStatusLines(report: StatusReport): string[] {
  const lines = ['🎯 Orchestration Status', ''];
  if (report.workers.length === 0) lines.push('No workers.', '');
  for (const worker of report.workers) {
    lines.push(`${worker.name} (${worker.state}):`);
    for (const detail of workerDetails(worker)) lines.push(`  ${detail.icon} ${detail.text}`);
    lines.push('');
  }
  if (report.notes.length > 0) lines.push('🗒 Latest notes:', ...report.notes.map((n) => `  ${noteText(n)}`), '');
  lines.push(`Overall progress: ${progressText(report)}`);
  return lines;
}

/** The text report, as `orch-tui status` prints it. */
export function renderStatusText(report: StatusReport): string {
  return renderStatusLines(report).join('\n') + '\n';
}

/** The report as Markdown: a heading per worker, its details as a list. */
export function renderStatusMarkdown(report: StatusReport): string {
  const out = ['# 🎯 Orchestration Status', ''];
  if (report.workers.length === 0) out.push('No workers.', '');
  for (const worker of report.workers) {
    out.push(`## ${escapeMarkdown(worker.name)} (${worker.state})`, '');
    const details = workerDetails(worker, true);
    for (const detail of details) out.push(`- ${detail.icon} ${detail.text}`);
    if (details.length === 0) out.push('_Nothing to report._');
    out.push('');
  }
  if (report.notes.length > 0) out.push('## 🗒 Latest notes', '', ...report.notes.map((n) => `- ${escapeMarkdown(noteText(n))}`), '');
  out.push(`**Overall progress: ${progressText(report)}**`);
  return out.join('\n') + '\n';
}

/** `n4 backend → frontend: The API listens on :8080`. */
function noteText(note: NoteRef): string {
  return `${note.id} ${note.from} → ${note.to.length ? note.to.join(', ') : 'board'}: ${note.text}`;
}

interface Detail {
  icon: string;
  text: string;
}

/** ✅ ❌ 📝 🔄 ⏳ 📋, in the seed's order, each only when it has something to say. */
function workerDetails(worker: WorkerReport, markdown = false): Detail[] {
  const text = markdown ? escapeMarkdown : (s: string) => s;
  const details: Detail[] = [];
  for (const task of worker.done) details.push({ icon: '✅', text: text(task.text) });
  for (const task of worker.failed) {
    details.push({ icon: '❌', text: `Failed: ${text(task.text)}${task.reason ? ` (${text(task.reason)})` : ''}` });
  }
  const files = filesText(worker, markdown);
  if (files) details.push({ icon: '📝', text: `Files: ${files}` });
  if (worker.current?.kind === 'task') details.push({ icon: '🔄', text: `Currently: ${text(worker.current.text)}` });
  if (worker.current?.kind === 'output') details.push({ icon: '🔄', text: `Latest output: ${text(worker.current.text)}` });
  if (worker.waitingFor.length > 0) {
    details.push({ icon: '⏳', text: `Waiting for ${worker.waitingFor.map((w) => text(waitText(w))).join(', ')}` });
  }
  if (worker.next) details.push({ icon: '📋', text: `Next: ${text(worker.next.text)}` });
  return details;
}

/** A task still to finish is named alone; one that never will says why. */
function waitText(wait: WaitRef): string {
  return wait.state === 'queued' || wait.state === 'sent' ? wait.id : `${wait.id} (${wait.state})`;
}

function filesText(worker: WorkerReport, markdown: boolean): string | undefined {
  const changes = worker.changes;
  if (!changes) return undefined;
  if (changes.error) return `unknown (${changes.error})`;
  if (!changes.repo) return 'not a git repository';
  if (changes.files.length === 0) return undefined;
  const shown = changes.files.slice(0, MAX_FILES).map((f) => fileText(f, markdown));
  const more = changes.files.length - MAX_FILES;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}

function fileText(file: FileChange, markdown: boolean): string {
  const name = markdown ? '`' + file.path.replace(/`/g, "'") + '`' : file.path;
  return `${name} (+${file.added} −${file.removed})`;
}

/** Task text and worker names are free text: keep them from turning into Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
