import type { Command } from 'commander';
import type { DaemonStatus } from '../../../daemon/index.js';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';
import { formatTime } from '../../output.js';

export function registerDaemonStatus(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('status')
    .description(
      'whether the daemon runs, its pid and address, and how many sessions only Baton still holds',
    );
  withJson(cmd).action(async (opts: { json?: boolean }) => {
    const { daemonStatus } = await import('../../../daemon/index.js');
    const { keptOnlyByBaton } = await import('../../../operations/index.js');
    const status = daemonStatus(ctx.home);
    const kept = keptOnlyByBaton(ctx.store());
    const keptOnly = { transcripts: kept.transcripts.length, sessions: kept.sessions };
    if (opts.json) return ctx.out.json({ ...status, keptOnlyByBaton: keptOnly });
    printStatus(ctx, status);
    if (keptOnly.transcripts > 0) {
      ctx.out.line(
        `${keptOnly.sessions} session(s) kept only by Baton: their agent deleted ${keptOnly.transcripts} transcript(s) after Baton read them`,
      );
    }
  });
}

export function printStatus(ctx: CliContext, s: DaemonStatus): void {
  if (!s.running) {
    ctx.out.line('the daemon is not running — start it with `baton daemon start`');
    return;
  }
  const where = s.port === null ? 'starting' : `http://127.0.0.1:${s.port}`;
  const version = s.version ? `Baton ${s.version}, ` : '';
  ctx.out.line(
    `daemon running (${version}pid ${s.pid}) on ${where}, since ${formatTime(s.startedAt)}`,
  );
  ctx.out.line(ctx.out.dim(`log: ${s.log}`));
}
