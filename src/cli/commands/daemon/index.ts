// `baton daemon …`: the optional recorder and local HTTP API (docs/daemon.md). One file per
// subcommand; the daemon module itself is loaded only by the subcommand that runs.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples } from '../../options.js';
import { registerDaemonInstall } from './install.js';
import { registerDaemonLogs } from './logs.js';
import { registerDaemonRestart } from './restart.js';
import { registerDaemonRun } from './run.js';
import { registerDaemonStart } from './start.js';
import { registerDaemonStatus } from './status.js';
import { registerDaemonStop } from './stop.js';

export function registerDaemon(program: Command, ctx: CliContext): void {
  const group = program
    .command('daemon')
    .description(
      'the recorder that keeps every session (spool, transcripts, checkpoints) and serves the local HTTP API',
    );
  examples(group, [
    'baton daemon start            # detached; one per user; logs in $BATON_HOME/logs/daemon.log',
    'baton daemon status --json',
    'baton daemon logs -n 100',
    'baton daemon stop             # finishes writes in flight, checkpoints active sessions',
    'baton daemon install          # a systemd user unit (Linux) or launchd agent (macOS)',
  ]);
  for (const register of [
    registerDaemonStart,
    registerDaemonStop,
    registerDaemonStatus,
    registerDaemonLogs,
    registerDaemonRestart,
    registerDaemonRun,
    registerDaemonInstall,
  ]) {
    register(group, ctx);
  }
}
