import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { parseIntOption } from '../../options.js';

export function registerDaemonLogs(group: Command, ctx: CliContext): void {
  group
    .command('logs')
    .description("the newest lines of the daemon's log ($BATON_HOME/logs/daemon.log)")
    .option('-n, --lines <n>', 'how many lines', parseIntOption('--lines', 1, 100_000), 50)
    .action(async (opts: { lines: number }) => {
      const { daemonLogTail } = await import('../../../daemon/index.js');
      const lines = daemonLogTail(ctx.home, opts.lines);
      if (lines.length === 0) ctx.out.line(ctx.out.dim('the daemon has not logged anything yet'));
      for (const line of lines) ctx.out.line(line);
    });
}
