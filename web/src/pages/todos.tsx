// The todo board: a column per status; a card moves by dragging it to another column or, from
// the keyboard, by its status menu; its text is edited in place; a new todo is added on top.
// Every change goes through the same operations as `baton todo`.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Todo } from '../types.js';
import { useData } from '../use-data.js';

const COLUMNS: { status: Todo['status']; title: string }[] = [
  { status: 'pending', title: 'To do' },
  { status: 'in_progress', title: 'In progress' },
  { status: 'blocked', title: 'Blocked' },
  { status: 'completed', title: 'Done' },
  { status: 'cancelled', title: 'Cancelled' },
];

export function TodosPage({ project }: { project: string }) {
  const { data, error, reload } = useData(
    () => api.get<{ todos: Todo[] }>('/todos', { project, status: 'all' }),
    [project],
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const change = (t: Todo, patch: Partial<Todo>) =>
    api
      .patch(`/todos/${t.id}`, patch, { project })
      .then(reload, (e: Error) => setProblem(e.message));
  const drop = (status: Todo['status'], ev: DragEvent) => {
    ev.preventDefault();
    setOver(null);
    const id = ev.dataTransfer?.getData('text/plain');
    const t = data?.todos.find((x) => x.id === id);
    if (t && t.status !== status) void change(t, { status });
  };
  return (
    <section aria-labelledby="todos-title">
      <h1 id="todos-title">Todos</h1>
      <AddTodo project={project} onAdded={reload} onError={setProblem} />
      {(problem ?? error) && <p role="alert">{problem ?? error?.message}</p>}
      <div class="board">
        {COLUMNS.map((col) => (
          <section
            key={col.status}
            class={`column${over === col.status ? ' over' : ''}`}
            aria-labelledby={`col-${col.status}`}
            data-status={col.status}
            onDragOver={(e) => (e.preventDefault(), setOver(col.status))}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => drop(col.status, e)}
          >
            <h2 id={`col-${col.status}`}>
              {col.title}{' '}
              <span class="count">
                {data?.todos.filter((t) => t.status === col.status).length ?? 0}
              </span>
            </h2>
            <ul>
              {data?.todos
                .filter((t) => t.status === col.status)
                .map((t) => (
                  <Card key={t.id} todo={t} onChange={(p) => change(t, p)} />
                ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

function Card({
  todo: t,
  onChange,
}: {
  todo: Todo;
  onChange: (patch: Partial<Todo>) => Promise<unknown>;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(t.content);
  return (
    <li
      class="todo"
      draggable
      onDragStart={(e) => e.dataTransfer?.setData('text/plain', t.id)}
      data-todo={t.number}
    >
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onChange({ content: text }).then(() => setEditing(false));
          }}
        >
          <label>
            <span class="sr-only">text of todo {t.number}</span>
            <input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p>
          <span class="muted">#{t.number}</span> {t.content}
          {t.priority && <span class="badge">{t.priority}</span>}
        </p>
      )}
      <div class="todo-actions">
        <label>
          <span class="sr-only">status of todo {t.number}</span>
          <select
            value={t.status}
            onChange={(e) =>
              void onChange({ status: (e.target as HTMLSelectElement).value as Todo['status'] })
            }
          >
            {COLUMNS.map((c) => (
              <option key={c.status} value={c.status}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        {!editing && (
          <button
            type="button"
            onClick={() => setEditing(true)}
            aria-label={`edit todo ${t.number}`}
          >
            Edit
          </button>
        )}
      </div>
    </li>
  );
}

function AddTodo({
  project,
  onAdded,
  onError,
}: {
  project: string;
  onAdded: () => void;
  onError: (m: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        api.post('/todos', { content: text.trim() }, { project }).then(
          () => (setText(''), onAdded()),
          (err: Error) => onError(err.message),
        );
      }}
    >
      <label>
        New todo{' '}
        <input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">Add</button>
    </form>
  );
}
