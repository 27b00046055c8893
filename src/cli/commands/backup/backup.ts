import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultBackupPath, rotateBackups } from '../../../store/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { settingValue } from '../../settings.js';
import { mb } from './restore.js';

export function registerBackupCommand(program: Command, ctx: CliContext): void {
  const backup = program
    .command('backup')
    .description('copy the store to a file, safely while agents keep recording')
    .argument('[path]', 'where to write (default: a dated file in $BATON_HOME/backups)');
  withJson(backup);
  examples(backup, ['baton backup', 'baton backup ~/baton-before-upgrade.db']);
  backup.action(async (path: string | undefined, opts: { json?: boolean }) => {
    const store = ctx.store();
    const target =
      path === undefined ? defaultBackupPath(ctx.home, ctx.now) : resolve(ctx.world.cwd, path);
    const report = await store.maintenance.backup(target);
    const keep = settingValue(store, 'backup.keep');
    const rotated =
      path === undefined && typeof keep === 'number' ? rotateBackups(ctx.home, keep) : [];
    store.audit('backup', report.path, { bytes: report.bytes });
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
