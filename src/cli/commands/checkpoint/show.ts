import type { Command } from 'commander';
import { recoveryBrief, showCheckpoint } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { examples, withJson } from '../../options.js';
import { formatTime } from '../../output.js';
import { formatBytes, gitLine } from './format.js';

export function registerCheckpointShow(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('show')
    .description('one checkpoint: what it holds, as the brief it would give')
    .argument('<checkpoint>', 'RECOVERY-… handle or id');
  withJson(cmd);
  examples(cmd, [
    'baton checkpoint show RECOVERY-SESSION-261123-001-174012',
    'baton checkpoint show RECOVERY-SESSION-261123-001-174012 --json | jq .snapshot.todos',
  ]);
  cmd.action(async (ref: string, opts: { json?: boolean }) => {
    const world = opsWorld(ctx);
    const { checkpoint: c, snapshot, session, rawBytes: raw } = showCheckpoint(world, { ref });
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
