import type { Command } from 'commander';
import { BatonError, parseTime } from '../../core/index.js';
import type { ForgetReport, ForgetSelector } from '../../store/index.js';
import { confirmOrRefuse } from '../confirm.js';
import type { CliContext } from '../context.js';
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
    const store = ctx.store();
    const selector = toSelector(ctx, flags);
    const preview = store.maintenance.forget(selector, { dryRun: true });
    if (flags.dryRun) return show(ctx, preview, flags.json, true);
    if (total(preview) === 0) return show(ctx, preview, flags.json, false);
    if (
      !(await confirmOrRefuse(ctx, `Forget ${summary(preview)}? This cannot be undone.`, flags.yes))
    ) {
      throw new BatonError('USAGE', 'nothing forgotten');
    }
    const report = store.maintenance.forget(selector, { actor: 'cli' });
    const compacted = store.maintenance.compact();
    show(ctx, report, flags.json, false);
    if (!compacted.walTruncated && !flags.json) {
      ctx.out.error(
        'baton: another process holds the store open; run `baton forget` again later to finish compacting',
      );
    }
  });
}

function toSelector(ctx: CliContext, flags: ForgetFlags): ForgetSelector {
  if (flags.session === undefined && flags.match === undefined && flags.before === undefined) {
    throw new BatonError('USAGE', 'say what to forget: --session, --match or --before');
  }
  const selector: ForgetSelector = {};
  if (flags.session !== undefined) {
    const session = ctx.store().sessions.get(flags.session);
    if (!session)
      throw new BatonError('NOT_FOUND', `no session "${flags.session}"`, {
        hint: 'see `baton session list`',
      });
    selector.sessionId = session.id;
  }
  if (flags.match !== undefined) selector.match = flags.match;
  if (flags.before !== undefined) selector.before = parseTime(flags.before, ctx.now);
  return selector;
}

function total(r: ForgetReport): number {
  return (
    r.events +
    r.sessions +
    r.checkpointsDeleted +
    r.checkpointsRewritten +
    r.todos +
    r.decisions +
    r.facts +
    r.sessionsRewritten +
    r.logLinesRewritten
  );
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
  if (total(report) === 0) return ctx.out.line('nothing matches; nothing forgotten');
  ctx.out.line(dryRun ? `would forget ${summary(report)}` : `forgot ${summary(report)}`);
}
