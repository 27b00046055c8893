import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
import { applySafeFixes, problemsIn, runDoctor } from '../../doctor/index.js';
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
    );
  withJson(cmd);
  examples(cmd, [
    'baton doctor',
    'baton doctor --json | jq ".checks[] | select(.status != \\"ok\\")"',
    'baton doctor --fix',
  ]);
  cmd.addHelpText('after', '\nExit code 0 when all is well, 1 when a check warns or fails.\n');
  cmd.action(async (opts: { quick?: boolean; json?: boolean; fix?: boolean }) => {
    const dctx = doctorContext(ctx, !opts.quick);
    let results = await runDoctor(dctx, DOCTOR_CHECKS);
    const fixed = opts.fix ? applySafeFixes(dctx, results) : [];
    if (fixed.length > 0) {
      for (const f of fixed) ctx.out.error(`baton: fixed ${f.id}: ${f.done}`);
      results = await runDoctor(dctx, DOCTOR_CHECKS);
    }
    const problems = problemsIn(results);
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
