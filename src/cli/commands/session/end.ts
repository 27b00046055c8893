import type { Command } from 'commander';
import { toJson } from '../../../wire/index.js';
import { endSession } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { withJson, withProject } from '../../options.js';

export function registerSessionEnd(group: Command, ctx: CliContext): void {
  const end = group
    .command('end')
    .description('end a session (default: $BATON_SESSION, else the active one)')
    .argument('[session]', 'id or handle')
    .option('-r, --reason <text>', 'why it ended', 'ended by hand');
  withJson(withProject(end)).action(
    (ref: string | undefined, opts: { reason: string; project?: string; json?: boolean }) => {
      const project = ctx.project(opts.project);
      const {
        session: next,
        ended,
        previousStatus,
      } = endSession(opsWorld(ctx), {
        projectId: project.id,
        projectRoot: project.root,
        session: ref,
        reason: opts.reason,
      });
      if (opts.json) ctx.out.json(toJson.session(next));
      else
        ctx.out.line(
          ended ? `ended ${next.handle}` : `${next.handle} had already ${previousStatus}`,
        );
    },
  );
}
