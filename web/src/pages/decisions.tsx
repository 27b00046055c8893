// The decisions log: newest first, superseded ones marked; a new decision can be recorded, and
// one can supersede an earlier decision (which is then marked superseded in the same write).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { time } from '../format.js';
import type { Decision } from '../types.js';
import { useData } from '../use-data.js';

export function DecisionsPage({ project }: { project: string }) {
  const { data, error, reload } = useData(
    () => api.get<{ decisions: Decision[] }>('/decisions', { project }),
    [project],
  );
  const [replacing, setReplacing] = useState<Decision | null>(null);
  return (
    <section aria-labelledby="decisions-title">
      <h1 id="decisions-title">Decisions</h1>
      <DecisionForm
        project={project}
        replacing={replacing}
        onDone={() => (setReplacing(null), reload())}
        onCancel={() => setReplacing(null)}
      />
      {error && <p role="alert">{error.message}</p>}
      <ol class="records">
        {data?.decisions.map((d) => (
          <li
            key={d.id}
            class={`record${d.status === 'superseded' ? ' superseded' : ''}`}
            data-decision={d.number}
          >
            <p>
              <strong>#{d.number}</strong> {d.decision}{' '}
              <span class={`badge st-${d.status}`}>{d.status}</span>
            </p>
            {d.reasoning && <p class="muted">{d.reasoning}</p>}
            <p class="muted small">
              {time(d.createdAt)}
              {d.files.length > 0 && ` · ${d.files.join(', ')}`}
            </p>
            {d.status !== 'superseded' && (
              <button
                type="button"
                onClick={() => setReplacing(d)}
                aria-label={`supersede decision ${d.number}`}
              >
                Supersede
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DecisionForm(props: {
  project: string;
  replacing: Decision | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [decision, setDecision] = useState('');
  const [reasoning, setReasoning] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const body = {
      decision: decision.trim(),
      ...(reasoning.trim() && { reasoning: reasoning.trim() }),
      ...(props.replacing && { supersedes: props.replacing.number }),
    };
    api.post('/decisions', body, { project: props.project }).then(
      () => (setDecision(''), setReasoning(''), setProblem(null), props.onDone()),
      (err: Error) => setProblem(err.message),
    );
  };
  return (
    <form
      class="stack-form"
      onSubmit={submit}
      aria-label={props.replacing ? 'supersede a decision' : 'record a decision'}
    >
      {props.replacing && (
        <p>
          Superseding #{props.replacing.number}: <em>{props.replacing.decision}</em>
        </p>
      )}
      <label>
        Decision{' '}
        <input
          required
          value={decision}
          onInput={(e) => setDecision((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Reasoning{' '}
        <input
          value={reasoning}
          onInput={(e) => setReasoning((e.target as HTMLInputElement).value)}
        />
      </label>
      <div>
        <button type="submit">
          {props.replacing ? 'Record and supersede' : 'Record decision'}
        </button>
        {props.replacing && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}
