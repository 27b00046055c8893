// The checks `baton doctor` and the menu's Diagnostics run: the store's own, then each capture
// adapter's hook installation status, then the daemon's (loaded only when doctor runs: the
// daemon's module brings the HTTP server). Plug further modules' checks in here.
import { STORE_CHECKS } from '../doctor/index.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../doctor/index.js';
import { hookInstallationCheck, spoolCheck } from './hook/hook-checks.js';
import { VERSION } from './version.js';

async function daemon(ctx: DoctorContext): Promise<CheckResult[]> {
  const { daemonChecks, historyCheck } = await import('../daemon/index.js');
  return [...daemonChecks(VERSION)(ctx), ...historyCheck(ctx)];
}

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  ...STORE_CHECKS,
  hookInstallationCheck,
  spoolCheck,
  daemon,
];
