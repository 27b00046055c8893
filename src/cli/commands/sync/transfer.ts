// `baton sync push` and `baton sync pull`: batches with progress, resumable, idempotent.
import type { Command } from 'commander';
import { pullSync, pushSync } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { progressLine, syncWorld } from './sync-setup.js';

interface Opts {
  json?: boolean;
}

export function registerSyncTransfer(group: Command, ctx: CliContext): void {
  const push = group
    .command('push')
    .description('send this machine’s changes to the vault, sealed (resumes where it stopped)');
  withJson(push);
  examples(push, ['baton sync push', 'baton sync push --json']);
  push.action(async (opts: Opts) => {
    const r = await pushSync(syncWorld(ctx), progressLine(ctx));
    if (opts.json) return ctx.out.json(r);
    ctx.out.line(
      `pushed ${r.records} records, ${r.events} events, ${r.checkpoints} checkpoints and ${r.tombstones} deletions in ${r.batches} batches`,
    );
  });

  const pull = group
    .command('pull')
    .description('bring the vault’s changes here and merge them (resumes where it stopped)');
  withJson(pull);
  examples(pull, ['baton sync pull', 'baton sync pull --json']);
  pull.action(async (opts: Opts) => {
    const r = await pullSync(syncWorld(ctx), progressLine(ctx));
    if (opts.json) return ctx.out.json(r);
    ctx.out.line(
      `pulled ${r.records} records, ${r.events} events and ${r.checkpoints} checkpoints, removed ${r.removed} forgotten, in ${r.batches} batches`,
    );
    if (r.conflicts > 0) {
      ctx.out.line(`${r.conflicts} new conflicts: see \`baton sync conflicts\``);
    }
    const m = r.mcp;
    if (m.written + m.removed > 0) {
      ctx.out.line(
        `MCP servers: ${m.written} written, ${m.removed} removed in your agents' configs`,
      );
    }
    if (m.conflicts > 0) {
      ctx.out.line(
        `${m.conflicts} MCP servers changed on two machines at once: see \`baton sync mcp list\``,
      );
    }
    for (const w of m.waiting)
      ctx.out.line(`MCP server ${w} waits for that project on this machine`);
  });
}
