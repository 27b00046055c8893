import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { adaptersFor, print, withInstallOptions } from './shared.js';
import type { InstallOpts } from './shared.js';

export function registerUninstall(program: Command, ctx: CliContext): void {
  const uninstall = withInstallOptions(
    program
      .command('uninstall')
      .description(
        'stop recording an agent: remove exactly the hooks and MCP server Baton added, nothing else',
      ),
  );
  examples(uninstall, ['baton uninstall claude-code', 'baton uninstall all --dry-run']);
  uninstall.action((agent: string, opts: InstallOpts) => {
    const reports = adaptersFor(agent, ctx, 'uninstall').map((a) =>
      a.installer.uninstall(
        { env: ctx.world.env, cwd: ctx.world.cwd },
        {
          scope: opts.scope,
          dryRun: opts.dryRun ?? false,
          backupDir: join(ctx.home, 'backups', a.agent),
        },
      ),
    );
    print(ctx, reports, opts.json ?? false, 'uninstall');
  });
}
