import type { Command } from 'commander';
import type { DaemonStatus } from '../../../daemon/index.js';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';
import { formatTime } from '../../output.js';

export function registerDaemonStatus(group: Command, ctx: CliContext): void {
  const cmd = group.command('status').description('whether the daemon runs, its pid and address');
  withJson(cmd).action(async (opts: { json?: boolean }) => {
    const { daemonStatus } = await import('../../../daemon/index.js');
    const status = daemonStatus(ctx.home);
    if (opts.json) return ctx.out.json(status);
    printStatus(ctx, status);
  });
}

export function printStatus(ctx: CliContext, s: DaemonStatus): void {
  if (!s.running) {
    ctx.out.line('the daemon is not running — start it with `baton daemon start`');
    return;
  }
  const where = s.port === null ? 'starting' : `http://127.0.0.1:${s.port}`;
  ctx.out.line(`daemon running (pid ${s.pid}) on ${where}, since ${formatTime(s.startedAt)}`);
  ctx.out.line(ctx.out.dim(`log: ${s.log}`));
}
