// Runs every check and gathers the results; a check that throws becomes a failed result of its
// own rather than hiding the others.
import { classifyError } from '../core/index.js';
import {
  captureCheck,
  contentsCheck,
  crashedSessionsCheck,
  sessionsCheck,
  silentSessionsCheck,
} from './content-checks.js';
import {
  backupCheck,
  diskCheck,
  integrityCheck,
  permissionsCheck,
  searchIndexCheck,
  storeFileCheck,
  walCutCheck,
} from './store-checks.js';
import { result } from './types.js';
import { embeddingsCheck } from './embeddings-check.js';
import type { CheckResult, DoctorCheck, DoctorContext } from './types.js';

/** The checks Baton's own store needs; capture adapters add theirs (hook status) beside these. */
export const STORE_CHECKS: readonly DoctorCheck[] = [
  storeFileCheck,
  integrityCheck,
  searchIndexCheck,
  walCutCheck,
  permissionsCheck,
  diskCheck,
  contentsCheck,
  sessionsCheck,
  captureCheck,
  crashedSessionsCheck,
  silentSessionsCheck,
  backupCheck,
  embeddingsCheck,
];

/**
 * The checks that read the whole store: seconds on a big one (see DoctorContext.skipSlow). Only
 * the integrity check now: `contents` reads the events per kind the store keeps as it writes.
 */
export const SLOW_CHECKS: readonly DoctorCheck[] = [integrityCheck];

export async function runDoctor(
  ctx: DoctorContext,
  checks: readonly DoctorCheck[],
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      results.push(...(await check(ctx)));
    } catch (error) {
      const e = classifyError(error);
      results.push(
        result(
          `check:${check.name || 'anonymous'}`,
          check.name || 'check',
          'fail',
          `the check itself failed: ${e.message}`,
          {
            fix: e.hint ?? 'rerun with BATON_DEBUG=1 and report it',
          },
        ),
      );
    }
  }
  return results;
}

export function problemsIn(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.status === 'warn' || r.status === 'fail');
}
