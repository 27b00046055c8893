import type { Command } from 'commander';
import { pruneByRetention } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { examples, withJson } from '../options.js';

export function registerPrune(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('prune')
    .description('apply the retention settings: delete what is older than they allow')
    .option('--dry-run', 'only count what would be deleted');
  withJson(cmd);
  examples(cmd, ['baton config set retention.days 90', 'baton prune --dry-run', 'baton prune']);
  cmd.action((opts: { dryRun?: boolean; json?: boolean }) => {
    const result = pruneByRetention(opsWorld(ctx), { dryRun: opts.dryRun });
    if (opts.json)
      return ctx.out.json(
        result.retention === null ? { dryRun: result.dryRun, retention: null } : result,
      );
    if (result.retention === null)
      return ctx.out.line(
        'no retention set; nothing to prune (set one: baton config set retention.days 90)',
      );
    const verb = opts.dryRun ? 'would delete' : 'deleted';
    const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
    ctx.out.line(
      `${verb} ${n(result.events, 'event')}, ${n(result.sessions, 'session')}, ${n(result.checkpoints, 'checkpoint')}`,
    );
  });
}
