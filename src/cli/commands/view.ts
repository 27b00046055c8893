import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
import type { BatonEvent, Session } from '../../core/index.js';
import { toJson } from '../../wire/index.js';
import type { CliContext } from '../context.js';
import { formatEvents, sessionHeader } from '../views/event-view.js';
import { whichSession, withHint } from '../../operations/index.js';
import { opsWorld } from '../ops-world.js';
import { examples, parseIntOption, withJson, withProject } from '../options.js';

interface ViewFlags {
  session?: string;
  last: number;
  follow?: boolean;
  project?: string;
  json?: boolean;
}

const POLL_MS = 500;

export function registerView(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('view')
    .description('recent messages and tool calls of a session, readably (tool calls folded)')
    .option('-s, --session <session>', 'which session (default: $BATON_SESSION, else the latest)')
    .option('-n, --last <n>', 'how many recent events', parseIntOption('--last', 1, 100_000), 30)
    .option('-f, --follow', 'keep showing new events as they arrive (Ctrl-C to stop)');
  withJson(withProject(cmd));
  examples(cmd, [
    'baton view',
    'baton view --session SESSION-260301-002 --last 100',
    'baton view --follow',
  ]);
  cmd.action(async (flags: ViewFlags) => {
    const session = pickSession(ctx, flags);
    const store = ctx.store();
    const events = store.events
      .list({ sessionId: session.id, order: 'desc', limit: flags.last })
      .reverse();
    if (flags.json && !flags.follow) {
      return ctx.out.json({ session: toJson.session(session), events: events.map(toJson.event) });
    }
    if (!flags.json) ctx.out.line(sessionHeader(ctx.out, session));
    let last = print(ctx, events, Boolean(flags.json), '');
    if (!flags.follow) return;
    let after = events[events.length - 1]?.seq ?? store.events.lastSeq();
    for (;;) {
      await sleep(POLL_MS);
      const fresh = store.events.list({ sessionId: session.id, afterSeq: after });
      if (fresh.length === 0) continue;
      last = print(ctx, fresh, Boolean(flags.json), last);
      after = fresh[fresh.length - 1]!.seq;
    }
  });
}

/** Prints events (NDJSON when following with --json); returns the day last printed. */
function print(ctx: CliContext, events: BatonEvent[], json: boolean, day: string): string {
  if (json) {
    for (const e of events) ctx.world.stdout.write(JSON.stringify(toJson.event(e)) + '\n');
    return day;
  }
  const shown = formatEvents(ctx.out, events, ctx.world.stdout.columns ?? 100, day);
  for (const line of shown.lines) ctx.out.line(line);
  return shown.day;
}

function pickSession(ctx: CliContext, flags: ViewFlags): Session {
  const latest = withHint(
    () =>
      whichSession(opsWorld(ctx), {
        projectId: ctx.project(flags.project).id,
        ref: flags.session,
        staleEnv: 'fail',
        fallback: 'latest',
      }),
    'NOT_FOUND',
    'see `baton session list`',
  );
  if (!latest) {
    throw new BatonError('NOT_FOUND', 'no sessions in this project yet', {
      hint: 'see `baton session list --all-projects`',
    });
  }
  return latest;
}
