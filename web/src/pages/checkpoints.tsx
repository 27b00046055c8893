// Checkpoints: the list, what changed between any two (records added, removed and changed, and
// how many events lie between), and a restore — as the resume point, or with rollback of the
// records — after a confirmation that says what it will do.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { time } from '../format.js';
import type { Checkpoint } from '../types.js';
import { useData } from '../use-data.js';

interface RecordDiff {
  added: unknown[];
  removed: unknown[];
  changed: { fields: string[] }[];
}
interface CheckpointDiff {
  from: Checkpoint;
  to: Checkpoint;
  events: number;
  state: Record<'todos' | 'decisions' | 'facts' | 'components', RecordDiff>;
}

export function CheckpointsPage({ project }: { project: string }) {
  const { data, error, reload } = useData(
    () => api.get<{ checkpoints: Checkpoint[] }>('/checkpoints', { project, limit: 200 }),
    [project],
  );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<CheckpointDiff | null>(null);
  const [confirm, setConfirm] = useState<{ cp: Checkpoint; rollback: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = data?.checkpoints ?? [];
  const compare = (e: Event) => {
    e.preventDefault();
    api
      .get<CheckpointDiff>('/checkpoints/diff', { from, to })
      .then(setDiff, (err: Error) => setNotice(err.message));
  };
  const restore = () => {
    if (!confirm) return;
    api
      .post<{ checkpoint: Checkpoint; rolledBack: boolean }>(
        `/checkpoints/${confirm.cp.id}/restore`,
        { rollback: confirm.rollback },
      )
      .then(
        (r) => (
          setNotice(
            `Restored ${r.checkpoint.handle}${r.rolledBack ? ' (records rolled back)' : ''}: the next brief resumes from it.`,
          ),
          setConfirm(null),
          reload()
        ),
        (err: Error) => (setNotice(err.message), setConfirm(null)),
      );
  };
  const options = list.map((c) => (
    <option key={c.id} value={c.id}>
      {c.handle} · {c.label ?? c.trigger}
    </option>
  ));
  return (
    <section aria-labelledby="cp-title">
      <h1 id="cp-title">Checkpoints</h1>
      {error && <p role="alert">{error.message}</p>}
      {notice && <p role="status">{notice}</p>}
      <form class="inline-form" onSubmit={compare} aria-label="compare two checkpoints">
        <label>
          From{' '}
          <select
            value={from}
            onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}
            required
          >
            <option value="">choose…</option>
            {options}
          </select>
        </label>
        <label>
          To{' '}
          <select
            value={to}
            onChange={(e) => setTo((e.target as HTMLSelectElement).value)}
            required
          >
            <option value="">choose…</option>
            {options}
          </select>
        </label>
        <button type="submit">Compare</button>
      </form>
      {diff && <DiffView diff={diff} />}
      {confirm && (
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-text"
        >
          <h2 id="confirm-title">Restore {confirm.cp.handle}?</h2>
          <p id="confirm-text">
            {confirm.rollback
              ? 'Todos, decisions, facts and components go back to how they were at this checkpoint (an undo checkpoint is taken first).'
              : 'The next brief resumes from this checkpoint. No record changes.'}
          </p>
          <button type="button" class="danger" onClick={restore} autoFocus>
            Restore
          </button>
          <button type="button" onClick={() => setConfirm(null)}>
            Cancel
          </button>
        </div>
      )}
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Checkpoint</th>
            <th scope="col">Why</th>
            <th scope="col">When</th>
            <th scope="col">Git</th>
            <th scope="col">Restore</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <th scope="row" class="mono">
                {c.handle}
              </th>
              <td>{c.label ?? c.trigger}</td>
              <td>{time(c.createdAt)}</td>
              <td class="mono">
                {c.gitBranch ?? ''} {c.gitHead?.slice(0, 8) ?? ''}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => setConfirm({ cp: c, rollback: false })}
                  aria-label={`restore ${c.handle}`}
                >
                  Restore
                </button>{' '}
                <button
                  type="button"
                  onClick={() => setConfirm({ cp: c, rollback: true })}
                  aria-label={`roll back to ${c.handle}`}
                >
                  Roll back
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DiffView({ diff }: { diff: CheckpointDiff }) {
  return (
    <section class="card" aria-label="difference">
      <h2>
        {diff.from.handle} → {diff.to.handle}
      </h2>
      <p>{diff.events.toLocaleString()} events between them.</p>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Added</th>
            <th scope="col">Removed</th>
            <th scope="col">Changed</th>
          </tr>
        </thead>
        <tbody>
          {(['todos', 'decisions', 'facts', 'components'] as const).map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{diff.state[k].added.length}</td>
              <td>{diff.state[k].removed.length}</td>
              <td>
                {diff.state[k].changed.length}
                {diff.state[k].changed.length > 0 &&
                  ` (${[...new Set(diff.state[k].changed.flatMap((c) => c.fields))].join(', ')})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
