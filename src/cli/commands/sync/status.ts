// `baton sync status` and `baton sync diff`: what a push would send and a pull would bring.
import type { Command } from 'commander';
import { syncDiff, syncStatus } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { syncWorld } from './sync-setup.js';

interface Opts {
  json?: boolean;
}

export function registerSyncStatus(group: Command, ctx: CliContext): void {
  const status = group.command('status').description('the vault, and what waits to go each way');
  withJson(status);
  examples(status, ['baton sync status', 'baton sync status --json']);
  status.action(async (opts: Opts) => {
    const s = await syncStatus(syncWorld(ctx));
    if (opts.json) return ctx.out.json(s);
    ctx.out.line(`vault ${s.vault} on ${s.remote}`);
    ctx.out.line(`to push: ${s.pendingRecords} records, ${s.pendingEvents} events`);
    ctx.out.line(`to pull: ${s.remoteChanges} changes`);
    ctx.out.line(`open conflicts: ${s.openConflicts}`);
  });

  const diff = group
    .command('diff')
    .description('the local records a push would send, by kind, and the changes waiting to pull');
  withJson(diff);
  examples(diff, ['baton sync diff', 'baton sync diff --json']);
  diff.action(async (opts: Opts) => {
    const out = await syncDiff(syncWorld(ctx));
    if (opts.json) return ctx.out.json(out);
    const local = out.records;
    if (local.length === 0 && out.push.events === 0 && out.pull.changes === 0) {
      return ctx.out.line('in step with the vault');
    }
    ctx.out.table(
      ['KIND', 'ID', 'CHANGE'],
      local.slice(0, 50).map((e) => [e.kind, e.id, e.deleted ? 'deleted' : 'changed']),
    );
    if (local.length > 50) ctx.out.line(`… and ${local.length - 50} more`);
    ctx.out.line(`events to push: ${out.push.events} · changes to pull: ${out.pull.changes}`);
  });
}
