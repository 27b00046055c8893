// The work itself: the todos (in progress, blocked, pending, recently done) and the session's last
// actions (the request, the last answer, errors, files, commands, the latest tool calls).
import type { Todo } from '../../core/index.js';
import { collapse } from '../load/action-events.js';
import type { ActionEvent, BriefData } from './brief-types.js';
import { ago, code, hhmm, iso, listWithMore, quote, stamp } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';
import { pendingOrder } from './next-step.js';

const TODO_TEXT = 200;
const TODO_TOOLS =
  /^(TodoWrite|TodoRead|TaskCreate|TaskUpdate|TaskList|TaskGet|update_plan|write_todos)$/;

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

/** Completed todos to show: those done since `since`, else the last few; or every one. */
function recentlyDone(todos: Todo[], since: number | null, all: boolean): Todo[] {
  const done = todos
    .filter((t) => t.status === 'completed' && t.completedAt !== null)
    .sort((a, b) => b.completedAt! - a.completedAt! || b.number - a.number);
  if (all) return done;
  const inScope = since === null ? [] : done.filter((t) => t.completedAt! >= since);
  return (inScope.length ? inScope : done.slice(0, 3)).slice(0, 10);
}

/** `list`: the open work only (emergency), the open and recent work, or every todo (full). */
export function todosSection(
  data: BriefData,
  since: number | null,
  list: 'open' | 'recent' | 'all' = 'recent',
): BriefSection {
  const emergency = list === 'open';
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
      ...recentlyDone(data.todos, since, list === 'all').map((t, i) =>
        item(t, i < 3 ? 2 : 3, 'completed todo'),
      ),
    );
  }
  if (list === 'all') items.push(...byNumber('cancelled').map((t) => item(t, 3, 'cancelled todo')));
  return { id: 'todos', heading: emergency ? 'Open work' : 'Todos', rank: 3, items };
}

export const actionValue = (a: ActionEvent) => ({
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

/** Repeated calls of one tool on one thing, as one line: the last of them and how many. */
interface ActionRun {
  last: ActionEvent;
  count: number;
  failures: number;
}

/** What a line shows of the call; two calls that would print alike are one run. */
function shown(a: ActionEvent): string {
  if (a.command) return code(a.command);
  if (a.files.length) return a.files.map(code).join(', ');
  return a.text?.trim() ? quote(a.text, 120) : '';
}

const runKey = (a: ActionEvent) => `${a.tool ?? a.kind}|${shown(a)}`;

export function mergeRuns(actions: ActionEvent[]): ActionRun[] {
  const runs = new Map<string, ActionRun>();
  for (const a of actions) {
    const key = runKey(a);
    const run = runs.get(key);
    // Re-inserted so the map stays ordered by each run's latest call.
    runs.delete(key);
    runs.set(key, {
      last: a,
      count: (run?.count ?? 0) + 1,
      failures: (run?.failures ?? 0) + (a.failed ? 1 : 0),
    });
  }
  return [...runs.values()];
}

function runLine(r: ActionRun, now: number): string {
  const a = r.last;
  const what = shown(a);
  const who = a.tool ?? a.kind.replace('_', ' ');
  const times = r.count > 1 ? ` ×${r.count}` : '';
  let verdict = '';
  if (a.failed) verdict = r.count > 1 ? `, last failed ${hhmm(a.ts)}` : ' — failed';
  else if (r.failures > 0 && a.command)
    verdict = `, failed ${r.failures}×, last passed ${hhmm(a.ts)}`;
  else if (r.count > 1) verdict = `, last ${hhmm(a.ts)}`;
  return `- ${stamp(a.ts, now)} ${who}${what ? ` ${what}` : ''}${times}${verdict}`;
}

export function actionsSection(data: BriefData, full = false): BriefSection {
  const actions = data.recent.actions;
  const shownMax = full ? 30 : 12;
  const items: BriefItem[] = [];
  const files = filesTouched(actions);
  if (files.length) {
    const shown = files
      .slice(0, shownMax)
      .map((f) => `${code(f.path)}${f.times > 1 ? ` ×${f.times}` : ''}`);
    items.push({
      md: `- Files touched: ${listWithMore(shown, files.length)}`,
      tier: 2,
      unit: 'action line',
      slot: 'actions.files',
      value: files,
    });
  }
  // Todo tools are told by the todo list; their calls would repeat it.
  const runs = mergeRuns(actions).filter(
    (r) => r.last.kind !== 'tool_result' && !TODO_TOOLS.test(r.last.tool ?? ''),
  );
  runs.slice(-shownMax).forEach((r, i) =>
    items.push({
      md: runLine(r, data.now),
      tier: 3,
      unit: 'action line',
      slot: 'actions.recent[]',
      value: { ...actionValue(r.last), times: r.count, failures: r.failures },
      // Oldest first on the page, and the oldest go first when space runs out.
      weight: i,
    }),
  );
  return { id: 'actions', heading: 'Last actions', rank: 5, items };
}
