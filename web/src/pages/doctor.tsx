// Diagnostics: `baton doctor`'s checks as the daemon runs them (one list, the same function the CLI
// calls) — the store, each agent's hooks, the daemon itself, history and retention (each agent's
// own and Baton's), and backups — grouped under headings, each with its status and the fix. The
// check that reads the whole store (integrity) is asked for apart: on a big store it takes
// seconds, so the page shows every other check at once and its row says "checking…" until its
// answer comes.
import { api } from '../api.js';
import { useData } from '../use-data.js';

interface Check {
  id: string;
  title: string;
  status: 'ok' | 'info' | 'warn' | 'fail' | 'running';
  summary: string;
  details: string[];
  fix: string | null;
}

const GROUPS: { name: string; has: (id: string) => boolean }[] = [
  { name: 'Hooks', has: (id) => id.startsWith('hooks:') || id === 'spool' },
  { name: 'Daemon', has: (id) => id.startsWith('daemon') },
  { name: 'History and retention', has: (id) => /^(history|retention)(:|$)/.test(id) },
  { name: 'Backups', has: (id) => /^backup(:|$)/.test(id) },
];
const STORE = 'Store and sessions';

function groupOf(id: string): string {
  return GROUPS.find((g) => g.has(id))?.name ?? STORE;
}

const checking = (id: string): Check => ({
  id,
  title: id,
  status: 'running',
  summary: 'checking…',
  details: [],
  fix: null,
});

/** The other checks with the slow ones' rows (or their placeholders) after the store's own. */
function withSlow(checks: Check[], slow: Check[] | null): Check[] {
  const rows = slow ?? [checking('integrity')];
  return [...checks.slice(0, 1), ...rows, ...checks.slice(1)];
}

export function DoctorPage() {
  const rest = useData(() => api.get<{ ok: boolean; checks: Check[] }>('/doctor?slow=later'), []);
  // Asked for at once, beside the others: the daemon runs it on a worker thread, so it holds
  // back neither them nor any other request.
  const slow = useData(() => api.get<{ ok: boolean; checks: Check[] }>('/doctor/slow'), []);
  const error = rest.error ?? slow.error;
  const data = rest.data && {
    checks: withSlow(rest.data.checks, slow.data?.checks ?? null),
  };
  const reload = () => {
    rest.reload();
    slow.reload();
  };
  const names = [STORE, ...GROUPS.map((g) => g.name)];
  return (
    <section aria-labelledby="doctor-title">
      <h1 id="doctor-title">Diagnostics</h1>
      <button type="button" onClick={reload}>
        Run again
      </button>
      {error && <p role="alert">{error.message}</p>}
      {!data && !error && <p aria-busy="true">Checking…</p>}
      {data &&
        names.map((name) => {
          const checks = data.checks.filter((c) => groupOf(c.id) === name);
          if (checks.length === 0) return null;
          const hid = `doctor-${name.replace(/\W+/g, '-').toLowerCase()}`;
          return (
            <section key={name} aria-labelledby={hid}>
              <h2 id={hid}>{name}</h2>
              <ul class="checks">
                {checks.map((c) => (
                  <li
                    key={c.id}
                    class={`check st-${c.status}`}
                    data-check={c.id}
                    data-status={c.status}
                  >
                    <span class="badge">{c.status}</span> <strong>{c.title}</strong> {c.summary}
                    {c.details.length > 0 && (
                      <ul class="muted small">
                        {c.details.map((d, i) => (
                          <li key={i}>{d}</li>
                        ))}
                      </ul>
                    )}
                    {c.fix && <p class="small">fix: {c.fix}</p>}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </section>
  );
}
