// Quickstart's main job on a machine that has agent history: import all of it, then show the
// brief the next session in this folder would get. Without history, quickstart shows its demo.
import { CAPTURE_ADAPTERS, BRIEF_BUDGET, discoverHistory } from '../../../capture/index.js';
import type { ProjectActivity } from '../../../store/index.js';
import type { CliContext } from '../../context.js';
import { wiredBrief } from '../../capture-wiring.js';
import { importAgents } from '../import/agents.js';
import type { AgentImportReport } from '../import/agents.js';

export interface HistoryQuickstart {
  report: AgentImportReport;
  project: string;
  brief: string;
  /** Projects with the most sessions, when this folder has none. */
  busiest: ProjectActivity[];
}

export async function quickstartFromHistory(ctx: CliContext): Promise<HistoryQuickstart | null> {
  const env = { env: ctx.world.env, cwd: ctx.world.cwd };
  const found = CAPTURE_ADAPTERS.some((a) => discoverHistory(a, env).files.length > 0);
  if (!found) return null;
  const report = await importAgents(ctx, CAPTURE_ADAPTERS, []);
  const store = ctx.store();
  const project = ctx.project();
  const known = store.sessions.list({ projectId: project.id, limit: 1 }).length > 0;
  const brief = known
    ? await wiredBrief(ctx.world.clock)(store, project, {
        budget: BRIEF_BUDGET,
        source: 'quickstart',
      })
    : '';
  const busiest = brief ? [] : store.projects.busiest(5);
  return { report, project: project.name, brief, busiest };
}

export function printHistoryQuickstart(ctx: CliContext, h: HistoryQuickstart): void {
  const o = ctx.out;
  const imported = h.report.agents.reduce((n, a) => n + a.imported, 0);
  const sessions = h.report.agents.reduce((n, a) => n + a.newSessions, 0);
  const files = h.report.agents.reduce((n, a) => n + a.files, 0);
  o.line(
    `  imported ${imported} events into ${sessions} new sessions from ${files} transcripts (${h.report.seconds.toFixed(1)} s)`,
  );
  o.line();
  if (h.brief) {
    o.line(o.bold(`The brief the next session in ${h.project} will start with:`));
    o.line();
    for (const line of h.brief.split('\n')) o.line(`  ${line}`);
  } else {
    o.line(
      `No recorded sessions for ${h.project} (this folder) yet. Projects with the most history:`,
    );
    for (const p of h.busiest)
      o.line(`  ${p.name.padEnd(28)} ${String(p.sessions).padStart(4)} sessions  ${o.dim(p.root)}`);
    o.line(o.dim('  run `baton quickstart` inside one of them to see its brief'));
  }
  o.line();
  o.line(o.bold('Next'));
  o.line('  baton install claude-code     record every new session live and brief it at start');
  o.line('  baton import                  bring in what agents wrote since (incremental)');
  o.line('  baton session list            what has been recorded for this project');
}
