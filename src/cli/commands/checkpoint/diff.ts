import type { Command } from 'commander';
import type { Todo } from '../../../core/index.js';
import { compareCheckpoints } from '../../../operations/index.js';
import { isEmptyDiff } from '../../../recover/index.js';
import type { CheckpointDiff, StateDiff } from '../../../recover/index.js';
import { toJson } from '../../../wire/index.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { examples, withJson, withProject } from '../../options.js';
import { oneLine } from '../../output.js';
import { shortSha } from './format.js';

type Lines = string[];

const value = (v: unknown) => oneLine(typeof v === 'string' ? v : JSON.stringify(v ?? null), 50);

function todoLines(d: StateDiff['todos']): Lines {
  const name = (t: Todo) => `#${t.number} ${oneLine(t.content, 60)}`;
  return [
    ...d.added.map((t) => `  + ${name(t)} [${t.status}]`),
    ...d.removed.map((t) => `  - ${name(t)}`),
    ...d.changed.map(
      (c) =>
        `  ~ ${name(c.after)}: ${c.fields.map((f) => `${f} ${value(c.before[f as keyof Todo])} → ${value(c.after[f as keyof Todo])}`).join(', ')}`,
    ),
  ];
}

function recordLines<T>(
  d: { added: T[]; removed: T[]; changed: { after: T; fields: string[] }[] },
  name: (r: T) => string,
): Lines {
  return [
    ...d.added.map((r) => `  + ${name(r)}`),
    ...d.removed.map((r) => `  - ${name(r)}`),
    ...d.changed.map((c) => `  ~ ${name(c.after)} (${c.fields.join(', ')})`),
  ];
}

function print(ctx: CliContext, diff: CheckpointDiff): void {
  const { from, to, state } = diff;
  ctx.out.line(`${from.handle} → ${to.handle}  (${diff.events} event(s) between)`);
  const sections: [string, Lines][] = [
    ['Todos', todoLines(state.todos)],
    [
      'Decisions',
      recordLines(state.decisions, (d) => `#${d.number} ${oneLine(d.decision, 60)} [${d.status}]`),
    ],
    ['Facts', recordLines(state.facts, (f) => `${f.key} = ${value(f.value)}`)],
    [
      'Components',
      recordLines(
        state.components,
        (c) => `${c.name}: ${c.status}${c.health === null ? '' : ` ${c.health}%`}`,
      ),
    ],
  ];
  for (const [title, lines] of sections) {
    if (lines.length === 0) continue;
    ctx.out.line(ctx.out.bold(title));
    for (const l of lines) ctx.out.line(l);
  }
  if (isEmptyDiff(state)) ctx.out.line('no change in todos, decisions, facts or components');
  const git: string[] = [];
  if (from.gitHead !== to.gitHead)
    git.push(`HEAD ${shortSha(from.gitHead)} → ${shortSha(to.gitHead)}`);
  if (from.gitBranch !== to.gitBranch)
    git.push(`branch ${from.gitBranch ?? '-'} → ${to.gitBranch ?? '-'}`);
  if (from.gitDirty.join() !== to.gitDirty.join())
    git.push(`uncommitted files ${from.gitDirty.length} → ${to.gitDirty.length}`);
  if (git.length) ctx.out.line(`${ctx.out.bold('Git')} ${git.join('; ')}`);
}

export function registerCheckpointDiff(group: Command, ctx: CliContext): void {
  const cmd = group
    .command('diff')
    .description('what changed between two checkpoints: todos, decisions, facts, components, git')
    .argument('<from>', 'the earlier checkpoint')
    .argument('<to>', 'the later checkpoint (latest: the newest)');
  withJson(withProject(cmd));
  examples(cmd, [
    'baton checkpoint diff RECOVERY-SESSION-261123-001-174012 RECOVERY-SESSION-261123-001-180344',
    'baton checkpoint diff 174012 latest',
  ]);
  cmd.action((fromRef: string, toRef: string, opts: { json?: boolean; project?: string }) => {
    const projectId = ctx.project(opts.project).id;
    const diff = compareCheckpoints(opsWorld(ctx), { from: fromRef, to: toRef, projectId });
    if (!opts.json) return print(ctx, diff);
    ctx.out.json({
      from: toJson.checkpoint(diff.from),
      to: toJson.checkpoint(diff.to),
      events: diff.events,
      ...diff.state,
    });
  });
}
