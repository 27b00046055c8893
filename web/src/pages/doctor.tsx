// Diagnostics: `baton doctor`'s checks as the daemon runs them — the store, hooks, the daemon
// itself, retention and backups — each with its status and the fix it suggests.
import { api } from '../api.js';
import { useData } from '../use-data.js';

interface Check {
  id: string;
  title: string;
  status: 'ok' | 'info' | 'warn' | 'fail';
  summary: string;
  details: string[];
  fix: string | null;
}

export function DoctorPage() {
  const { data, error, reload } = useData(
    () => api.get<{ ok: boolean; checks: Check[] }>('/doctor'),
    [],
  );
  return (
    <section aria-labelledby="doctor-title">
      <h1 id="doctor-title">Diagnostics</h1>
      <button type="button" onClick={reload}>
        Run again
      </button>
      {error && <p role="alert">{error.message}</p>}
      {!data && !error && <p aria-busy="true">Checking…</p>}
      <ul class="checks">
        {data?.checks.map((c) => (
          <li key={c.id} class={`check st-${c.status}`}>
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
}
