import type { Command } from 'commander';
import { listCheckpoints } from '../../../operations/index.js';
import { activeResumePoint } from '../../../recover/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { examples, parseIntOption, withJson, withProject } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';
import { formatBytes } from './format.js';

interface ListOpts {
  session?: string;
  allProjects?: boolean;
  limit: number;
  project?: string;
  json?: boolean;
}

export function registerCheckpointList(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('list')
    .description('checkpoints of the project, newest first, with their sizes')
    .option('-s, --session <session>', 'only this session’s')
    .option('-A, --all-projects', 'every project')
    .option('-n, --limit <n>', 'how many', parseIntOption('--limit', 1, 100_000), 30);
  withJson(withProject(cmd));
  examples(cmd, [
    'baton checkpoint list',
    'baton checkpoint list --session SESSION-261123-001 --json',
  ]);
  cmd.action((opts: ListOpts) => {
    const store = ctx.store();
    const project = opts.allProjects ? null : ctx.project(opts.project);
    const list = listCheckpoints(opsWorld(ctx), {
      projectId: project?.id,
      session: opts.session,
      limit: opts.limit,
    });
    const resumeId = project ? activeResumePoint(store, project.id)?.checkpointId : undefined;
    if (opts.json) {
      return ctx.out.json(
        list.map((c) => ({ ...toJson.checkpoint(c), resumePoint: c.id === resumeId })),
      );
    }
    if (list.length === 0)
      return ctx.out.line('no checkpoints yet — take one with `baton checkpoint create`');
    ctx.out.table(
      ['', 'CHECKPOINT', 'CREATED', 'TRIGGER', 'EVENT', 'SIZE', 'LABEL'],
      list.map((c) => [
        c.id === resumeId ? '*' : '',
        c.handle,
        formatTime(c.createdAt),
        c.trigger,
        c.journalSeq,
        formatBytes(c.size),
        oneLine(c.label, 40),
      ]),
    );
    const total = list.reduce((n, c) => n + c.size, 0);
    const marker = resumeId && list.some((c) => c.id === resumeId) ? ' · * = resume point' : '';
    ctx.out.line(
      ctx.out.dim(`${list.length} checkpoint(s), ${formatBytes(total)} compressed${marker}`),
    );
  });
}
