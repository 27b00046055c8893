// The checks `baton doctor` and the menu's Diagnostics run: the operations' list (the store, each
// agent's hooks, history, retention, backups — the same the daemon's API and the viewer show),
// with the daemon's own checks (loaded only when doctor runs: the daemon's module brings the HTTP
// server).
import type { CheckResult, DoctorCheck, DoctorContext } from '../doctor/index.js';
import { diagnosticChecks } from '../operations/index.js';
import { VERSION } from './version.js';

async function daemon(ctx: DoctorContext): Promise<CheckResult[]> {
  const { daemonChecks } = await import('../daemon/index.js');
  return daemonChecks(VERSION)(ctx);
}

export const DOCTOR_CHECKS: readonly DoctorCheck[] = diagnosticChecks(daemon);
