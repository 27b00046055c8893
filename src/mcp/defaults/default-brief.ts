// A stand-in for src/recover's brief until it is wired in: built by code from the store (the last
// session or a named one, or a checkpoint's snapshot), sections in priority order, cut to the
// budget from the end so the least important goes first, never longer than the budget.
import { BatonError } from '../../core/index.js';
import type { Checkpoint, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { Brief, BriefOptions } from '../deps.js';
import { minute, oneLine } from '../present.js';
import { readSnapshot, resumePointKey, takeSnapshot } from './default-checkpoints.js';
import type { DefaultSnapshot } from './default-checkpoints.js';

export const DEFAULT_BUDGET = 8000;
const EMERGENCY_BUDGET = 1500;
const MARK: Record<string, string> = {
  in_progress: '[~]',
  blocked: '[!]',
  pending: '[ ]',
  completed: '[x]',
};

interface Source {
  session: Session | null;
  checkpoint: Checkpoint | null;
  state: DefaultSnapshot;
}

function checkpointSource(store: Store, o: BriefOptions, ref: string): Source {
  const checkpoint = store.checkpoints.get(ref);
  const state = checkpoint && readSnapshot(store, checkpoint);
  if (!checkpoint || !state) {
    throw new BatonError('NOT_FOUND', `no checkpoint "${ref}" to build the brief from`, {
      hint: 'see checkpoint_list',
    });
  }
  return { session: store.sessions.get(checkpoint.sessionId), checkpoint, state };
}

function pickSource(store: Store, o: BriefOptions): Source {
  if (o.checkpointRef !== undefined) return checkpointSource(store, o, o.checkpointRef);
  const live = () => takeSnapshot(store, o.projectId, o.now);
  if (o.sessionRef !== undefined) {
    const session = store.sessions.get(o.sessionRef);
    if (!session)
      throw new BatonError('NOT_FOUND', `no session "${o.sessionRef}"`, {
        hint: 'see list_sessions',
      });
    return { session, checkpoint: null, state: live() };
  }
  // A restored checkpoint is where the next session resumes (its session, its journal position);
  // the records are today's — equal to the snapshot's when the restore rolled them back.
  const point = store.getSetting(resumePointKey(o.projectId));
  const restored = typeof point === 'string' ? store.checkpoints.get(point) : null;
  if (restored) {
    return { session: store.sessions.get(restored.sessionId), checkpoint: restored, state: live() };
  }
  const [session] = store.sessions.list({ projectId: o.projectId, limit: 1 });
  return { session: session ?? null, checkpoint: null, state: live() };
}

function identity(src: Source): string[] {
  const s = src.session;
  if (!s) return ['No session recorded in this project yet.'];
  const ended =
    s.status === 'active' ? 'still active' : `${s.status}${s.endReason ? ` (${s.endReason})` : ''}`;
  return [
    `Last session: ${s.handle} (${s.agent}) · ${ended} · started ${minute(s.startedAt)} · last activity ${minute(s.lastActivityAt)}${s.gitBranch ? ` · branch ${s.gitBranch}` : ''}`,
    s.title ? `Task: ${oneLine(s.title, 200)}` : '',
    src.checkpoint
      ? `From checkpoint ${src.checkpoint.handle}${src.checkpoint.label ? ` "${src.checkpoint.label}"` : ''} (${minute(src.checkpoint.createdAt)})`
      : '',
  ];
}

function todoLines(state: DefaultSnapshot, emergency: boolean): string[] {
  const open = state.todos.filter((t) => ['in_progress', 'blocked', 'pending'].includes(t.status));
  const order = ['in_progress', 'blocked', 'pending'];
  open.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.number - b.number);
  const done = state.todos.filter((t) => t.status === 'completed');
  const recent = emergency
    ? []
    : done.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? '')).slice(0, 3);
  const total = state.todos.filter((t) => t.status !== 'cancelled').length;
  if (total === 0) return [];
  return [
    `## Todos (${done.length} of ${total} done)`,
    ...[...open, ...recent].map(
      (t) =>
        `- ${MARK[t.status] ?? ''} #${t.number} ${oneLine(t.content, 160)}${t.blockedReason ? ` — blocked: ${oneLine(t.blockedReason, 80)}` : ''}`,
    ),
  ];
}

function recordLines(state: DefaultSnapshot, emergency: boolean): string[] {
  const decisions = state.decisions
    .filter((d) => d.status === 'active')
    .sort((a, b) => b.number - a.number);
  const facts = state.facts.filter(
    (f) => !f.expired && (!emergency || f.priority === 'critical' || f.priority === 'high'),
  );
  return [
    ...(facts.length
      ? ['## Context', ...facts.map((f) => `- ${f.key} = ${oneLine(JSON.stringify(f.value), 120)}`)]
      : []),
    ...(decisions.length && !emergency
      ? [
          '## Decisions in force',
          ...decisions.map(
            (d) =>
              `- #${d.number} ${oneLine(d.decision, 160)}${d.reasoning ? ` — because ${oneLine(d.reasoning, 120)}` : ''}`,
          ),
        ]
      : []),
    ...(state.components.length && !emergency
      ? [
          '## Components',
          ...state.components.map(
            (c) => `- ${c.name}: ${c.status}${c.health === null ? '' : ` ${c.health}%`}`,
          ),
        ]
      : []),
  ];
}

function activityLines(store: Store, src: Source, o: BriefOptions): string[] {
  if (o.mode === 'emergency' || !src.session) return [];
  const events = store.events
    .list({
      sessionId: src.session.id,
      order: 'desc',
      limit: 8,
      ...(src.checkpoint && { beforeSeq: src.checkpoint.journalSeq + 1 }),
    })
    .reverse();
  const recent = o.mode === 'full' ? store.sessions.list({ projectId: o.projectId, limit: 5 }) : [];
  return [
    ...(events.length
      ? [
          '## Last actions',
          ...events.map(
            (e) =>
              `- ${minute(e.ts)} ${e.tool ? `${e.kind} ${e.tool}` : e.kind}: ${oneLine(e.text, 140)}`,
          ),
        ]
      : []),
    ...(recent.length > 1
      ? [
          '## Recent sessions',
          ...recent.map(
            (s) =>
              `- ${s.handle} ${s.agent} ${s.status}${s.title ? ` "${oneLine(s.title, 60)}"` : ''} · ${minute(s.lastActivityAt)}`,
          ),
        ]
      : []),
  ];
}

function nextStep(state: DefaultSnapshot): string[] {
  // The todo touched last is the one being worked on; the lowest-numbered pending one comes next.
  const doing = state.todos
    .filter((t) => t.status === 'in_progress')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number)[0];
  const next = state.todos
    .filter((t) => t.status === 'pending')
    .sort((a, b) => a.number - b.number)[0];
  const step = doing
    ? `Continue #${doing.number}: ${oneLine(doing.content, 160)}`
    : next
      ? `Start #${next.number}: ${oneLine(next.content, 160)}`
      : 'No open todos: ask the user what comes next.';
  return ['## Next step', step];
}

/** Keeps whole lines in order until the next would pass the budget, then says what it left out. */
export function fitToBudget(all: string[], budget: number): { text: string; truncated: boolean } {
  const full = all.join('\n');
  if (full.length <= budget) return { text: full, truncated: false };
  const note = (n: number) => `(… ${n} more lines left out for the budget)`;
  const kept: string[] = [];
  let used = 0;
  for (const line of all) {
    if (used + line.length + 1 + note(all.length).length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  const text = [...kept, note(all.length - kept.length)].join('\n');
  return { text: text.slice(0, budget), truncated: true };
}

export function defaultResumeBrief(store: Store, o: BriefOptions): Brief {
  const src = pickSource(store, o);
  const emergency = o.mode === 'emergency';
  const budget = Math.min(o.budget ?? DEFAULT_BUDGET, emergency ? EMERGENCY_BUDGET : Infinity);
  const project = store.projects.get(o.projectId);
  const all = [
    `# Baton brief — ${project?.name ?? o.projectId}${emergency ? ' (emergency)' : ''}`,
    ...identity(src),
    ...todoLines(src.state, emergency),
    ...recordLines(src.state, emergency),
    ...activityLines(store, src, o),
    ...nextStep(src.state),
    'More: MCP tools resume_brief {mode: "full"}, todo_list, decision_list, search, get_session; or `baton` on the command line.',
  ].filter((l) => l !== '');
  const { text, truncated } = fitToBudget(all, budget);
  const body = o.format === 'json' ? JSON.stringify({ text }) : text;
  return {
    text: body,
    mode: o.mode,
    sessionHandle: src.session?.handle ?? null,
    checkpointHandle: src.checkpoint?.handle ?? null,
    truncated,
  };
}
