// `baton install|uninstall <agent|all>`: registers Baton's hooks and its MCP server in the agent's
// own settings, or removes exactly them, printing every entry it changed (and, with --dry-run,
// changing nothing).
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  CAPTURE_ADAPTERS,
  adapterFor,
  batonMcpEntry,
  presentAdapters,
  splitCommand,
} from '../../../capture/index.js';
import type {
  CaptureAdapter,
  InstallReport,
  InstallScope,
  McpServerEntry,
} from '../../../capture/index.js';
import { BatonError } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { choice, examples, withJson } from '../../options.js';

interface InstallOpts {
  scope: InstallScope;
  dryRun?: boolean;
  json?: boolean;
  command?: string;
  /** Commander's `--no-mcp`: false skips the MCP server. */
  mcp?: boolean;
}

const SCOPES = ['user', 'project'] as const;

/** `all` installs for the agents on this machine and uninstalls from every agent. */
function adaptersFor(
  agent: string,
  ctx: CliContext,
  verb: 'install' | 'uninstall',
): readonly CaptureAdapter[] {
  if (agent !== 'all') return [adapterFor(agent)];
  return verb === 'install'
    ? presentAdapters({ env: ctx.world.env, cwd: ctx.world.cwd })
    : CAPTURE_ADAPTERS;
}

function withInstallOptions(cmd: Command): Command {
  return withJson(
    cmd
      .argument('<agent>', `${CAPTURE_ADAPTERS.map((a) => a.agent).join(', ')} or all`)
      .option(
        '-s, --scope <scope>',
        'user settings, or this project (.claude/settings.local.json and .mcp.json, .codex/, .gemini/settings.json)',
        choice(SCOPES),
        'user',
      )
      .option('-n, --dry-run', 'print what would change and change nothing'),
  );
}

/**
 * Baton's MCP server as the agent should start it: this node and this baton by absolute path (the
 * world's launch), or the words of `--command`; then `mcp`.
 */
function mcpEntryFor(ctx: CliContext, command: string | undefined): McpServerEntry {
  const launch = command === undefined ? ctx.world.batonLaunch : undefined;
  const [program = 'baton', ...args] = launch
    ? [launch.command, ...launch.args]
    : splitCommand(command ?? ctx.world.batonCommand ?? 'baton');
  return batonMcpEntry({ command: program, args: [...args, 'mcp'] });
}

export function registerInstall(program: Command, ctx: CliContext): void {
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

function print(
  ctx: CliContext,
  reports: InstallReport[],
  json: boolean,
  verb: 'install' | 'uninstall',
): void {
  if (json) return ctx.out.json(reports);
  const o = ctx.out;
  for (const r of reports) {
    const title = CAPTURE_ADAPTERS.find((a) => a.agent === r.agent)?.title ?? r.agent;
    for (const c of r.changes) {
      const what =
        c.action === 'unchanged'
          ? 'already as wanted, not touched'
          : r.dryRun
            ? `would ${c.action}`
            : `${c.action}d`.replace('eed', 'ed');
      o.line(
        `${o.bold(title)} (${r.scope}): ${c.file} — ${what}${r.dryRun ? ' (dry run: nothing written)' : ''}`,
      );
      for (const d of c.details) o.line(`  ${d}`);
      if (c.backup) o.line(o.dim(`  previous file saved as ${c.backup}`));
    }
    if (
      !r.dryRun &&
      verb === 'install' &&
      r.changes.some((c) => c.action !== 'unchanged' || c.details.length === 0)
    ) {
      o.line(`Every new ${title} session is now recorded, and each one starts with Baton's brief.`);
    }
  }
}
