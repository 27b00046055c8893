// The brief a starting session gets until the recovery module's lands: the project's last session
// (who, when, how it ended), its open todos, the last prompts and the last actions, cut to the
// budget with the least important sections dropped first. Deterministic: same data, same text.
import type { BatonEvent, Project, Session, Todo } from '../core/index.js';
import type { BriefOptions, BriefProvider } from '../capture/index.js';
import type { Store } from '../store/index.js';
import { formatTime, oneLine } from './output.js';

const PROMPTS = 3;
const ACTIONS = 8;
const OPEN_STATUSES = ['in_progress', 'pending', 'blocked'] as const;

export const simpleBrief: BriefProvider = (store, project, opts) =>
  buildSimpleBrief(store, project, opts);

export function buildSimpleBrief(store: Store, project: Project, opts: BriefOptions): string {
  const session = lastSession(store, project, opts.sessionId);
  const todos = store.todos.list({ projectId: project.id, statuses: [...OPEN_STATUSES] });
  if (!session && todos.length === 0) return '';
  const sections: string[][] = [
    [
      `# Baton brief — ${project.name}`,
      'What Baton recorded about this project before this session started.',
    ],
  ];
  if (session) sections.push(describeSession(session));
  if (todos.length) sections.push(['## Open todos', ...todos.sort(byProgress).map(todoLine)]);
  if (session) {
    const prompts = store.events
      .list({ sessionId: session.id, kinds: ['user_message'], order: 'desc', limit: PROMPTS })
      .reverse();
    if (prompts.length)
      sections.push([
        '## Last prompts',
        ...prompts.map((e) => `- ${formatTime(e.ts)} "${oneLine(e.text, 300)}"`),
      ]);
    const actions = store.events
      .list({ sessionId: session.id, kinds: ['tool_call', 'error'], order: 'desc', limit: ACTIONS })
      .reverse();
    if (actions.length) sections.push(['## Last actions', ...actions.map(actionLine)]);
    sections.push([
      '## More',
      `- \`baton session show ${session.handle}\` for the whole session; \`baton todo list\` for the plan.`,
    ]);
  }
  return fit(sections, opts.budget);
}

/** The project's most recent main session, leaving out the one starting now unless it has history (a resume). */
function lastSession(store: Store, project: Project, current: string | undefined): Session | null {
  for (const s of store.sessions.list({ projectId: project.id, limit: 20 })) {
    if (s.parentKind === 'subagent') continue;
    if (s.id === current && !hasWork(store, s.id)) continue;
    return s;
  }
  return null;
}

function hasWork(store: Store, sessionId: string): boolean {
  return (
    store.events.list({
      sessionId,
      kinds: ['user_message', 'tool_call', 'assistant_message'],
      limit: 1,
    }).length > 0
  );
}

function describeSession(s: Session): string[] {
  const how =
    s.status === 'active'
      ? 'still active'
      : s.status === 'crashed'
        ? 'crashed'
        : `ended${s.endReason ? ` (${s.endReason})` : ''}`;
  const lines = [
    '## Last session',
    `- ${s.handle} · ${s.agent} · started ${formatTime(s.startedAt)} · last activity ${formatTime(s.lastActivityAt)} · ${how}`,
  ];
  if (s.title) lines.push(`- Task: ${oneLine(s.title, 200)}`);
  if (s.gitBranch) lines.push(`- Branch: ${s.gitBranch}`);
  return lines;
}

const PROGRESS_ORDER: Record<string, number> = { in_progress: 0, pending: 1, blocked: 2 };
const byProgress = (a: Todo, b: Todo) =>
  (PROGRESS_ORDER[a.status] ?? 3) - (PROGRESS_ORDER[b.status] ?? 3) || a.number - b.number;

function todoLine(t: Todo): string {
  const status = t.status.replace('_', ' ');
  return `- [${status}] #${t.number} ${oneLine(t.content, 200)}`;
}

function actionLine(e: BatonEvent): string {
  const mark = e.kind === 'error' ? 'FAILED ' : '';
  return `- ${formatTime(e.ts)} ${mark}${oneLine(e.text ?? e.tool ?? e.kind, 200)}`;
}

/** Joins sections in priority order, dropping whole sections (then cutting) to stay within budget. */
function fit(sections: string[][], budget: number): string {
  const out: string[] = [];
  let used = 0;
  for (const section of sections) {
    const text = section.join('\n');
    const cost = text.length + (out.length ? 2 : 0);
    if (used + cost <= budget) {
      out.push(text);
      used += cost;
      continue;
    }
    const room = budget - used - 3;
    if (room > 40) out.push(`${text.slice(0, room - 1)}…`);
    break;
  }
  return out.join('\n\n');
}
