// Context facts (with their expiry) and component health, editable through the same operations
// as `baton context set` and `baton component set`.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { time } from '../format.js';
import type { Component, Fact } from '../types.js';
import { useData } from '../use-data.js';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function FactsPage({ project }: { project: string }) {
  const { data, error, reload } = useData(
    () => api.get<{ facts: Fact[] }>('/facts', { project }),
    [project],
  );
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [expires, setExpires] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { value, ...(expires.trim() && { expiresIn: expires.trim() }) };
    api.put(`/facts/${encodeURIComponent(key.trim())}`, body, { project }).then(
      () => (setKey(''), setValue(''), setExpires(''), setProblem(null), reload()),
      (err: Error) => setProblem(err.message),
    );
  };
  return (
    <section aria-labelledby="facts-title">
      <h1 id="facts-title">Context facts</h1>
      <form class="inline-form" onSubmit={submit} aria-label="set a fact">
        <label>
          Key{' '}
          <input
            required
            value={key}
            onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Value{' '}
          <input
            required
            value={value}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Expires in{' '}
          <input
            placeholder="e.g. 7d"
            value={expires}
            onInput={(e) => setExpires((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">Set</button>
      </form>
      {(problem ?? error) && <p role="alert">{problem ?? error?.message}</p>}
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Priority</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {data?.facts.map((f) => (
            <tr key={f.key} class={f.expired ? 'expired' : ''}>
              <th scope="row" class="mono">
                {f.key}
              </th>
              <td>{show(f.value)}</td>
              <td>{f.priority}</td>
              <td>
                {f.expiresAt ? `${f.expired ? 'expired ' : ''}${time(f.expiresAt)}` : 'never'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ComponentsPage({ project }: { project: string }) {
  const { data, error, reload } = useData(
    () => api.get<{ components: Component[] }>('/components', { project }),
    [project],
  );
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [health, setHealth] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { ...(status && { status }), ...(health !== '' && { health: Number(health) }) };
    api.put(`/components/${encodeURIComponent(name.trim())}`, body, { project }).then(
      () => (setName(''), setStatus(''), setHealth(''), setProblem(null), reload()),
      (err: Error) => setProblem(err.message),
    );
  };
  return (
    <section aria-labelledby="components-title">
      <h1 id="components-title">Components</h1>
      <form class="inline-form" onSubmit={submit} aria-label="set a component">
        <label>
          Name{' '}
          <input
            required
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Status{' '}
          <input value={status} onInput={(e) => setStatus((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Health (0–100){' '}
          <input
            type="number"
            min={0}
            max={100}
            value={health}
            onInput={(e) => setHealth((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">Set</button>
      </form>
      {(problem ?? error) && <p role="alert">{problem ?? error?.message}</p>}
      <ul class="cards">
        {data?.components.map((c) => (
          <li key={c.name} class="card">
            <h2 class="mono">{c.name}</h2>
            <p>
              {c.status}
              {c.health !== null && (
                <>
                  {' '}
                  ·{' '}
                  <meter
                    min={0}
                    max={100}
                    low={40}
                    high={75}
                    optimum={100}
                    value={c.health}
                    aria-label={`health of ${c.name}`}
                  />{' '}
                  {c.health}
                </>
              )}
            </p>
            <p class="muted small">checked {time(c.lastChecked)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
