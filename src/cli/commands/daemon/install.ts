import { homedir } from 'node:os';
import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';

export function registerDaemonInstall(group: Command, ctx: CliContext): void {
  for (const action of ['install', 'uninstall'] as const) {
    const cmd = group
      .command(action)
      .description(
        action === 'install'
          ? 'write a systemd user unit (Linux) or launchd agent (macOS) that runs the daemon at login'
          : 'remove the service file install wrote (only if unchanged)',
      );
    withJson(cmd).action(async (opts: { json?: boolean }) => {
      const { installService, uninstallService } = await import('../../../daemon/index.js');
      const launch = ctx.world.batonLaunch;
      if (!launch) throw new BatonError('INTERNAL', 'cannot tell how to launch this baton');
      const world = {
        platform: process.platform,
        env: ctx.world.env,
        userHome: ctx.world.env.HOME || homedir(),
        batonHome: ctx.home,
        launch,
      };
      const r = action === 'install' ? installService(world) : uninstallService(world);
      if (opts.json) return ctx.out.json({ path: r.file.path, change: r.change });
      ctx.out.line(`${r.change}: ${r.file.path}`);
      if (r.change === 'created' || r.change === 'updated') ctx.out.line(`then: ${r.file.enable}`);
      if (r.change === 'removed') ctx.out.line(`if it was loaded: ${r.file.disable}`);
    });
  }
}
