// `baton install` and `baton uninstall`, one file each.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { registerInstallCommand } from './install.js';
import { registerUninstall } from './uninstall.js';

export function registerInstall(program: Command, ctx: CliContext): void {
  registerInstallCommand(program, ctx);
  registerUninstall(program, ctx);
}
