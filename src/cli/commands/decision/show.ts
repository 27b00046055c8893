import type { Command } from 'commander';
import type { Decision } from '../../../core/index.js';
import { findDecision } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { withJson, withProject } from '../../options.js';
import { formatTime } from '../../output.js';
import { hinted } from './shared.js';
import type { DecisionOpts } from './shared.js';

function print(ctx: CliContext, d: Decision, json?: boolean): void {
  if (json) return ctx.out.json(toJson.decision(d));
  ctx.out.line(`${ctx.out.bold(`Decision ${d.number}`)} [${d.status}]  ${formatTime(d.createdAt)}`);
  ctx.out.line(d.decision);
  if (d.reasoning) ctx.out.line(`Why: ${d.reasoning}`);
  if (d.outcome) ctx.out.line(`Outcome: ${d.outcome}`);
  if (d.files.length) ctx.out.line(`Files: ${d.files.join(', ')}`);
}

export function registerDecisionShow(group: Command, ctx: CliContext): void {
  const show = group
    .command('show')
    .description('one decision in full')
    .argument('<ref>', 'number or id');
  withJson(withProject(show)).action((ref: string, opts: DecisionOpts) => {
    const projectId = ctx.project(opts.project).id;
    print(
      ctx,
      hinted(() => findDecision(opsWorld(ctx), projectId, ref)),
      opts.json,
    );
  });
}
