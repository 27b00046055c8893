import type { Command } from 'commander';
import { DECISION_STATUSES } from '../../../core/index.js';
import { updateDecision } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { choice, withJson, withProject } from '../../options.js';
import { collect, hinted } from './shared.js';
import type { DecisionOpts } from './shared.js';

export function registerDecisionUpdate(group: Command, ctx: CliContext): void {
  const update = group
    .command('update')
    .description('change a decision: its status, reasoning, outcome or text')
    .argument('<ref>', 'number or id')
    .option('-t, --text <decision>', 'new wording')
    .option('-r, --reason <text>', 'why')
    .option('-o, --outcome <text>', 'what came of it')
    .option('-s, --status <status>', DECISION_STATUSES.join(', '), choice(DECISION_STATUSES))
    .option('-f, --file <path>', 'replace the files it concerns (repeatable)', collect);
  withJson(withProject(update)).action((ref: string, opts: DecisionOpts) => {
    const patch = {
      decision: opts.text,
      reasoning: opts.reason,
      outcome: opts.outcome,
      status: opts.status,
      files: opts.file,
    };
    const projectId = ctx.project(opts.project).id;
    const next = hinted(() => updateDecision(opsWorld(ctx), { projectId, ref, patch }));
    if (opts.json) ctx.out.json(toJson.decision(next));
    else ctx.out.line(`updated decision ${next.number}`);
  });
}
