import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';
import { printStatus } from './status.js';

export function registerDaemonRestart(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('restart')
    .description('stop the daemon (if it runs) and start it again');
  withJson(cmd).action(async (opts: { json?: boolean }) => {
    const { startDaemon, stopDaemon } = await import('../../../daemon/index.js');
    const launch = ctx.world.batonLaunch;
    if (!launch) throw new BatonError('INTERNAL', 'cannot tell how to launch this baton');
    await stopDaemon(ctx.home);
    const status = await startDaemon(ctx.home, ctx.world.env, launch);
    if (opts.json) return ctx.out.json(status);
    printStatus(ctx, status);
  });
}
