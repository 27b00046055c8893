import type { Command } from 'commander';
import { recordDecision } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { withJson, withProject } from '../../options.js';
import { collect, hinted } from './shared.js';
import type { DecisionOpts } from './shared.js';

export function registerDecisionAdd(group: Command, ctx: CliContext): void {
  const add = group
    .command('add')
    .description('record a decision')
    .argument('<decision...>', 'what was decided')
    .option('-r, --reason <text>', 'why')
    .option('-o, --outcome <text>', 'what came of it')
    .option('-f, --file <path>', 'a file it concerns (repeatable)', collect)
    .option('--supersedes <ref>', 'an earlier decision this one replaces (marked superseded)')
    .option('--session <id>', 'the session that took it');
  withJson(withProject(add)).action((words: string[], opts: DecisionOpts) => {
    const { decision: d } = hinted(() =>
      recordDecision(opsWorld(ctx), {
        projectId: ctx.project(opts.project).id,
        decision: words.join(' '),
        reasoning: opts.reason,
        outcome: opts.outcome,
        files: opts.file,
        supersedes: opts.supersedes,
        session: opts.session,
      }),
    );
    if (opts.json) ctx.out.json(toJson.decision(d));
    else ctx.out.line(`recorded decision ${d.number}`);
  });
}
