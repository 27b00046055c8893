import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';

export function registerDaemonStop(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('stop')
    .description('stop the daemon: writes in flight finish and active sessions are checkpointed');
  withJson(cmd).action(async (opts: { json?: boolean }) => {
    const { stopDaemon } = await import('../../../daemon/index.js');
    const { pid } = await stopDaemon(ctx.home);
    if (opts.json) return ctx.out.json({ stopped: pid !== null, pid });
    ctx.out.line(pid === null ? 'the daemon was not running' : `daemon stopped (pid ${pid})`);
  });
}
