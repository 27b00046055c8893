import type { Command } from 'commander';
import { recoveryBrief, showCheckpoint } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { examples, withJson, withProject } from '../../options.js';
import { formatTime } from '../../output.js';
import { formatBytes, gitLine } from './format.js';

export function registerCheckpointShow(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('show')
    .description('one checkpoint: what it holds, as the brief it would give')
    .argument('<checkpoint>', 'RECOVERY-… handle, its end (174012), an id, or latest');
  withJson(withProject(cmd));
  examples(cmd, [
    'baton checkpoint show latest',
    'baton checkpoint show 174012 --project ~/code/app',
    'baton checkpoint show RECOVERY-SESSION-261123-001-174012 --json | jq .snapshot.todos',
  ]);
  cmd.action(async (ref: string, opts: { json?: boolean; project?: string }) => {
    const world = opsWorld(ctx);
    const projectId = ctx.project(opts.project).id;
    const shown = showCheckpoint(world, { ref, projectId });
    const { checkpoint: c, snapshot, session, rawBytes: raw } = shown;
    if (opts.json) return ctx.out.json({ checkpoint: toJson.checkpoint(c), snapshot });
    const rows: [string, string][] = [
      ['Checkpoint', `${c.handle}  (${c.id})`],
      [
        'Session',
        session ? `${session.handle} (${session.agent}, ${session.status})` : c.sessionId,
      ],
      ['Trigger', c.trigger],
      ['Label', c.label ?? '-'],
      ['Created', formatTime(c.createdAt)],
      ['Journal', `event ${c.journalSeq}`],
      ['Git', gitLine(c)],
      ['Size', `${formatBytes(c.size)} compressed (${formatBytes(raw)} raw)`],
    ];
    for (const [k, v] of rows) ctx.out.line(`${ctx.out.bold(k.padEnd(12))}${v}`);
    if (c.projectId === null) return;
    const brief = await recoveryBrief(world, {
      projectId: c.projectId,
      checkpointRef: c.id,
      budget: 40_000,
      useGit: false,
      markCrashes: false,
    });
    ctx.out.line();
    ctx.out.line(brief.text);
  });
}
