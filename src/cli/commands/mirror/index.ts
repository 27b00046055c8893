// `baton mirror enable|disable|status`: a human-readable `.baton/STATE.md` in the project (open
// todos, decisions, context facts), rewritten whenever they change, to commit with the code.
import type { Command } from 'commander';
import {
  MIRROR_FILE,
  disableMirror,
  enableMirror,
  mirrorEnabled,
} from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson, withProject } from '../../options.js';

interface Opts {
  project?: string;
  json?: boolean;
}

export function registerMirror(program: Command, ctx: CliContext): void {
  const group = program
    .command('mirror')
    .description(`keep ${MIRROR_FILE} in the project: open todos, decisions and facts, to commit`);
  examples(group, ['baton mirror enable', 'baton mirror status', 'baton mirror disable']);

  const enable = withProject(
    group.command('enable').description(`write ${MIRROR_FILE} now and whenever the state changes`),
  );
  withJson(enable);
  enable.action((opts: Opts) => {
    const project = ctx.project(opts.project);
    const r = enableMirror(ctx.store(), project, ctx.now);
    if (opts.json) return ctx.out.json({ project: project.name, enabled: true, path: r.path });
    ctx.out.line(`mirror on for ${project.name}: ${r.path}`);
    ctx.out.line(
      'commit it with your code; Baton rewrites it when todos, decisions or facts change',
    );
  });

  const disable = withProject(
    group.command('disable').description(`stop updating ${MIRROR_FILE} (the file stays)`),
  );
  withJson(disable);
  disable.action((opts: Opts) => {
    const project = ctx.project(opts.project);
    const r = disableMirror(ctx.store(), project);
    if (opts.json) return ctx.out.json({ project: project.name, enabled: false, wasOn: r.wasOn });
    ctx.out.line(
      r.wasOn ? `mirror off for ${project.name}` : `the mirror was not on for ${project.name}`,
    );
  });

  const status = withProject(group.command('status').description('whether the mirror is on here'));
  withJson(status);
  status.action((opts: Opts) => {
    const project = ctx.project(opts.project);
    const on = mirrorEnabled(ctx.store(), project);
    if (opts.json) return ctx.out.json({ project: project.name, enabled: on });
    ctx.out.line(`mirror ${on ? 'on' : 'off'} for ${project.name}`);
  });
}
