// The projects: each with its sessions link, and activity over time — events per day per agent
// and the store's growth — for the whole store or the project chosen.
import { api } from '../api.js';
import { bytes } from '../format.js';
import { Line, StackedBars } from '../parts/chart.js';
import { href } from '../route.js';
import type { Project } from '../types.js';
import { useData } from '../use-data.js';

interface Activity {
  days: { day: string; agent: string; sessions: number; events: number }[];
  growth: { day: string; events: number }[];
  agents: string[];
  storeBytes: number | null;
}

export function ActivityCharts({ project }: { project?: string }) {
  const { data, error } = useData(() => api.get<Activity>('/activity', { project }), [project]);
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading activity…</p>;
  const labels = [...new Set(data.days.map((d) => d.day))];
  const series = data.agents.map((agent) => ({
    name: agent,
    values: labels.map(
      (day) => data.days.find((d) => d.day === day && d.agent === agent)?.events ?? 0,
    ),
  }));
  return (
    <div class="charts">
      <StackedBars
        title="Events per day, by agent (counted on the day each session started)"
        labels={labels}
        series={series}
      />
      <Line
        title={`Store growth (events; the file is ${bytes(data.storeBytes)} now)`}
        labels={data.growth.map((g) => g.day)}
        values={data.growth.map((g) => g.events)}
        unit="events"
      />
    </div>
  );
}

export function ProjectsPage() {
  const { data, error } = useData(() => api.get<{ projects: Project[] }>('/projects'), []);
  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">Projects</h1>
      {error && <p role="alert">{error.message}</p>}
      {data && data.projects.length === 0 && <p>No project recorded yet.</p>}
      {data && (
        <ul class="cards">
          {data.projects.map((p) => (
            <li key={p.id} class="card">
              <h2>
                <a href={href('sessions', { project: p.id })}>{p.name}</a>
              </h2>
              <p class="muted mono">{p.root}</p>
            </li>
          ))}
        </ul>
      )}
      <h2>Activity</h2>
      <ActivityCharts />
    </section>
  );
}
