import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import { listBackups, restoreBackup, storePath, verifyBackup } from '../../../store/index.js';
import { confirmOrRefuse } from '../../confirm.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { formatTime } from '../../output.js';

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function registerRestoreBackup(program: Command, ctx: CliContext): void {
  const restore = program
    .command('restore-backup')
    .description('replace the store with a backup (the current store is kept aside)')
    .argument('[path]', 'the backup file (without it: list the backups)')
    .option('-y, --yes', 'do not ask (needed off a terminal)');
  withJson(restore);
  examples(restore, [
    'baton restore-backup              # list backups',
    'baton restore-backup ~/.local/share/baton/backups/baton-20260301-090000.db',
  ]);
  restore.action(async (path: string | undefined, opts: { yes?: boolean; json?: boolean }) => {
    if (path === undefined) return printBackups(ctx, opts.json);
    const from = resolve(ctx.world.cwd, path);
    const facts = verifyBackup(from);
    const target = storePath(ctx.home);
    const question = `Replace ${target} with ${from} (${facts.sessions} sessions, ${facts.events} events)? The current store is kept aside.`;
    if (!(await confirmOrRefuse(ctx, question, opts.yes))) {
      throw new BatonError('USAGE', 'nothing restored');
    }
    const report = restoreBackup(from, target, ctx.now);
    if (opts.json) return ctx.out.json({ restoredFrom: from, store: target, ...report });
    ctx.out.line(`restored ${from} (${report.sessions} sessions, ${report.events} events)`);
    if (report.previous)
      ctx.out.line(ctx.out.dim(`the replaced store is kept at ${report.previous}`));
  });
}

function printBackups(ctx: CliContext, json: boolean | undefined): void {
  const backups = listBackups(ctx.home);
  if (json)
    return ctx.out.json(
      backups.map((b) => ({ ...b, modifiedAt: new Date(b.modifiedAt).toISOString() })),
    );
  if (backups.length === 0) return ctx.out.line('no backups yet (make one: baton backup)');
  ctx.out.table(
    ['BACKUP', 'TAKEN', 'SIZE'],
    backups.map((b) => [b.path, formatTime(b.modifiedAt), mb(b.bytes)]),
  );
}
