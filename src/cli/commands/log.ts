import type { Command } from 'commander';
import { EVENT_KINDS } from '../../core/index.js';
import type { EventKind } from '../../core/index.js';
import { readGitState } from '../../git/index.js';
import { logEvent } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { choice, examples, parseJsonObject, withJson, withProject } from '../options.js';

export function registerLog(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('log')
    .description('append an event to a session (a note, a command, an error…)')
    .argument('<kind>', `event kind: ${EVENT_KINDS.join(', ')}`, choice(EVENT_KINDS))
    .argument('<text...>', 'what happened')
    .option('--data <json>', 'structured data, a JSON object')
    .option('--tool <name>', 'the tool involved, if any')
    .option(
      '--session <id>',
      'session id or handle (default: $BATON_SESSION, else the active one)',
    );
  withJson(withProject(cmd));
  examples(cmd, [
    'baton log note "switched the deploy target to staging"',
    'baton log error "migration 12 failed" --data \'{"file":"db/012.sql"}\'',
    'baton log command "npm test" --tool Bash --session SESSION-261123-001',
  ]);
  cmd.action(
    (
      kind: EventKind,
      words: string[],
      opts: { data?: string; tool?: string; session?: string; project?: string; json?: boolean },
    ) => {
      const project = ctx.project(opts.project);
      const git = readGitState(project.root);
      const { session, event } = logEvent(opsWorld(ctx), {
        projectId: project.id,
        kind,
        text: words.join(' '),
        data: opts.data === undefined ? null : parseJsonObject(opts.data),
        tool: opts.tool,
        source: 'cli',
        session: opts.session,
        newSession: {
          agent: 'cli',
          cwd: ctx.world.cwd,
          gitBranch: git.branch,
          gitHeadStart: git.head,
          title: 'Recorded by hand',
        },
      });
      if (opts.json)
        ctx.out.json({ session: session.handle, event: { id: event.id, seq: event.seq, kind } });
      else ctx.out.line(`logged ${kind} to ${session.handle} (event ${event.seq})`);
    },
  );
}
