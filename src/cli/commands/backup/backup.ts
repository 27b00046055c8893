import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backupStore } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { opsWorld } from '../../ops-world.js';
import { mb } from './restore.js';

export function registerBackupCommand(program: Command, ctx: CliContext): void {
  const backup = program
    .command('backup')
    .description('copy the store to a file, safely while agents keep recording')
    .argument('[path]', 'where to write (default: a dated file in $BATON_HOME/backups)');
  withJson(backup);
  examples(backup, ['baton backup', 'baton backup ~/baton-before-upgrade.db']);
  backup.action(async (path: string | undefined, opts: { json?: boolean }) => {
    const { report, rotated, keep } = await backupStore(opsWorld(ctx), {
      home: ctx.home,
      path: path === undefined ? undefined : resolve(ctx.world.cwd, path),
    });
    if (opts.json) return ctx.out.json({ ...report, ms: Math.round(report.ms), rotated });
    ctx.out.line(`backed up to ${report.path} (${mb(report.bytes)}, ${Math.round(report.ms)} ms)`);
    if (rotated.length)
      ctx.out.line(
        ctx.out.dim(
          `deleted ${rotated.length} older backup(s) (backup.keep = ${JSON.stringify(keep)})`,
        ),
      );
  });
}
