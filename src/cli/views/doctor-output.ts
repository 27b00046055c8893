// How the doctor's findings read on a terminal: one line per check with a status mark, its
// details indented, and the fix where there is one. Shared by `baton doctor` and the menu.
import { classifyError } from '../../core/index.js';
import type { CheckResult, CheckStatus, DoctorContext } from '../../doctor/index.js';
import { storePath } from '../../store/index.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';

const MARK: Record<CheckStatus, string> = { ok: '✓', info: '·', warn: '!', fail: '✗' };

function paint(out: Output, status: CheckStatus, text: string): string {
  if (status === 'ok') return out.good(text);
  if (status === 'warn') return out.warn(text);
  if (status === 'fail') return out.bold(out.warn(text));
  return out.dim(text);
}

export function printDoctor(out: Output, results: readonly CheckResult[]): void {
  const width = Math.max(...results.map((r) => r.title.length), 8);
  for (const r of results) {
    out.line(`${paint(out, r.status, MARK[r.status])} ${r.title.padEnd(width)}  ${r.summary}`);
    for (const d of r.details) out.line(out.dim(`  ${' '.repeat(width)}  ${d}`));
    if (r.fix && r.status !== 'ok')
      out.line(`  ${' '.repeat(width)}  ${out.accent('fix:')} ${r.fix}`);
  }
}

/** The doctor's view of the world: the store if it opens, and why not if it does not. */
export function doctorContext(ctx: CliContext, thorough: boolean): DoctorContext {
  const base = {
    storePath: storePath(ctx.home),
    home: ctx.home,
    now: ctx.now,
    env: ctx.world.env,
    cwd: ctx.world.cwd,
    thorough,
  };
  try {
    return { ...base, store: ctx.store(), storeError: null };
  } catch (error) {
    return { ...base, store: null, storeError: classifyError(error) };
  }
}
