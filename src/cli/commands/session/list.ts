import type { Command } from 'commander';
import { SESSION_STATUSES } from '../../../core/index.js';
import type { SessionStatus } from '../../../core/index.js';
import { toJson } from '../../../wire/index.js';
import { listSessions } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { choice, parseIntOption, withJson, withProject } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';

interface ListOpts {
  project?: string;
  allProjects?: boolean;
  agent?: string;
  status?: SessionStatus;
  limit: number;
  json?: boolean;
}

export function registerSessionList(group: Command, ctx: CliContext): void {
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
    const filter = {
      ...(projectId !== undefined && { projectId }),
      ...(opts.agent !== undefined && { agent: opts.agent }),
      ...(opts.status !== undefined && { status: opts.status }),
    };
    const sessions = listSessions(opsWorld(ctx), { ...filter, limit: opts.limit });
    if (opts.json) return ctx.out.json(sessions.map(toJson.session));
    if (sessions.length === 0) return ctx.out.line('no sessions yet');
    const names = new Map<string, string>();
    const projectName = (id: string | null) => {
      if (id === null) return '-';
      if (!names.has(id)) names.set(id, store.projects.get(id)?.name ?? id);
      return names.get(id)!;
    };
    ctx.out.table(
      ['SESSION', 'AGENT', 'TITLE', 'PROJECT', 'STATUS', 'LAST ACTIVITY', 'EVENTS'],
      sessions.map((s) => [
        s.handle,
        s.agent,
        oneLine(s.title, 40) || '-',
        projectName(s.projectId),
        s.status,
        formatTime(s.lastActivityAt),
        s.eventCount,
      ]),
    );
    const total = store.sessions.count(filter);
    if (total > sessions.length)
      ctx.out.line(
        ctx.out.dim(`${sessions.length} of ${total} sessions (more with --limit ${total})`),
      );
  });
}
