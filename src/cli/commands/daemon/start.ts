import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';
import { printStatus } from './status.js';

export function registerDaemonStart(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('start')
    .description('start the daemon in the background, unless it already runs');
  withJson(cmd).action(async (opts: { json?: boolean }) => {
    const { startDaemon } = await import('../../../daemon/index.js');
    const launch = ctx.world.batonLaunch;
    if (!launch) throw new BatonError('INTERNAL', 'cannot tell how to launch this baton');
    const status = await startDaemon(ctx.home, ctx.world.env, launch);
    if (opts.json) return ctx.out.json(status);
    if (!status.started) ctx.out.line('the daemon was already running');
    printStatus(ctx, status);
  });
}
