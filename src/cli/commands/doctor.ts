import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
import { applySafeFixes, problemsIn, runDoctor } from '../../doctor/index.js';
import { salvageStore, storePath } from '../../store/index.js';
import { doctorReportToJson } from '../../wire/index.js';
import type { CliContext } from '../context.js';
import { DOCTOR_CHECKS } from '../doctor-checks.js';
import { doctorContext, printDoctor } from '../views/doctor-output.js';
import { examples, withJson } from '../options.js';

export function registerDoctor(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('doctor')
    .description('check the store, capture and sessions; say what is wrong and how to fix it')
    .option('--quick', 'a quick integrity check (quick_check) instead of the full one')
    .option(
      '--fix',
      'apply the fixes that lose nothing (rebuild a damaged search index), then check again',
    )
    .option(
      '--salvage',
      'copy what a damaged store still holds into a new store file, table by table (the damaged file is not touched)',
    )
    .option(
      '-o, --output <file>',
      'with --salvage: the new store file (default: beside the store)',
    );
  withJson(cmd);
  examples(cmd, [
    'baton doctor',
    'baton doctor --json | jq ".checks[] | select(.status != \\"ok\\")"',
    'baton doctor --fix',
    'baton doctor --salvage   # then: baton restore-backup THE-NEW-FILE',
  ]);
  cmd.addHelpText('after', '\nExit code 0 when all is well, 1 when a check warns or fails.\n');
  cmd.action(async (opts: DoctorOpts) => {
    // Salvage never opens the store as a store: it is for a file too damaged to be used.
    if (opts.salvage) return salvage(ctx, opts);
    if (opts.output !== undefined) throw new BatonError('USAGE', '--output goes with --salvage');
    const dctx = doctorContext(ctx, !opts.quick);
    let results = await runDoctor(dctx, DOCTOR_CHECKS);
    const fixed = opts.fix ? applySafeFixes(dctx, results) : [];
    if (fixed.length > 0) {
      for (const f of fixed) ctx.out.error(`baton: fixed ${f.id}: ${f.done}`);
      results = await runDoctor(dctx, DOCTOR_CHECKS);
    }
    const problems = problemsIn(results);
    if (opts.fix) {
      // What --fix may not do (it would replace data): named, with the command that does it.
      for (const r of results) {
        if (r.status === 'fail' && r.fix && /doctor --salvage|restore-backup/.test(r.fix)) {
          ctx.out.error(`baton: --fix leaves ${r.id} to you: ${r.fix}`);
        }
      }
    }
    if (opts.json) ctx.out.json(doctorReportToJson(dctx.storePath, results));
    else printDoctor(ctx.out, results);
    if (problems.length > 0) {
      throw new BatonError(
        'PARTIAL',
        `doctor found ${problems.length} problem(s): ${problems.map((p) => p.id).join(', ')}`,
      );
    }
  });
}

interface DoctorOpts {
  quick?: boolean;
  json?: boolean;
  fix?: boolean;
  salvage?: boolean;
  output?: string;
}

/** `doctor --salvage`: the damaged store's readable rows into a new file, and what was lost. */
function salvage(ctx: CliContext, opts: DoctorOpts): void {
  const source = storePath(ctx.home);
  const stamp = new Date(ctx.now).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const output = opts.output ? resolve(ctx.world.cwd, opts.output) : `${source}.salvaged-${stamp}`;
  const report = salvageStore(source, output, ctx.now);
  const lost = report.tables.filter((t) => t.damaged);
  if (opts.json) ctx.out.json(report);
  else {
    ctx.out.table(
      ['TABLE', 'SAVED', 'LOST'],
      report.tables
        .filter((t) => t.saved > 0 || t.damaged)
        .map((t) => [t.table, t.saved, t.lost === null ? 'unknown' : t.lost]),
    );
    ctx.out.line(`new store: ${report.output}`);
    ctx.out.line(
      ctx.out.dim(`the damaged store is untouched; the copy that was read: ${report.copy}`),
    );
    ctx.out.line(`to use it: baton restore-backup ${report.output}`);
  }
  if (report.problems.length > 0) {
    throw new BatonError('INTERNAL', `the salvaged store fails its check: ${report.problems[0]}`);
  }
  if (lost.length > 0) {
    throw new BatonError(
      'PARTIAL',
      `salvaged what was readable; rows were lost in ${lost.map((t) => t.table).join(', ')}`,
      { hint: `the new store is ${report.output}; a backup may hold what was lost` },
    );
  }
}
