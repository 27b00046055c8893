import type { Command } from 'commander';
import { pruneCheckpoints } from '../../../operations/index.js';
import { DEFAULT_RETENTION } from '../../../recover/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { examples, parseIntOption, withJson, withProject } from '../../options.js';
import { formatBytes } from './format.js';

interface PruneOpts {
  keep: number;
  dryRun?: boolean;
  allProjects?: boolean;
  project?: string;
  json?: boolean;
}

export function registerCheckpointPrune(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('prune')
    .description(
      'apply retention: keep the last N per session, the newest of each day, labelled ones and the resume point',
    )
    .option(
      '-k, --keep <n>',
      'checkpoints kept per session',
      parseIntOption('--keep', 1, 10_000),
      DEFAULT_RETENTION.keepPerSession,
    )
    .option('--dry-run', 'only say what would be removed')
    .option('-A, --all-projects', 'every project');
  withJson(withProject(cmd));
  examples(cmd, [
    'baton checkpoint prune --dry-run',
    'baton checkpoint prune --keep 3 --all-projects',
  ]);
  cmd.action((opts: PruneOpts) => {
    const world = opsWorld(ctx);
    const projectId = opts.allProjects ? undefined : ctx.project(opts.project).id;
    const r = pruneCheckpoints(world, {
      projectId,
      keepPerSession: opts.keep,
      dryRun: Boolean(opts.dryRun),
    });
    if (opts.json) {
      return ctx.out.json({
        dryRun: r.dryRun,
        removed: r.removed.map(toJson.checkpoint),
        kept: r.kept.length,
        freedBytes: r.freedBytes,
      });
    }
    const verb = r.dryRun ? 'would remove' : 'removed';
    for (const c of r.removed) ctx.out.line(`${verb} ${c.handle} (${formatBytes(c.size)})`);
    const keptBytes = r.kept.reduce((n, c) => n + c.size, 0);
    ctx.out.line(
      `${verb} ${r.removed.length} checkpoint(s), ${formatBytes(r.freedBytes)}; kept ${r.kept.length} (${formatBytes(keptBytes)})`,
    );
  });
}
