import type { Command } from 'commander';
import type { ContextFact } from '../../../core/index.js';
import { listFacts } from '../../../operations/index.js';
import { toJson } from '../../../wire/index.js';
import { withJson, withProject } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';
import type { CliContext } from '../../context.js';
import { opsWorld } from '../../ops-world.js';
import { scope } from './shared.js';
import type { ScopeOpts } from './shared.js';

export function registerContextList(group: Command, ctx: CliContext): void {
  const list = group
    .command('list')
    .description('facts of the project and global facts, most important first')
    .option('-a, --all', 'include expired facts')
    .option('-g, --global', 'only global facts');
  withJson(withProject(list)).action((opts: ScopeOpts & { all?: boolean }) => {
    const facts = listFacts(opsWorld(ctx), {
      projectId: scope(ctx, opts),
      includeExpired: opts.all,
    });
    if (opts.json) return ctx.out.json(facts.map((f) => toJson.fact(f, ctx.now)));
    if (facts.length === 0)
      return ctx.out.line('no facts yet — add one with `baton context set KEY VALUE`');
    ctx.out.table(
      ['KEY', 'PRIORITY', 'SCOPE', 'CATEGORY', 'EXPIRES', 'VALUE'],
      facts.map((f: ContextFact) => [
        f.key,
        f.priority,
        f.projectId === null ? 'global' : 'project',
        f.category,
        f.expiresAt === null ? null : formatTime(f.expiresAt),
        oneLine(JSON.stringify(f.value), 60),
      ]),
    );
  });
}
