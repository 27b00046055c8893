// Search with the filters of `baton search` (project, agent, session, kinds, since, until, and the
// query language itself); each snippet shows its matched words highlighted, and a hit on the
// journal opens its session scrolled to the event.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { time } from '../format.js';
import { href } from '../route.js';
import type { Route } from '../route.js';
import type { Project, SearchHit } from '../types.js';
import { useData } from '../use-data.js';

const KINDS = [
  'user_message',
  'assistant_message',
  'tool_call',
  'tool_result',
  'error',
  'file_change',
  'command',
  'note',
  'compaction',
  'system',
  'todo',
  'decision',
  'fact',
];
const FIELDS = ['q', 'project', 'agent', 'session', 'kind', 'since', 'until'] as const;

export function SearchPage({ route }: { route: Route }) {
  const initial = Object.fromEntries(FIELDS.map((f) => [f, route.params.get(f) ?? ''])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const [form, setForm] = useState(initial);
  const projects = useData(() => api.get<{ projects: Project[] }>('/projects'), []);
  const key = FIELDS.map((f) => route.params.get(f) ?? '').join('\u0000');
  const hits = useData(
    () =>
      initial.q || initial.kind
        ? api.get<{ hits: SearchHit[]; notice?: string }>('/hits', { ...initial, limit: 50 })
        : Promise.resolve({ hits: [] as SearchHit[], notice: undefined }),
    [key],
  );
  const set = (f: string) => (e: Event) =>
    setForm({ ...form, [f]: (e.target as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    const query = Object.fromEntries(Object.entries(form).filter(([, v]) => v));
    location.hash = href('search', { query });
  };
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <form class="search-form" role="search" onSubmit={submit}>
        <label class="wide">
          Query{' '}
          <input
            type="search"
            name="q"
            value={form.q}
            onInput={set('q')}
            placeholder={'words, "a phrase", prefix*, -not, kind:error, file:src/app.ts'}
          />
        </label>
        <label>
          Project
          <select value={form.project} onChange={set('project')}>
            <option value="">all</option>
            {projects.data?.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Agent <input value={form.agent} onInput={set('agent')} placeholder="claude-code" />
        </label>
        <label>
          Session <input value={form.session} onInput={set('session')} placeholder="handle or id" />
        </label>
        <label>
          Kind
          <select value={form.kind} onChange={set('kind')}>
            <option value="">any</option>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Since <input value={form.since} onInput={set('since')} placeholder="7d or 2026-01-31" />
        </label>
        <label>
          Until <input value={form.until} onInput={set('until')} />
        </label>
        <button type="submit">Search</button>
      </form>
      {hits.error && <p role="alert">{hits.error.message}</p>}
      {hits.data && (initial.q || initial.kind) && (
        <p role="status">
          {hits.data.hits.length} hits{hits.data.notice && ` (${hits.data.notice})`}
        </p>
      )}
      <ol class="hits">
        {hits.data?.hits.map((h, i) => (
          <Hit key={i} hit={h} />
        ))}
      </ol>
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const part = hit.event ?? hit.record;
  if (!part) return null;
  const label = hit.event
    ? `${hit.event.kind}${hit.event.tool ? ` · ${hit.event.tool}` : ''}`
    : `${hit.record!.kind} #${hit.record!.number ?? ''}`;
  const body = <Highlighted text={part.snippet} ranges={part.highlights} />;
  return (
    <li class="hit">
      <p class="muted small">
        {label} · {hit.session ? `${hit.session.agent} ${hit.session.handle}` : 'record'} ·{' '}
        {time(part.ts)}
      </p>
      {hit.event && hit.session ? (
        <a
          href={href('session', { session: hit.session.id, query: { seq: String(hit.event.seq) } })}
          class="hit-link"
        >
          {body}
        </a>
      ) : (
        <p>{body}</p>
      )}
    </li>
  );
}

function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const out: (string | preact.JSX.Element)[] = [];
  let at = 0;
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (from < at) continue;
    out.push(text.slice(at, from));
    out.push(<mark key={from}>{text.slice(from, to)}</mark>);
    at = to;
  }
  out.push(text.slice(at));
  return <span>{out}</span>;
}
