import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { examples, withJson } from '../options.js';
import { settingValue } from '../settings.js';

const DAY = 86_400_000;

export function registerPrune(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('prune')
    .description('apply the retention settings: delete what is older than they allow')
    .option('--dry-run', 'only count what would be deleted');
  withJson(cmd);
  examples(cmd, ['baton config set retention.days 90', 'baton prune --dry-run', 'baton prune']);
  cmd.action((opts: { dryRun?: boolean; json?: boolean }) => {
    const store = ctx.store();
    const days = settingValue(store, 'retention.days');
    const checkpointDays = settingValue(store, 'retention.checkpointDays');
    if (typeof days !== 'number' && typeof checkpointDays !== 'number') {
      if (opts.json) return ctx.out.json({ dryRun: Boolean(opts.dryRun), retention: null });
      ctx.out.line(
        'no retention set; nothing to prune (set one: baton config set retention.days 90)',
      );
      return;
    }
    const journal =
      typeof days === 'number'
        ? store.maintenance.forget(
            { before: ctx.now - days * DAY },
            { dryRun: Boolean(opts.dryRun), action: 'prune' },
          )
        : null;
    const cpDays = typeof checkpointDays === 'number' ? checkpointDays : null;
    const journalCutoff = typeof days === 'number' ? ctx.now - days * DAY : 0;
    const checkpoints =
      cpDays === null
        ? 0
        : pruneCheckpoints(ctx, journalCutoff, ctx.now - cpDays * DAY, Boolean(opts.dryRun));
    const deleted =
      (journal?.events ?? 0) +
      (journal?.sessions ?? 0) +
      (journal?.checkpointsDeleted ?? 0) +
      checkpoints;
    if (!opts.dryRun && deleted > 0) store.maintenance.compact();
    const result = {
      dryRun: Boolean(opts.dryRun),
      retention: { days: typeof days === 'number' ? days : null, checkpointDays: cpDays },
      events: journal?.events ?? 0,
      sessions: journal?.sessions ?? 0,
      checkpoints: (journal?.checkpointsDeleted ?? 0) + checkpoints,
    };
    if (opts.json) return ctx.out.json(result);
    const verb = opts.dryRun ? 'would delete' : 'deleted';
    const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
    ctx.out.line(
      `${verb} ${n(result.events, 'event')}, ${n(result.sessions, 'session')}, ${n(result.checkpoints, 'checkpoint')}`,
    );
  });
}

/** Checkpoints past their own retention that the journal's retention did not already take. */
function pruneCheckpoints(ctx: CliContext, from: number, before: number, dryRun: boolean): number {
  const store = ctx.store();
  const ids = store.checkpoints.idsCreatedBetween(from, before);
  if (dryRun || ids.length === 0) return ids.length;
  const n = store.checkpoints.remove(ids);
  store.audit('prune', 'checkpoints', { checkpoints: n, before: new Date(before).toISOString() });
  return n;
}
