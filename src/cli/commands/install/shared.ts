// `baton install|uninstall <agent|all>`: registers Baton's hooks and its MCP server in the agent's
// own settings, or removes exactly them, printing every entry it changed (and, with --dry-run,
// changing nothing).
import type { Command } from 'commander';
import { CAPTURE_ADAPTERS, adapterFor, presentAdapters } from '../../../capture/index.js';
import type { CaptureAdapter, InstallReport, InstallScope } from '../../../capture/index.js';
import type { CliContext } from '../../context.js';
import { choice, withJson } from '../../options.js';

export interface InstallOpts {
  scope: InstallScope;
  dryRun?: boolean;
  json?: boolean;
  command?: string;
  /** Commander's `--no-mcp`: false skips the MCP server. */
  mcp?: boolean;
}

const SCOPES = ['user', 'project'] as const;

/** `all` installs for the agents on this machine and uninstalls from every agent. */
export function adaptersFor(
  agent: string,
  ctx: CliContext,
  verb: 'install' | 'uninstall',
): readonly CaptureAdapter[] {
  if (agent !== 'all') return [adapterFor(agent)];
  return verb === 'install'
    ? presentAdapters({ env: ctx.world.env, cwd: ctx.world.cwd })
    : CAPTURE_ADAPTERS;
}

export function withInstallOptions(cmd: Command): Command {
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

/** Every entry changed (or, with --dry-run, that would be), or the reports as JSON. */
export function print(
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
    if (verb === 'install' && r.pending) o.line(o.bold(r.pending));
    else if (
      !r.dryRun &&
      verb === 'install' &&
      r.changes.some((c) => c.action !== 'unchanged' || c.details.length === 0)
    ) {
      o.line(`Every new ${title} session is now recorded, and each one starts with Baton's brief.`);
    }
  }
}
