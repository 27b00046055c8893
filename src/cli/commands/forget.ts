import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
import { applyForget, forgottenCount, planForget, withHint } from '../../operations/index.js';
import type { ForgetReport } from '../../store/index.js';
import { confirmOrRefuse } from '../confirm.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { examples, withJson } from '../options.js';

interface ForgetFlags {
  session?: string;
  match?: string;
  before?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

export function registerForget(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('forget')
    .description('delete for real: from the journal, the search index, checkpoints and records')
    .option('--session <session>', 'a whole session (handle, id or the agent’s id)')
    .option('--match <text>', 'everything that contains this text (any case)')
    .option('--before <time>', 'everything older: a date (2026-01-31) or a duration ago (90d)')
    .option('--dry-run', 'only count what would be forgotten')
    .option('-y, --yes', 'do not ask (needed off a terminal)');
  withJson(cmd);
  examples(cmd, [
    'baton forget --match "hunter2" --dry-run',
    'baton forget --session SESSION-260301-004 --yes',
    'baton forget --before 180d --yes',
  ]);
  cmd.addHelpText(
    'after',
    '\nGiven together, the options narrow each other. The audit log records what was forgotten\n(counts and ids), never the text. Afterwards the store is compacted so the bytes are gone.\n',
  );
  cmd.action(async (flags: ForgetFlags) => {
    const world = opsWorld(ctx);
    const input = { session: flags.session, match: flags.match, before: flags.before };
    const plan = withHint(() => planForget(world, input), 'NOT_FOUND', 'see `baton session list`');
    if (flags.dryRun) return show(ctx, plan.preview, flags.json, true);
    if (forgottenCount(plan.preview) === 0) return show(ctx, plan.preview, flags.json, false);
    const question = `Forget ${summary(plan.preview)}? This cannot be undone.`;
    if (!(await confirmOrRefuse(ctx, question, flags.yes))) {
      throw new BatonError('USAGE', 'nothing forgotten');
    }
    const { report, compacted } = applyForget(world, plan, 'cli');
    show(ctx, report, flags.json, false);
    if (!compacted && !flags.json) {
      ctx.out.error(
        'baton: another process holds the store open; run `baton forget` again later to finish compacting',
      );
    }
  });
}

function summary(r: ForgetReport): string {
  const parts: [number, string, string][] = [
    [r.events, 'event', 'events'],
    [r.sessions, 'session', 'sessions'],
    [r.checkpointsDeleted, 'checkpoint', 'checkpoints'],
    [r.checkpointsRewritten, 'checkpoint rewritten', 'checkpoints rewritten'],
    [r.todos, 'todo', 'todos'],
    [r.decisions, 'decision', 'decisions'],
    [r.facts, 'context fact', 'context facts'],
    [r.sessionsRewritten, 'session title rewritten', 'session titles rewritten'],
    [r.logLinesRewritten, 'log line rewritten', 'log lines rewritten'],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return said.length ? said.join(', ') : 'nothing';
}

function show(
  ctx: CliContext,
  report: ForgetReport,
  json: boolean | undefined,
  dryRun: boolean,
): void {
  if (json) return ctx.out.json({ dryRun, ...report });
  if (forgottenCount(report) === 0) return ctx.out.line('nothing matches; nothing forgotten');
  ctx.out.line(dryRun ? `would forget ${summary(report)}` : `forgot ${summary(report)}`);
}
