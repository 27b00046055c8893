// `baton daemon run`: the daemon in the foreground — what `start` launches detached and what a
// service unit runs. SIGTERM and SIGINT stop it cleanly; its log lines go to standard output.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { VERSION } from '../../version.js';

export function registerDaemonRun(group: Command, ctx: CliContext): void {
  group
    .command('run')
    .description('run the daemon in the foreground (what start and the service files launch)')
    .action(async () => {
      const { runDaemon } = await import('../../../daemon/index.js');
      const stopSignal = new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      const log = (line: string) =>
        ctx.world.stdout.write(`${new Date(ctx.world.clock.now()).toISOString()} ${line}\n`);
      await runDaemon({
        home: ctx.home,
        env: ctx.world.env,
        clock: ctx.world.clock,
        log,
        version: VERSION,
        stopSignal,
      });
    });
}
