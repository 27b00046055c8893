// Full mode reconstructs the work across the project's recent sessions: a short timeline of them
// and their checkpoints, and the last actions, prompts and errors merged across all of them (the
// last session may have been a short one after a /clear, with the real work in the one before).
import type { Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { ActionEvent, RecentActivity, TimelineEntry } from '../brief/brief-types.js';
import { endStateOf } from './brief-source.js';
import { loadRecentActivity } from './recent-activity.js';

const SESSIONS = 6;
const CHECKPOINTS = 12;
/** Full mode lists the requests of the sessions, not only the last. */
const FULL_PROMPTS = 20;
const FULL_ACTIONS = 100;

/** The project's recent sessions, oldest first, always including `anchor`. */
export function recentSessions(store: Store, projectId: string, anchor: Session, exclude?: string) {
  const list = store.sessions
    .list({ projectId, limit: SESSIONS + 2 })
    .filter(
      (s) =>
        s.id !== exclude &&
        s.parentKind !== 'subagent' &&
        s.lastActivityAt <= anchor.lastActivityAt,
    )
    .slice(0, SESSIONS);
  if (!list.some((s) => s.id === anchor.id)) list.unshift(anchor);
  return list.slice(0, SESSIONS).reverse();
}

const bySeq = (a: ActionEvent, b: ActionEvent) => a.seq - b.seq;

function mergeActivity(parts: RecentActivity[]): RecentActivity {
  const all = (pick: (r: RecentActivity) => ActionEvent[]) => parts.flatMap(pick).sort(bySeq);
  const assistants = parts.map((r) => r.assistant).filter((a): a is ActionEvent => a !== null);
  return {
    actions: all((r) => r.actions).slice(-FULL_ACTIONS),
    errors: all((r) => r.errors).slice(-5),
    prompts: all((r) => r.prompts).slice(-FULL_PROMPTS),
    assistant: assistants.sort(bySeq).at(-1) ?? null,
    summary:
      parts
        .map((r) => r.summary ?? null)
        .filter((a): a is ActionEvent => a !== null)
        .sort(bySeq)
        .at(-1) ?? null,
    eventCount: parts.reduce((n, r) => n + r.eventCount, 0),
  };
}

export interface FullHistory {
  timeline: TimelineEntry[];
  recent: RecentActivity;
}

export function loadFullHistory(
  store: Store,
  projectId: string,
  anchor: Session,
  root: string | null,
  exclude?: string,
): FullHistory {
  const sessions = recentSessions(store, projectId, anchor, exclude);
  const activity = sessions.map((s) =>
    loadRecentActivity(store, s.id, root, Number.MAX_SAFE_INTEGER, {
      prompts: FULL_PROMPTS,
      actions: FULL_ACTIONS,
    }),
  );
  const entries: TimelineEntry[] = sessions.map((s, i) => ({
    kind: 'session',
    ts: s.startedAt,
    handle: s.handle,
    agent: s.agent,
    title: s.title,
    endState: endStateOf(store, s, activity[i]!),
    endedAt: s.endedAt,
    lastActivityAt: s.lastActivityAt,
    events: s.eventCount,
    errors: store.activity.sessionErrorCount(s.id),
    asked: activity[i]!.prompts.at(-1)?.text ?? null,
    achieved: activity[i]!.assistant?.text ?? null,
  }));
  const ids = new Set(sessions.map((s) => s.id));
  const checkpoints = store.checkpoints
    .list({ projectId, limit: CHECKPOINTS * 4 })
    .filter((c) => ids.has(c.sessionId))
    .slice(0, CHECKPOINTS);
  for (const c of checkpoints) {
    entries.push({
      kind: 'checkpoint',
      ts: c.createdAt,
      handle: c.handle,
      trigger: c.trigger,
      label: c.label,
    });
  }
  entries.sort((a, b) => a.ts - b.ts || (a.kind === b.kind ? 0 : a.kind === 'session' ? -1 : 1));
  return { timeline: entries, recent: mergeActivity(activity) };
}
