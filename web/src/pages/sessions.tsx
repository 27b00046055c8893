// A project's sessions as a timeline: newest first, each with its agent, handle, title, duration,
// status and event count, its checkpoints as marks along its bar, and its subagents nested under it.
import { api } from '../api.js';
import { duration, time } from '../format.js';
import { href } from '../route.js';
import type { Checkpoint, Session } from '../types.js';
import { useData } from '../use-data.js';
import { ActivityCharts } from './projects.js';

export function SessionsPage({ project }: { project: string }) {
  const { data, error } = useData(
    () =>
      Promise.all([
        api.get<{ sessions: Session[] }>('/sessions', { project, limit: 1000 }),
        api.get<{ checkpoints: Checkpoint[] }>('/checkpoints', { project, limit: 1000 }),
      ]),
    [project],
  );
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  const [{ sessions }, { checkpoints }] = data;
  const ids = new Set(sessions.map((s) => s.id));
  const children = new Map<string, Session[]>();
  for (const s of sessions) {
    if (s.parentId && s.parentKind === 'subagent' && ids.has(s.parentId)) {
      children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
    }
  }
  const top = sessions.filter(
    (s) => !(s.parentId && s.parentKind === 'subagent' && ids.has(s.parentId)),
  );
  const marks = new Map<string, Checkpoint[]>();
  for (const c of checkpoints) marks.set(c.sessionId, [...(marks.get(c.sessionId) ?? []), c]);
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">Sessions</h1>
      {top.length === 0 && <p>No session recorded in this project yet.</p>}
      <ol class="timeline">
        {top.map((s) => (
          <SessionItem key={s.id} session={s} kids={children.get(s.id) ?? []} marks={marks} />
        ))}
      </ol>
      <h2>Activity</h2>
      <ActivityCharts project={project} />
    </section>
  );
}

function SessionItem({
  session: s,
  kids,
  marks,
}: {
  session: Session;
  kids: Session[];
  marks: Map<string, Checkpoint[]>;
}) {
  const start = Date.parse(s.startedAt);
  const end = Date.parse(s.endedAt ?? s.lastActivityAt);
  const span = Math.max(1, end - start);
  const cps = marks.get(s.id) ?? [];
  return (
    <li class="tl-item">
      <div class="tl-row">
        <a class="tl-title" href={href('session', { session: s.id })}>
          {s.title ?? '(untitled)'}
        </a>
        <span class={`status st-${s.status}`}>{s.status}</span>
        <span class="tl-meta">
          {s.agent} · <span class="mono">{s.handle}</span> · {time(s.startedAt)} ·{' '}
          {duration(s.startedAt, s.endedAt ?? s.lastActivityAt)} · {s.eventCount.toLocaleString()}{' '}
          events{cps.length ? ` · ${cps.length} checkpoint${cps.length > 1 ? 's' : ''}` : ''}
        </span>
      </div>
      <div class="tl-bar" aria-hidden="true">
        {cps.map((c) => (
          <span
            key={c.id}
            class="tl-mark"
            title={`${c.label ?? c.trigger} · ${time(c.createdAt)}`}
            style={{
              left: `${Math.min(100, Math.max(0, ((Date.parse(c.createdAt) - start) / span) * 100))}%`,
            }}
          />
        ))}
      </div>
      {kids.length > 0 && (
        <ol class="timeline nested" aria-label={`subagents of ${s.handle}`}>
          {kids.map((k) => (
            <SessionItem key={k.id} session={k} kids={[]} marks={marks} />
          ))}
        </ol>
      )}
    </li>
  );
}
