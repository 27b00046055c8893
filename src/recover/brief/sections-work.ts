// The work itself: the todos (in progress, blocked, pending, recently done) and the session's last
// actions (the request, the last answer, errors, files, commands, the latest tool calls).
import type { Todo } from '../../core/index.js';
import { collapse } from '../load/action-events.js';
import type { ActionEvent, BriefData } from './brief-types.js';
import { ago, code, iso, listWithMore, quote, stamp } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';
import { pendingOrder } from './next-step.js';

const TODO_TEXT = 200;

export function todoValue(t: Todo) {
  return {
    number: t.number,
    content: t.content,
    status: t.status,
    priority: t.priority,
    component: t.component,
    blockedReason: t.blockedReason,
    startedAt: iso(t.startedAt),
    completedAt: iso(t.completedAt),
  };
}

function todoLine(t: Todo, now: number): string {
  const extra: string[] = [];
  if (t.priority) extra.push(`${t.priority} priority`);
  if (t.component) extra.push(t.component);
  if (t.status === 'in_progress' && t.startedAt !== null)
    extra.push(`started ${ago(t.startedAt, now)}`);
  if (t.status === 'completed' && t.completedAt !== null)
    extra.push(`done ${ago(t.completedAt, now)}`);
  const label =
    t.status === 'in_progress' ? 'in progress' : t.status === 'completed' ? 'done' : t.status;
  const blocked =
    t.status === 'blocked'
      ? ` — blocked: ${t.blockedReason ? quote(t.blockedReason, 160) : 'no reason recorded'}`
      : '';
  const tail = extra.length ? ` (${extra.join(', ')})` : '';
  return `- #${t.number} [${label}] ${collapse(t.content, TODO_TEXT)}${blocked}${tail}`;
}

/** Completed todos to show: those done since `since`, else the last few. */
function recentlyDone(todos: Todo[], since: number | null): Todo[] {
  const done = todos
    .filter((t) => t.status === 'completed' && t.completedAt !== null)
    .sort((a, b) => b.completedAt! - a.completedAt! || b.number - a.number);
  const inScope = since === null ? [] : done.filter((t) => t.completedAt! >= since);
  return (inScope.length ? inScope : done.slice(0, 3)).slice(0, 10);
}

export function todosSection(
  data: BriefData,
  since: number | null,
  emergency = false,
): BriefSection {
  const now = data.now;
  const item = (t: Todo, tier: 1 | 2 | 3, unit: string): BriefItem => ({
    md: todoLine(t, now),
    tier,
    unit,
    slot: 'todos[]',
    value: todoValue(t),
  });
  const byNumber = (status: string) => data.todos.filter((t) => t.status === status);
  const items: BriefItem[] = [
    ...byNumber('in_progress').map((t) => item(t, 1, 'todo in progress')),
    ...byNumber('blocked').map((t) => item(t, 1, 'blocked todo')),
    ...pendingOrder(data.todos).map((t, i) => item(t, i < 5 ? 2 : 3, 'pending todo')),
  ];
  if (!emergency) {
    items.push(
      ...recentlyDone(data.todos, since).map((t, i) => item(t, i < 3 ? 2 : 3, 'completed todo')),
    );
  }
  return { id: 'todos', heading: emergency ? 'Open work' : 'Todos', rank: 3, items };
}

function actionLine(a: ActionEvent, now: number): string {
  const what = a.command
    ? code(a.command)
    : a.files.length
      ? a.files.map(code).join(', ')
      : a.text?.trim()
        ? quote(a.text, 160)
        : '';
  const who = a.tool ?? a.kind.replace('_', ' ');
  return `- ${stamp(a.ts, now)} ${who}${what ? ` ${what}` : ''}${a.failed ? ' — failed' : ''}`;
}

const actionValue = (a: ActionEvent) => ({
  seq: a.seq,
  ts: iso(a.ts),
  kind: a.kind,
  tool: a.tool,
  files: a.files,
  command: a.command,
  failed: a.failed,
  text: a.text,
});

/** Files touched by the actions, most recent first, with how often. */
function filesTouched(actions: ActionEvent[]): { path: string; times: number }[] {
  const times = new Map<string, number>();
  for (const a of [...actions].reverse())
    for (const f of a.files) times.set(f, (times.get(f) ?? 0) + 1);
  return [...times].map(([path, n]) => ({ path, times: n }));
}

function commandsRun(actions: ActionEvent[]): { command: string; failed: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const a of [...actions].reverse())
    if (a.command && !seen.has(a.command)) seen.set(a.command, a.failed);
  return [...seen].map(([command, failed]) => ({ command, failed }));
}

function summaryItems(data: BriefData): BriefItem[] {
  const r = data.recent;
  const now = data.now;
  const items: BriefItem[] = [];
  const prompts = [...r.prompts].reverse();
  prompts.forEach((p, i) =>
    items.push({
      md: `- User${i === 0 ? ' (last request)' : ''}, ${stamp(p.ts, now)}: ${quote(p.text, i === 0 ? 400 : 200)}`,
      tier: i === 0 ? 2 : 3,
      unit: 'action line',
      slot: 'actions.prompts[]',
      value: { ts: iso(p.ts), text: p.text },
    }),
  );
  if (r.assistant) {
    items.push({
      md: `- Assistant (last message), ${stamp(r.assistant.ts, now)}: ${quote(r.assistant.text, 400)}`,
      tier: 2,
      unit: 'action line',
      slot: 'actions.assistant',
      value: { ts: iso(r.assistant.ts), text: r.assistant.text },
    });
  }
  [...r.errors].reverse().forEach((e, i) =>
    items.push({
      md: `- Error, ${stamp(e.ts, now)}${e.tool ? ` (${e.tool})` : ''}: ${quote(e.text || e.command || 'no message', 240)}`,
      tier: i === 0 ? 1 : 2,
      unit: 'action line',
      slot: 'actions.errors[]',
      value: actionValue(e),
    }),
  );
  return items;
}

export function actionsSection(data: BriefData): BriefSection {
  const actions = data.recent.actions;
  const items = summaryItems(data);
  const files = filesTouched(actions);
  if (files.length) {
    const shown = files
      .slice(0, 12)
      .map((f) => `${code(f.path)}${f.times > 1 ? ` ×${f.times}` : ''}`);
    items.push({
      md: `- Files touched: ${listWithMore(shown, files.length)}`,
      tier: 2,
      unit: 'action line',
      slot: 'actions.files',
      value: files,
    });
  }
  const commands = commandsRun(actions);
  if (commands.length) {
    const shown = commands
      .slice(0, 8)
      .map((c) => `${code(c.command)}${c.failed ? ' (failed)' : ''}`);
    items.push({
      md: `- Commands run: ${listWithMore(shown, commands.length)}`,
      tier: 2,
      unit: 'action line',
      slot: 'actions.commands',
      value: commands,
    });
  }
  actions.slice(-15).forEach((a, i) =>
    items.push({
      md: actionLine(a, data.now),
      tier: 3,
      unit: 'action line',
      slot: 'actions.recent[]',
      value: actionValue(a),
      // Oldest first on the page, and the oldest go first when space runs out.
      weight: i,
    }),
  );
  return { id: 'actions', heading: 'Last actions', rank: 4, items };
}
