// The recommended next step, chosen by rules from the data — never guessed. It names the todo to
// continue (or start), what to check first (a crash, a branch switch, files changed since) and
// the failing command to re-run, in one or two sentences.
import type { Todo, TodoPriority } from '../../core/index.js';
import type { ActionEvent, BriefData } from './brief-types.js';
import { code, quote } from './brief-text.js';
import type { Warning } from './warnings.js';

const PRIORITY: Record<TodoPriority, number> = { high: 0, medium: 1, low: 2 };

/** Pending todos in the order they should be picked: priority, then number. */
export function pendingOrder(todos: Todo[]): Todo[] {
  return todos
    .filter((t) => t.status === 'pending')
    .sort(
      (a, b) =>
        (a.priority ? PRIORITY[a.priority] : 1) - (b.priority ? PRIORITY[b.priority] : 1) ||
        a.number - b.number,
    );
}

/** The todo being worked on: the one in progress most recently started. */
export function currentTodo(todos: Todo[]): Todo | null {
  const active = todos
    .filter((t) => t.status === 'in_progress')
    .sort(
      (a, b) => (b.startedAt ?? b.updatedAt) - (a.startedAt ?? a.updatedAt) || b.number - a.number,
    );
  return active[0] ?? null;
}

const name = (t: Todo) => `#${t.number} ${quote(t.content, 120)}`;

/** The last failure, if nothing ran successfully after it. */
function unresolvedFailure(actions: ActionEvent[]): ActionEvent | null {
  const lastFailed = [...actions].reverse().find((a) => a.failed);
  if (!lastFailed) return null;
  const after = actions.filter((a) => a.seq > lastFailed.seq && a.kind === 'tool_call');
  return after.length <= 2 ? lastFailed : null;
}

function checksFirst(data: BriefData, warnings: Warning[]): string[] {
  const checks: string[] = [];
  if (data.endState === 'crashed') {
    const files = [...new Set(data.recent.actions.flatMap((a) => a.files))].slice(-3);
    checks.push(
      files.length
        ? `check that ${files.map(code).join(', ')} are in a sane state (the session crashed while working on them)`
        : 'check the working tree (`git status`): the session crashed mid-work',
    );
  }
  if (warnings.some((w) => w.code === 'branch-switched') && data.changes?.base.branch) {
    checks.push(`confirm the branch (the work was on ${code(data.changes.base.branch)})`);
  }
  if (warnings.some((w) => w.code === 'todo-file-changed')) {
    checks.push('re-read the files named in the warnings');
  }
  return checks;
}

function mainStep(data: BriefData): string {
  const todos = data.todos;
  const current = data.focus?.todo ?? currentTodo(todos);
  if (current && current.status === 'blocked') {
    return `unblock ${name(current)} — it waits on: ${current.blockedReason ? quote(current.blockedReason, 120) : 'no reason recorded'}`;
  }
  if (current && current.status !== 'completed' && current.status !== 'cancelled') {
    const failure = unresolvedFailure(data.recent.actions);
    const rerun = failure?.command
      ? `; the last failure was ${code(failure.command)} — re-run it first`
      : '';
    return `continue ${name(current)}${rerun}`;
  }
  const next = pendingOrder(todos)[0];
  if (next) return `start ${name(next)}, the first pending todo by priority`;
  const blocked = todos.find((t) => t.status === 'blocked');
  if (blocked) {
    return `every open todo is blocked; ${name(blocked)} waits on ${quote(blocked.blockedReason ?? 'an unrecorded reason', 100)} — ask the user`;
  }
  const prompt = data.recent.prompts[data.recent.prompts.length - 1];
  if (prompt) {
    return `no todos are open; the last request was ${quote(prompt.text, 160)} — confirm with the user whether it is finished`;
  }
  return 'no open work is recorded — ask the user what to do next';
}

export function recommendNextStep(data: BriefData, warnings: Warning[]): string {
  const checks = checksFirst(data, warnings);
  const step = mainStep(data);
  const sentence = checks.length ? `First ${checks.join('; ')}. Then ${step}.` : `${step}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
