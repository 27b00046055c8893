// `baton resume --todo N`: the brief narrowed to one task — its history (created, started, the
// sessions and events that touched it, its last checkpoint), the files involved, what blocks it
// and what remains after it.
import type { TodoFocus } from './brief-types.js';
import { code, collapseTitle, iso, listWithMore, quote, stamp } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';
import { todoValue } from './sections-work.js';

function statusLine(f: TodoFocus, now: number): string {
  const t = f.todo;
  const parts = [`created ${stamp(t.createdAt, now)}`];
  if (t.startedAt !== null) parts.push(`started ${stamp(t.startedAt, now)}`);
  if (t.completedAt !== null) parts.push(`completed ${stamp(t.completedAt, now)}`);
  const status = t.status === 'in_progress' ? 'in progress' : t.status;
  return `- Status: ${status} (${parts.join(', ')})`;
}

function historyItems(f: TodoFocus, now: number): BriefItem[] {
  const items: BriefItem[] = [];
  if (f.checkpoint) {
    const then = f.checkpoint.status
      ? `, where it was ${f.checkpoint.status.replace('_', ' ')}`
      : '';
    items.push({
      md: `- Last checkpoint with it: ${f.checkpoint.handle} (${stamp(f.checkpoint.createdAt, now)}${then})`,
      tier: 1,
      unit: 'task line',
      slot: 'focus.checkpoint',
      value: { ...f.checkpoint, createdAt: iso(f.checkpoint.createdAt) },
    });
  }
  if (f.sessions.length) {
    const names = f.sessions.map(
      (s) => `${s.handle} (${s.agent}, ${stamp(s.startedAt, now)}–${stamp(s.lastActivityAt, now)})`,
    );
    items.push({
      md: `- Sessions that worked on it: ${names.join(', ')}`,
      tier: 2,
      unit: 'task line',
      slot: 'focus.sessions',
      value: f.sessions.map((s) => ({
        ...s,
        startedAt: iso(s.startedAt),
        lastActivityAt: iso(s.lastActivityAt),
      })),
    });
  }
  if (f.files.length) {
    items.push({
      md: `- Files involved: ${listWithMore(f.files.slice(0, 12).map(code), f.files.length)}`,
      tier: 2,
      unit: 'task line',
      slot: 'focus.files',
      value: f.files,
    });
  }
  f.events.forEach((e, i) =>
    items.push({
      md: `- ${stamp(e.ts, now)} ${e.tool ?? e.kind.replace('_', ' ')}: ${quote(e.command ?? e.text, 160)}`,
      tier: 3,
      unit: 'event about the task',
      slot: 'focus.events[]',
      value: { seq: e.seq, ts: iso(e.ts), kind: e.kind, tool: e.tool, text: e.text },
      weight: i,
    }),
  );
  return items;
}

function remainingLine(f: TodoFocus): string {
  const next = f.remaining.slice(0, 3).map((t) => `#${t.number} ${quote(t.content, 80)}`);
  const self =
    f.todo.status === 'completed' || f.todo.status === 'cancelled'
      ? `this task is ${f.todo.status}`
      : 'this task';
  const after = next.length
    ? `; then ${listWithMore(next, f.remaining.length)}`
    : '; no other open todos';
  return `- What remains: ${self}${after}`;
}

export function focusSection(f: TodoFocus, now: number): BriefSection {
  const t = f.todo;
  const items: BriefItem[] = [
    { md: statusLine(f, now), tier: 1, unit: 'task line', slot: 'focus.todo', value: todoValue(t) },
  ];
  if (t.status === 'blocked') {
    items.push({
      md: `- Blocked by: ${t.blockedReason ? quote(t.blockedReason, 200) : 'no reason recorded'}`,
      tier: 1,
      unit: 'task line',
      slot: 'focus.blockedBy',
      value: t.blockedReason,
    });
  }
  items.push(...historyItems(f, now));
  items.push({
    md: remainingLine(f),
    tier: 1,
    unit: 'task line',
    slot: 'focus.remaining',
    value: f.remaining.map((r) => ({ number: r.number, content: r.content, status: r.status })),
  });
  return { id: 'focus', heading: `Task #${t.number}: ${collapseTitle(t.content)}`, rank: 2, items };
}
