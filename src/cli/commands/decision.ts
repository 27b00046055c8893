import type { Command } from 'commander';
import { DECISION_STATUSES } from '../../core/index.js';
import type { Decision, DecisionStatus } from '../../core/index.js';
import { toJson } from '../../wire/index.js';
import {
  findDecision,
  listDecisions,
  recordDecision,
  updateDecision,
  withHint,
} from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { choice, examples, withJson, withProject } from '../options.js';
import { formatTime, oneLine } from '../output.js';

interface DecisionOpts {
  project?: string;
  json?: boolean;
  reason?: string;
  outcome?: string;
  status?: DecisionStatus;
  file?: string[];
  session?: string;
  text?: string;
  supersedes?: string;
}

/** A decision not found is pointed at the list. */
const hinted = <T>(run: () => T): T => withHint(run, 'NOT_FOUND', 'see `baton decision list`');

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerDecision(program: Command, ctx: CliContext): void {
  const group = program
    .command('decision')
    .description('choices made and why — kept across sessions');
  examples(group, [
    'baton decision add "Use SQLite, not Postgres, for the local store" --reason "no server to run"',
    'baton decision update 3 --status superseded --outcome "replaced by decision 5"',
    'baton decision list --status active',
  ]);

  const find = (projectId: string, ref: string): Decision =>
    hinted(() => findDecision(opsWorld(ctx), projectId, ref));
  const print = (d: Decision, json?: boolean) => {
    if (json) return ctx.out.json(toJson.decision(d));
    ctx.out.line(
      `${ctx.out.bold(`Decision ${d.number}`)} [${d.status}]  ${formatTime(d.createdAt)}`,
    );
    ctx.out.line(d.decision);
    if (d.reasoning) ctx.out.line(`Why: ${d.reasoning}`);
    if (d.outcome) ctx.out.line(`Outcome: ${d.outcome}`);
    if (d.files.length) ctx.out.line(`Files: ${d.files.join(', ')}`);
  };

  const add = group
    .command('add')
    .description('record a decision')
    .argument('<decision...>', 'what was decided')
    .option('-r, --reason <text>', 'why')
    .option('-o, --outcome <text>', 'what came of it')
    .option('-f, --file <path>', 'a file it concerns (repeatable)', collect)
    .option('--supersedes <ref>', 'an earlier decision this one replaces (marked superseded)')
    .option('--session <id>', 'the session that took it');
  withJson(withProject(add)).action((words: string[], opts: DecisionOpts) => {
    const { decision: d } = hinted(() =>
      recordDecision(opsWorld(ctx), {
        projectId: ctx.project(opts.project).id,
        decision: words.join(' '),
        reasoning: opts.reason,
        outcome: opts.outcome,
        files: opts.file,
        supersedes: opts.supersedes,
        session: opts.session,
      }),
    );
    if (opts.json) ctx.out.json(toJson.decision(d));
    else ctx.out.line(`recorded decision ${d.number}`);
  });

  const list = group
    .command('list')
    .description('decisions of the project')
    .option(
      '-s, --status <status>',
      `only ${DECISION_STATUSES.join(', ')}`,
      choice(DECISION_STATUSES),
    );
  withJson(withProject(list)).action((opts: DecisionOpts) => {
    const all = listDecisions(opsWorld(ctx), {
      projectId: ctx.project(opts.project).id,
      statuses: opts.status && [opts.status],
    });
    if (opts.json) return ctx.out.json(all.map(toJson.decision));
    if (all.length === 0)
      return ctx.out.line('no decisions yet — record one with `baton decision add`');
    ctx.out.table(
      ['#', 'STATUS', 'WHEN', 'DECISION'],
      all.map((d) => [d.number, d.status, formatTime(d.createdAt), oneLine(d.decision, 70)]),
    );
  });

  const show = group
    .command('show')
    .description('one decision in full')
    .argument('<ref>', 'number or id');
  withJson(withProject(show)).action((ref: string, opts: DecisionOpts) => {
    print(find(ctx.project(opts.project).id, ref), opts.json);
  });

  const update = group
    .command('update')
    .description('change a decision: its status, reasoning, outcome or text')
    .argument('<ref>', 'number or id')
    .option('-t, --text <decision>', 'new wording')
    .option('-r, --reason <text>', 'why')
    .option('-o, --outcome <text>', 'what came of it')
    .option('-s, --status <status>', DECISION_STATUSES.join(', '), choice(DECISION_STATUSES))
    .option('-f, --file <path>', 'replace the files it concerns (repeatable)', collect);
  withJson(withProject(update)).action((ref: string, opts: DecisionOpts) => {
    const patch = {
      decision: opts.text,
      reasoning: opts.reason,
      outcome: opts.outcome,
      status: opts.status,
      files: opts.file,
    };
    const projectId = ctx.project(opts.project).id;
    const next = hinted(() => updateDecision(opsWorld(ctx), { projectId, ref, patch }));
    if (opts.json) ctx.out.json(toJson.decision(next));
    else ctx.out.line(`updated decision ${next.number}`);
  });
}
