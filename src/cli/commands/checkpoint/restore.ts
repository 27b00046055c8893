import type { Command } from 'commander';
import { restoreCheckpoint } from '../../../operations/index.js';
import { opsWorld } from '../../ops-world.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson, withProject } from '../../options.js';

export function registerCheckpointRestore(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('restore')
    .description(
      'make a checkpoint the resume point of the next brief; --rollback also returns todos, decisions and facts to it',
    )
    .argument('<checkpoint>', 'RECOVERY-… handle, its end (174012), an id, or latest')
    .option(
      '--rollback',
      'put todos, decisions and project facts back as they were (a checkpoint of the present is taken first, to undo it)',
    );
  withJson(withProject(cmd));
  examples(cmd, [
    'baton checkpoint restore RECOVERY-SESSION-261123-001-174012',
    'baton checkpoint restore RECOVERY-SESSION-261123-001-174012 --rollback',
  ]);
  cmd.action((ref: string, opts: { rollback?: boolean; json?: boolean; project?: string }) => {
    const r = restoreCheckpoint(opsWorld(ctx), {
      ref,
      rollback: Boolean(opts.rollback),
      projectId: ctx.project(opts.project).id,
    });
    if (opts.json) {
      return ctx.out.json({
        checkpoint: toJson.checkpoint(r.checkpoint),
        resumePoint: true,
        rolledBack: r.rolledBack,
        undo: r.undo ? toJson.checkpoint(r.undo) : null,
      });
    }
    ctx.out.line(`${r.checkpoint.handle} is now the resume point: the next brief starts from it.`);
    if (r.rolledBack && r.undo) {
      const n = r.rolledBack;
      ctx.out.line(
        `Rolled back ${n.todos} todo(s), ${n.decisions} decision(s), ${n.facts} fact(s).`,
      );
      ctx.out.line(`Undo with: baton checkpoint restore ${r.undo.handle} --rollback`);
    }
  });
}
