import type { Command } from 'commander';
import { BatonError } from '../../../core/index.js';
import type { Project, Session } from '../../../core/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { parseIntOption, withJson } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';

export function registerSessionShow(group: Command, ctx: CliContext): void {
  const show = group
    .command('show')
    .description('one session: what it is and its latest events')
    .argument('<session>', 'id, handle, or the agent’s session id')
    .option(
      '-e, --events <n>',
      'how many recent events to show',
      parseIntOption('--events', 0, 100_000),
      20,
    );
  withJson(show).action((ref: string, opts: { events: number; json?: boolean }) => {
    const store = ctx.store();
    const s = store.sessions.get(ref);
    if (!s)
      throw new BatonError('NOT_FOUND', `no session "${ref}"`, {
        hint: 'see `baton session list`',
      });
    const events = store.events
      .list({ sessionId: s.id, order: 'desc', limit: opts.events })
      .reverse();
    const project = s.projectId ? store.projects.get(s.projectId) : null;
    if (opts.json) {
      return ctx.out.json({
        session: toJson.session(s),
        project: project ? toJson.project(project) : null,
        events: events.map(toJson.event),
      });
    }
    const parent = s.parentId ? store.sessions.get(s.parentId) : null;
    printSession(ctx, s, project, parent?.handle ?? s.parentId);
    if (events.length) ctx.out.line();
    for (const e of events) {
      const what = e.tool ? `${e.kind} ${e.tool}` : e.kind;
      ctx.out.line(`${ctx.out.dim(formatTime(e.ts))}  ${what.padEnd(22)} ${oneLine(e.text, 90)}`);
    }
  });
}

function printSession(
  ctx: CliContext,
  s: Session,
  project: Project | null,
  parent: string | null,
): void {
  const rows: [string, string | number | null][] = [
    ['Session', `${s.handle}  (${s.id})`],
    ['Agent', s.agentSessionId ? `${s.agent}  (${s.agentSessionId})` : s.agent],
    ['Project', project ? `${project.name}  ${project.root}` : null],
    ['Title', s.title],
    ['Status', s.endReason ? `${s.status} — ${s.endReason}` : s.status],
    ['Branch', s.gitBranch],
    ['Started', formatTime(s.startedAt)],
    ['Last activity', formatTime(s.lastActivityAt)],
    ['Ended', s.endedAt === null ? null : formatTime(s.endedAt)],
    ['Events', s.eventCount],
    [
      'Parent',
      parent
        ? `${parent} (${s.parentKind === 'fork' ? 'forked from it' : (s.parentKind ?? 'parent')})`
        : null,
    ],
  ];
  for (const [k, v] of rows) if (v !== null) ctx.out.line(`${ctx.out.bold(k.padEnd(14))}${v}`);
}
