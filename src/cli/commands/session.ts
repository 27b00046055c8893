import type { Command } from 'commander';
import { BatonError, SESSION_STATUSES } from '../../core/index.js';
import type { Project, Session, SessionStatus } from '../../core/index.js';
import { toJson } from '../../wire/index.js';
import { detectCrashes } from '../../recover/index.js';
import { endSession, startSession } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { choice, examples, parseIntOption, withJson, withProject } from '../options.js';
import { formatTime, oneLine } from '../output.js';

interface ListOpts {
  project?: string;
  allProjects?: boolean;
  agent?: string;
  status?: SessionStatus;
  limit: number;
  json?: boolean;
}

export function registerSession(program: Command, ctx: CliContext): void {
  const group = program
    .command('session')
    .description('agent runs: start, end, list and inspect them');
  examples(group, [
    'baton session start --title "fix the login bug"      # prints SESSION-YYMMDD-NNN',
    'export BATON_SESSION=SESSION-261123-001              # later writes go to it',
    'baton session list --all-projects',
    'baton session show SESSION-261123-001 --events 50',
    'baton session end --reason "done for today"',
  ]);

  const start = group
    .command('start')
    .description('start a session by hand (agents with hooks start their own)')
    .option('-a, --agent <name>', 'who is working', 'cli')
    .option('-t, --title <title>', 'what the session is about');
  withJson(withProject(start)).action(
    (opts: { agent: string; title?: string; project?: string; json?: boolean }) => {
      const project = ctx.project(opts.project);
      const s = startSession(opsWorld(ctx), {
        projectId: project.id,
        projectRoot: project.root,
        agent: opts.agent,
        title: opts.title,
        cwd: ctx.world.cwd,
      });
      if (opts.json) return ctx.out.json(toJson.session(s));
      ctx.out.line(s.handle);
      if (ctx.world.stdout.isTTY)
        ctx.out.line(ctx.out.dim(`attribute later writes to it: export BATON_SESSION=${s.handle}`));
    },
  );

  const end = group
    .command('end')
    .description('end a session (default: $BATON_SESSION, else the active one)')
    .argument('[session]', 'id or handle')
    .option('-r, --reason <text>', 'why it ended', 'ended by hand');
  withJson(withProject(end)).action(
    (ref: string | undefined, opts: { reason: string; project?: string; json?: boolean }) => {
      const project = ctx.project(opts.project);
      const {
        session: next,
        ended,
        previousStatus,
      } = endSession(opsWorld(ctx), {
        projectId: project.id,
        projectRoot: project.root,
        session: ref,
        reason: opts.reason,
      });
      if (opts.json) ctx.out.json(toJson.session(next));
      else
        ctx.out.line(
          ended ? `ended ${next.handle}` : `${next.handle} had already ${previousStatus}`,
        );
    },
  );

  const list = group
    .command('list')
    .description('sessions, most recent activity first')
    .option('-A, --all-projects', 'every project, not just this one')
    .option('-a, --agent <name>', 'only this agent')
    .option('-s, --status <status>', SESSION_STATUSES.join(', '), choice(SESSION_STATUSES))
    .option('-n, --limit <n>', 'how many', parseIntOption('--limit', 1, 100_000), 20);
  withJson(withProject(list)).action((opts: ListOpts) => {
    const store = ctx.store();
    const projectId = opts.allProjects ? undefined : ctx.project(opts.project).id;
    detectCrashes(store, { now: ctx.now, ...(projectId !== undefined && { projectId }) });
    const sessions = store.sessions.list({
      ...(projectId !== undefined && { projectId }),
      ...(opts.agent !== undefined && { agent: opts.agent }),
      ...(opts.status !== undefined && { status: opts.status }),
      limit: opts.limit,
    });
    if (opts.json) return ctx.out.json(sessions.map(toJson.session));
    if (sessions.length === 0) return ctx.out.line('no sessions yet');
    const names = new Map<string, string>();
    const projectName = (id: string | null) => {
      if (id === null) return '-';
      if (!names.has(id)) names.set(id, store.projects.get(id)?.name ?? id);
      return names.get(id)!;
    };
    ctx.out.table(
      ['SESSION', 'AGENT', 'PROJECT', 'STATUS', 'STARTED', 'LAST ACTIVITY', 'EVENTS'],
      sessions.map((s) => [
        s.handle,
        s.agent,
        projectName(s.projectId),
        s.status,
        formatTime(s.startedAt),
        formatTime(s.lastActivityAt),
        s.eventCount,
      ]),
    );
  });

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
    printSession(ctx, s, project);
    if (events.length) ctx.out.line();
    for (const e of events) {
      const what = e.tool ? `${e.kind} ${e.tool}` : e.kind;
      ctx.out.line(`${ctx.out.dim(formatTime(e.ts))}  ${what.padEnd(22)} ${oneLine(e.text, 90)}`);
    }
  });
}

function printSession(ctx: CliContext, s: Session, project: Project | null): void {
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
    ['Parent', s.parentId ? `${s.parentId} (${s.parentKind ?? 'parent'})` : null],
  ];
  for (const [k, v] of rows) if (v !== null) ctx.out.line(`${ctx.out.bold(k.padEnd(14))}${v}`);
}
