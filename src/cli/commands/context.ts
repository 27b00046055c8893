import type { Command } from 'commander';
import { FACT_PRIORITIES } from '../../core/index.js';
import { getFact, listFacts, setFact, unsetFact, withHint } from '../../operations/index.js';
import type { ContextFact, FactPriority } from '../../core/index.js';
import { toJson } from '../../wire/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { choice, examples, parseJsonValue, withJson, withProject } from '../options.js';
import { formatTime, oneLine } from '../output.js';

/** A fact not found is pointed at the list. */
const hinted = <T>(run: () => T): T => withHint(run, 'NOT_FOUND', 'see `baton context list`');

interface ScopeOpts {
  project?: string;
  global?: boolean;
  json?: boolean;
}

export function registerContext(program: Command, ctx: CliContext): void {
  const group = program
    .command('context')
    .description('durable facts the agent must always know (deploy target, test command…)');
  examples(group, [
    'baton context set deploy.target \'"staging"\' --priority high',
    'baton context set api.limits \'{"rps": 50}\' --category ops --expires 7d',
    'baton context set editor vim --global',
    'baton context list --json',
  ]);

  const scope = (opts: ScopeOpts) => (opts.global ? null : ctx.project(opts.project).id);

  const set = group
    .command('set')
    .description('create or replace a fact')
    .argument('<key>', 'a dotted name, e.g. deploy.target')
    .argument('<value>', 'a JSON value; a bare word is taken as a string')
    .option('-c, --category <category>', 'a grouping, e.g. ops, style, env')
    .option(
      '--priority <priority>',
      `one of ${FACT_PRIORITIES.join(', ')}`,
      choice(FACT_PRIORITIES),
    )
    .option('--expires <duration>', 'forget it after this long: 30m, 12h, 7d')
    .option('-g, --global', 'applies to every project');
  withJson(withProject(set)).action(
    (
      key: string,
      value: string,
      opts: ScopeOpts & { category?: string; priority?: FactPriority; expires?: string },
    ) => {
      const fact = setFact(opsWorld(ctx), {
        projectId: scope(opts),
        key,
        value: parseJsonValue(value),
        category: opts.category,
        priority: opts.priority,
        expiresIn: opts.expires,
      });
      if (opts.json) ctx.out.json(toJson.fact(fact, ctx.now));
      else ctx.out.line(`set ${fact.projectId === null ? 'global' : 'project'} fact ${key}`);
    },
  );

  const get = group
    .command('get')
    .description('print one fact (a project fact wins over a global one)')
    .argument('<key>')
    .option('-g, --global', 'only the global fact');
  withJson(withProject(get)).action((key: string, opts: ScopeOpts) => {
    const projectId = scope(opts);
    const fact = hinted(() =>
      getFact(opsWorld(ctx), { projectId, key, onlyThisScope: opts.global }),
    );
    if (opts.json) ctx.out.json(toJson.fact(fact, ctx.now));
    else ctx.out.line(typeof fact.value === 'string' ? fact.value : JSON.stringify(fact.value));
  });

  const list = group
    .command('list')
    .description('facts of the project and global facts, most important first')
    .option('-a, --all', 'include expired facts')
    .option('-g, --global', 'only global facts');
  withJson(withProject(list)).action((opts: ScopeOpts & { all?: boolean }) => {
    const facts = listFacts(opsWorld(ctx), { projectId: scope(opts), includeExpired: opts.all });
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

  const unset = group
    .command('unset')
    .description('remove a fact')
    .argument('<key>')
    .option('-g, --global', 'the global fact');
  withJson(withProject(unset)).action((key: string, opts: ScopeOpts) => {
    const projectId = scope(opts);
    hinted(() => unsetFact(opsWorld(ctx), { projectId, key }));
    if (opts.json) ctx.out.json({ key, removed: true });
    else ctx.out.line(`removed ${key}`);
  });
}
