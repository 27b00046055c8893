import type { Command } from 'commander';
import { toJson } from '../../../wire/index.js';
import { startSession } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { withJson, withProject } from '../../options.js';

export function registerSessionStart(group: Command, ctx: CliContext): void {
  const start = group
    .command('start')
    .description('start a session by hand (agents with hooks start their own)')
    .option('-a, --agent <name>', 'who is working', 'cli')
    .option('-t, --title <title>', 'what the session is about');
  withJson(withProject(start)).action(
    (opts: { agent: string; title?: string; project?: string; json?: boolean }) => {
      const project = ctx.project(opts.project);
      const s = startSession(opsWorld(ctx), {
        projectId: project.id,
        projectRoot: project.root,
        agent: opts.agent,
        title: opts.title,
        cwd: ctx.world.cwd,
      });
      if (opts.json) return ctx.out.json(toJson.session(s));
      ctx.out.line(s.handle);
      if (ctx.world.stdout.isTTY)
        ctx.out.line(ctx.out.dim(`attribute later writes to it: export BATON_SESSION=${s.handle}`));
    },
  );
}
