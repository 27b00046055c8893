import type { Command } from 'commander';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson, withProject } from '../../options.js';

export function registerProject(program: Command, ctx: CliContext): void {
  const group = program
    .command('project')
    .description('projects Baton knows: one per repository (or folder)');
  examples(group, ['baton project show', 'baton project list --json']);

  const list = group.command('list').description('every known project');
  withJson(list).action((opts: { json?: boolean }) => {
    const store = ctx.store();
    const all = store.projects.list();
    if (opts.json) return ctx.out.json(all.map(toJson.project));
    if (all.length === 0) return ctx.out.line('no projects yet');
    ctx.out.table(
      ['PROJECT', 'SESSIONS', 'ROOT', 'KEY'],
      all.map((p) => [p.name, store.sessions.list({ projectId: p.id }).length, p.root, p.key]),
    );
  });

  const show = group
    .command('show')
    .description('the project of the current folder (or --project)');
  withJson(withProject(show)).action((opts: { project?: string; json?: boolean }) => {
    const p = ctx.project(opts.project);
    if (opts.json) return ctx.out.json(toJson.project(p));
    ctx.out.line(`${ctx.out.bold(p.name)}  ${p.root}`);
    ctx.out.line(`key     ${p.key}`);
    if (p.remoteUrl) ctx.out.line(`remote  ${p.remoteUrl}`);
    ctx.out.line(`id      ${p.id}`);
  });
}
