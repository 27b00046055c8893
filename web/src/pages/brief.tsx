// The brief as the next agent will see it: what each agent's SessionStart hook would inject if a
// session started in this project now, with its size against the budget.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Markdown } from '../parts/markdown.js';
import { useData } from '../use-data.js';

interface NextBrief {
  agent: string;
  budget: number;
  chars: number;
  text: string;
}

export function BriefPage({ project }: { project: string }) {
  const { data, error } = useData(
    () => api.get<{ briefs: NextBrief[] }>('/briefs', { project }),
    [project],
  );
  const [agent, setAgent] = useState<string | null>(null);
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p aria-busy="true">Building the brief…</p>;
  const shown = data.briefs.find((b) => b.agent === agent) ?? data.briefs[0];
  return (
    <section aria-labelledby="brief-title">
      <h1 id="brief-title">Next brief</h1>
      <div role="tablist" aria-label="agent" class="tabs">
        {data.briefs.map((b) => (
          <button
            key={b.agent}
            type="button"
            role="tab"
            aria-selected={b === shown}
            onClick={() => setAgent(b.agent)}
          >
            {b.agent} <span class="muted">{b.chars.toLocaleString()} chars</span>
          </button>
        ))}
      </div>
      {shown && (
        <div role="tabpanel" class="card">
          <p class="muted" data-brief-size>
            {shown.chars.toLocaleString()} of {shown.budget.toLocaleString()} characters (
            {Math.round((shown.chars / shown.budget) * 100)}% of the budget)
          </p>
          {shown.text.trim() ? <Markdown text={shown.text} /> : <p>Nothing to brief yet.</p>}
        </div>
      )}
    </section>
  );
}
