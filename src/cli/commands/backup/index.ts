// `baton backup` and `baton restore-backup`, one file each.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { registerBackupCommand } from './backup.js';
import { registerRestoreBackup } from './restore.js';

export function registerBackup(program: Command, ctx: CliContext): void {
  registerBackupCommand(program, ctx);
  registerRestoreBackup(program, ctx);
}
