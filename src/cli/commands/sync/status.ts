// `baton sync status` and `baton sync diff`: what a push would send and a pull would bring.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { withEngine } from './sync-setup.js';
import { redactUrl } from '../../../sync/index.js';

interface Opts {
  json?: boolean;
}

export function registerSyncStatus(group: Command, ctx: CliContext): void {
  const status = group.command('status').description('the vault, and what waits to go each way');
  withJson(status);
  examples(status, ['baton sync status', 'baton sync status --json']);
  status.action(async (opts: Opts) => {
    const s = await withEngine(ctx, async ({ engine, config }) => ({
      vault: config.vault,
      remote: redactUrl(config.remote),
      ...(await engine.status()),
    }));
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
    const { local, status } = await withEngine(ctx, async ({ engine }) => ({
      local: engine.pendingRecords(),
      status: await engine.status(),
    }));
    const byKind: Record<string, number> = {};
    for (const e of local) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    const out = {
      push: { records: byKind, events: status.pendingEvents },
      pull: { changes: status.remoteChanges },
      records: local.map((e) => ({
        kind: e.kind,
        id: e.id,
        hlc: e.state.hlc,
        deleted: e.state.deleted,
      })),
    };
    if (opts.json) return ctx.out.json(out);
    if (local.length === 0 && status.pendingEvents === 0 && status.remoteChanges === 0) {
      return ctx.out.line('in step with the vault');
    }
    ctx.out.table(
      ['KIND', 'ID', 'CHANGE'],
      local.slice(0, 50).map((e) => [e.kind, e.id, e.state.deleted ? 'deleted' : 'changed']),
    );
    if (local.length > 50) ctx.out.line(`… and ${local.length - 50} more`);
    ctx.out.line(
      `events to push: ${status.pendingEvents} · changes to pull: ${status.remoteChanges}`,
    );
  });
}
