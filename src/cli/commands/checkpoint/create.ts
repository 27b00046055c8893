import type { Command } from 'commander';
import { takeCheckpoint, withHint } from '../../../operations/index.js';
import { opsWorld } from '../../ops-world.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson, withProject } from '../../options.js';
import { formatBytes, gitLine } from './format.js';

export function registerCheckpointCreate(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('create')
    .description(
      'take a checkpoint of the present (todos, decisions, facts, components, recent events, git)',
    )
    .option('-l, --label <label>', 'a name to find it by; labelled checkpoints are never pruned')
    .option(
      '-s, --session <session>',
      'the session it belongs to (default: the active or last one)',
    );
  withJson(withProject(cmd));
  examples(cmd, [
    'baton checkpoint create --label "before the refactor"',
    'baton checkpoint create --json',
  ]);
  cmd.action((opts: { label?: string; session?: string; project?: string; json?: boolean }) => {
    const project = ctx.project(opts.project);
    const c = withHint(
      () =>
        takeCheckpoint(opsWorld(ctx), {
          projectId: project.id,
          label: opts.label,
          session: opts.session,
          whenUnnamed: 'last',
          cwd: opts.project === undefined ? ctx.world.cwd : project.root,
        }),
      'NOT_FOUND',
      'see `baton session list`',
    );
    if (opts.json) return ctx.out.json(toJson.checkpoint(c));
    ctx.out.line(c.handle);
    ctx.out.line(
      ctx.out.dim(
        `  ${formatBytes(c.size)} · ${gitLine(c)} · restore with: baton checkpoint restore ${c.handle}`,
      ),
    );
  });
}
