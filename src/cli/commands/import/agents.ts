// `baton import [claude-code] [PATH…]`: brings in the history agents left on this machine. Reads
// (discover), imports with a progress line on a terminal, then prints a summary table, or JSON.
import type { AgentImportSummary, CaptureAdapter } from '../../../capture/index.js';
import { discoverHistory, drainSpool, importHistoryPiped } from '../../../capture/index.js';
import { BatonError } from '../../../core/index.js';
import { wiredBrief } from '../../capture-wiring.js';
import type { CliContext } from '../../context.js';
import { printable } from '../../output.js';
import { createProgress } from '../../views/progress.js';

const MAX_LISTED = 20;

export interface AgentImportReport {
  agents: AgentImportSummary[];
  seconds: number;
}

/** Imports every transcript of the given agents (under `paths`, or their default homes). */
export async function importAgents(
  ctx: CliContext,
  adapters: readonly CaptureAdapter[],
  paths: string[],
): Promise<AgentImportReport> {
  const store = ctx.store();
  const env = { env: ctx.world.env, cwd: ctx.world.cwd };
  // What hooks spooled goes in first, so live captures keep their place in the journal.
  await drainSpool(store, ctx.home, { env: ctx.world.env, brief: wiredBrief(ctx.world.clock) });
  const started = Date.now();
  const agents: AgentImportSummary[] = [];
  for (const adapter of adapters) {
    const { files, bytes } = discoverHistory(adapter, env, paths);
    const progress = createProgress(ctx, `${adapter.agent}`, bytes);
    let shownBytes = 0;
    const summary = await importHistoryPiped(store, adapter, files, (p) => {
      progress.label(`${adapter.agent} ${p.file}/${p.files} files`);
      progress.bytes(p.bytes - shownBytes);
      shownBytes = p.bytes;
      progress.update(p.events);
    });
    if (files.length) progress.done();
    store.noteCapture(`import:${adapter.agent}`);
    agents.push(summary);
  }
  return { agents, seconds: (Date.now() - started) / 1000 };
}

export function printAgentImport(ctx: CliContext, report: AgentImportReport, json: boolean): void {
  const problems = report.agents.flatMap((a) => a.problems);
  if (json) {
    ctx.out.json({
      seconds: report.seconds,
      agents: report.agents.map((a) => ({ ...a, problems: a.problems.slice(0, 1000) })),
    });
  } else {
    ctx.out.table(
      [
        'agent',
        'files',
        'unchanged',
        'new sessions',
        'events',
        'already there',
        'malformed',
        'unknown types',
      ],
      report.agents.map((a) => [
        a.agent,
        a.files,
        a.unchanged,
        a.newSessions,
        a.imported,
        a.duplicates,
        a.problems.length,
        Object.values(a.unknownTypes).reduce((x, y) => x + y, 0),
      ]),
    );
    for (const a of report.agents) {
      const reasons = Object.entries(a.malformed).map(([r, n]) => `${r} ${n}`);
      if (reasons.length) ctx.out.line(`${a.agent}: malformed by reason: ${reasons.join(', ')}`);
      const unknown = Object.entries(a.unknownTypes).map(([t, n]) => `${t} ×${n}`);
      if (unknown.length)
        ctx.out.line(
          `${a.agent}: unknown record types, kept as system events: ${unknown.join(', ')}`,
        );
      if (a.files === 0) ctx.out.line(ctx.out.dim(`${a.agent}: no transcripts found`));
    }
  }
  if (problems.length === 0) return;
  for (const p of problems.slice(0, MAX_LISTED)) {
    ctx.out.error(
      printable(`baton: skipped ${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}: ${p.message}`),
    );
  }
  if (problems.length > MAX_LISTED)
    ctx.out.error(`baton: …and ${problems.length - MAX_LISTED} more`);
  throw new BatonError(
    'PARTIAL',
    `${problems.length} line(s) or file(s) could not be imported; the rest was kept`,
  );
}
