// The top of a brief: the title, the crash notice (said first, as the issue asks), who the
// session was and how it ended, and the task in progress with the progress made.
import type { Session, Todo } from '../../core/index.js';
import type { BriefData, BriefMode, EndState } from './brief-types.js';
import { code, iso, plural, quote, stamp, when, ago } from './brief-text.js';
import type { BriefItem, BriefSection } from './fit-budget.js';
import { currentTodo } from './next-step.js';

const MODE_TITLE: Record<BriefMode, string> = {
  quick: 'recovery brief',
  full: 'full recovery brief',
  emergency: 'EMERGENCY brief',
};

function endText(state: EndState, reason: string | null): string {
  switch (state) {
    case 'active':
      return 'still active';
    case 'crashed':
      return `crashed${reason ? ` (${reason.replace(/^crashed:\s*/, '')})` : ''}`;
    case 'compacted':
      return 'compacted (its context was summarised and the work went on)';
    case 'cleared':
      return 'cleared with /clear';
    default:
      return `ended${reason ? ` (${reason})` : ''}`;
  }
}

export function titleSection(data: BriefData, mode: BriefMode): BriefSection {
  const project = data.project?.name ?? 'this folder';
  const item: BriefItem = {
    md: `# Baton ${MODE_TITLE[mode]}: ${project}`,
    tier: 0,
    unit: 'title',
    slot: 'title',
    value: `Baton ${MODE_TITLE[mode]}: ${project}`,
  };
  const items = [item];
  const s = data.session;
  if (s && data.endState === 'crashed') {
    items.push({
      md: `**The last session crashed** (${s.endReason?.replace(/^crashed:\s*/, '') ?? 'cause unknown'}): ${s.handle} stopped without an end record. Verify its last actions before building on them.`,
      tier: 1,
      unit: 'crash notice',
      slot: 'crash',
      value: { session: s.handle, reason: s.endReason },
    });
  }
  return { id: 'title', heading: null, rank: 0, items };
}

function sessionItems(s: Session, data: BriefData): BriefItem[] {
  const state = data.endState ?? 'ended';
  const items: BriefItem[] = [
    {
      md: `- Session: ${s.handle} · ${s.agent} · ${endText(state, s.endReason)}`,
      tier: 1,
      unit: 'identity line',
      slot: 'session',
      value: {
        handle: s.handle,
        agent: s.agent,
        status: s.status,
        endState: state,
        endReason: s.endReason,
      },
    },
    {
      md: `- When: started ${when(s.startedAt, data.now)}, last activity ${when(s.lastActivityAt, data.now)}; ${plural(s.eventCount, 'event')}`,
      tier: 1,
      unit: 'identity line',
      slot: 'session.activity',
      value: {
        startedAt: iso(s.startedAt),
        lastActivityAt: iso(s.lastActivityAt),
        endedAt: iso(s.endedAt),
        events: s.eventCount,
      },
    },
  ];
  if (s.title) {
    items.push({
      md: `- Title: ${quote(s.title, 160)}`,
      tier: 2,
      unit: 'identity line',
      slot: 'session.title',
      value: s.title,
    });
  }
  if (s.agentSessionId) {
    items.push({
      md: `- Agent's own session id: ${code(s.agentSessionId)}`,
      tier: 3,
      unit: 'identity line',
      slot: 'session.agentSessionId',
      value: s.agentSessionId,
    });
  }
  return items;
}

export function identitySection(data: BriefData): BriefSection {
  const s = data.session;
  const items: BriefItem[] = s
    ? sessionItems(s, data)
    : [
        {
          md: '- No session has been recorded in this project yet.',
          tier: 1,
          unit: 'identity line',
          slot: 'session',
          value: null,
        },
      ];
  if (data.project) {
    const branch = s?.gitBranch ? ` · branch ${code(s.gitBranch)}` : '';
    items.splice(1, 0, {
      md: `- Project: ${data.project.name} at ${code(data.project.root)}${branch}`,
      tier: 1,
      unit: 'identity line',
      slot: 'project',
      value: { name: data.project.name, root: data.project.root, branch: s?.gitBranch ?? null },
    });
  }
  const c = data.checkpoint;
  if (c) {
    const label = c.label ? ` "${c.label}"` : '';
    const restored = c.restoredAt === null ? '' : `, restored ${ago(c.restoredAt, data.now)}`;
    items.push({
      md: `- Resuming from checkpoint ${c.handle}${label} (${c.trigger}, ${when(c.createdAt, data.now)}${restored})`,
      tier: 1,
      unit: 'identity line',
      slot: 'checkpoint',
      value: {
        handle: c.handle,
        trigger: c.trigger,
        label: c.label,
        createdAt: iso(c.createdAt),
        restoredAt: iso(c.restoredAt),
      },
    });
  }
  return { id: 'identity', heading: null, rank: 1, items };
}

/** Todos completed since `since`, plus every open one: the plan the session worked through. */
export function progressOf(todos: Todo[], since: number | null) {
  const count = (status: string) => todos.filter((t) => t.status === status).length;
  const done = todos.filter(
    (t) => t.status === 'completed' && (since === null || (t.completedAt ?? 0) >= since),
  ).length;
  const inProgress = count('in_progress');
  const blocked = count('blocked');
  const pending = count('pending');
  return { done, open: inProgress + blocked + pending, inProgress, blocked, pending };
}

function taskLine(data: BriefData): { md: string; value: unknown } {
  const t = currentTodo(data.todos);
  if (t) {
    const since =
      t.startedAt === null
        ? ''
        : ` — in progress since ${stamp(t.startedAt, data.now)} (${ago(t.startedAt, data.now)})`;
    return {
      md: `#${t.number} ${t.content}${since}.`,
      value: { todo: t.number, content: t.content, startedAt: iso(t.startedAt) },
    };
  }
  const title = data.session?.title;
  const prompt = data.recent.prompts[data.recent.prompts.length - 1];
  if (title)
    return {
      md: `No todo is in progress. The session was about ${quote(title, 200)}.`,
      value: { todo: null, content: title },
    };
  if (prompt)
    return {
      md: `No todo is in progress. The last request was ${quote(prompt.text, 300)}.`,
      value: { todo: null, content: prompt.text },
    };
  return { md: 'No task is recorded.', value: null };
}

export function taskSection(
  data: BriefData,
  since: number | null,
  scopeLabel: string,
): BriefSection {
  const task = taskLine(data);
  const p = progressOf(data.todos, since);
  const scope = since === null ? '' : ` ${scopeLabel}`;
  const items: BriefItem[] = [
    { md: task.md, tier: 1, unit: 'task line', slot: 'task', value: task.value },
  ];
  if (p.done + p.open > 0) {
    items.push({
      md: `Progress: ${p.done} of ${p.done + p.open} todos done${scope} — ${p.inProgress} in progress, ${p.blocked} blocked, ${p.pending} pending.`,
      tier: 1,
      unit: 'task line',
      slot: 'progress',
      value: p,
    });
  }
  return { id: 'task', heading: 'Task in progress', rank: 2, items };
}
