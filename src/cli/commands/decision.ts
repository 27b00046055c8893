import type { Command } from 'commander';
import { BatonError, DECISION_STATUSES } from '../../core/index.js';
import type { Decision, DecisionStatus } from '../../core/index.js';
import { toJson } from '../../wire/index.js';
import type { DecisionPatch } from '../../store/index.js';
import { checkpointAfter, knownSession } from '../auto-checkpoint.js';
import type { CliContext } from '../context.js';
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
}

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

  const find = (projectId: string, ref: string): Decision => {
    const d = ctx.store().decisions.get(projectId, ref);
    if (!d)
      throw new BatonError('NOT_FOUND', `no decision "${ref}"`, {
        hint: 'see `baton decision list`',
      });
    return d;
  };
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
    .option('--session <id>', 'the session that took it');
  withJson(withProject(add)).action((words: string[], opts: DecisionOpts) => {
    const project = ctx.project(opts.project);
    const session = opts.session ? ctx.session(project, opts.session) : null;
    const d = ctx.store().decisions.add({
      projectId: project.id,
      decision: words.join(' '),
      reasoning: opts.reason ?? null,
      outcome: opts.outcome ?? null,
      files: opts.file ?? [],
      sessionId: session?.id ?? null,
    });
    checkpointAfter(ctx, session ?? knownSession(ctx, project), 'decision-recorded');
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
    const project = ctx.project(opts.project);
    const all = ctx.store().decisions.list({
      projectId: project.id,
      ...(opts.status && { statuses: [opts.status] }),
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
    const d = find(ctx.project(opts.project).id, ref);
    const patch: DecisionPatch = {};
    if (opts.text !== undefined) patch.decision = opts.text;
    if (opts.reason !== undefined) patch.reasoning = opts.reason;
    if (opts.outcome !== undefined) patch.outcome = opts.outcome;
    if (opts.status !== undefined) patch.status = opts.status;
    if (opts.file !== undefined) patch.files = opts.file;
    if (Object.keys(patch).length === 0) {
      throw new BatonError('USAGE', 'nothing to update', {
        hint: 'give --status, --reason, --outcome, --text or --file',
      });
    }
    const next = ctx.store().decisions.update(d.id, patch);
    if (opts.json) ctx.out.json(toJson.decision(next));
    else ctx.out.line(`updated decision ${next.number}`);
  });
}
