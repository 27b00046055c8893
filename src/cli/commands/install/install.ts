import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { batonMcpEntry, splitCommand } from '../../../capture/index.js';
import type { McpServerEntry } from '../../../capture/index.js';
import { BatonError } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { adaptersFor, print, withInstallOptions } from './shared.js';
import type { InstallOpts } from './shared.js';

/**
 * Baton's MCP server as the agent should start it: this node and this baton by absolute path (the
 * world's launch), or the words of `--command`; then `mcp`. With the world's launch, the server
 * starts in its POSIX sh front (dist/mcp.sh, src/cli/mcp-entry/mcp-sh.ts), given Baton's home
 * (for the hook events it spools; `$BATON_HOME` overrides it) and then that launch: it answers
 * the client's first requests without a Node start and execs the launch at the first message it
 * does not answer.
 */
function mcpEntryFor(ctx: CliContext, command: string | undefined): McpServerEntry {
  const launch = command === undefined ? ctx.world.batonLaunch : undefined;
  const front = launch?.args.length === 1 && join(dirname(launch.args[0]!), '..', 'dist', 'mcp.sh');
  if (launch && front && existsSync(front))
    return batonMcpEntry({
      command: '/bin/sh',
      args: [front, ctx.home, launch.command, ...launch.args, 'mcp'],
    });
  const [program = 'baton', ...args] = launch
    ? [launch.command, ...launch.args]
    : splitCommand(command ?? ctx.world.batonCommand ?? 'baton');
  return batonMcpEntry({ command: program, args: [...args, 'mcp'] });
}

export function registerInstallCommand(program: Command, ctx: CliContext): void {
  const install = withInstallOptions(
    program
      .command('install')
      .description(
        "record an agent's sessions from now on: register Baton's hooks and MCP server in its settings",
      ),
  )
    .option(
      '--command <command>',
      'how the hook runs Baton (default: this node and this baton, by absolute path)',
    )
    .option('--no-mcp', "hooks only: do not register Baton's MCP server");
  examples(install, [
    'baton install claude-code                 # ~/.claude/settings.json + MCP in ~/.claude.json',
    'baton install claude-code --no-mcp        # the hooks only',
    'baton install claude-code --dry-run       # show the entries, write nothing',
    'baton install claude-code --scope project # only for the project in this folder',
    'baton install codex                       # ~/.codex/hooks.json + notify and MCP in config.toml',
    'baton install gemini                      # hooks and MCP in ~/.gemini/settings.json',
    'baton install all                         # every agent installed on this machine',
  ]);
  install.action((agent: string, opts: InstallOpts) => {
    const batonCommand = opts.command ?? ctx.world.batonCommand;
    if (!batonCommand) {
      throw new BatonError('USAGE', 'cannot tell how this Baton was started', {
        hint: 'pass --command "baton"',
      });
    }
    const mcp = opts.mcp === false ? undefined : mcpEntryFor(ctx, opts.command);
    const reports = adaptersFor(agent, ctx, 'install').map((a) =>
      a.installer.install(
        { env: ctx.world.env, cwd: ctx.world.cwd },
        {
          scope: opts.scope,
          dryRun: opts.dryRun ?? false,
          batonCommand,
          backupDir: join(ctx.home, 'backups', a.agent),
          ...(mcp && { mcp }),
        },
      ),
    );
    print(ctx, reports, opts.json ?? false, 'install');
  });
}
