import type { Command } from 'commander';
import { DECISION_STATUSES } from '../../../core/index.js';
import { listDecisions } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { choice, withJson, withProject } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';
import type { DecisionOpts } from './shared.js';

export function registerDecisionList(group: Command, ctx: CliContext): void {
  const list = group
    .command('list')
    .description('decisions of the project')
    .option(
      '-s, --status <status>',
      `only ${DECISION_STATUSES.join(', ')}`,
      choice(DECISION_STATUSES),
    );
  withJson(withProject(list)).action((opts: DecisionOpts) => {
    const all = listDecisions(opsWorld(ctx), {
      projectId: ctx.project(opts.project).id,
      statuses: opts.status && [opts.status],
    });
    if (opts.json) return ctx.out.json(all.map(toJson.decision));
    if (all.length === 0)
      return ctx.out.line('no decisions yet — record one with `baton decision add`');
    ctx.out.table(
      ['#', 'STATUS', 'WHEN', 'DECISION'],
      all.map((d) => [d.number, d.status, formatTime(d.createdAt), oneLine(d.decision, 70)]),
    );
  });
}
