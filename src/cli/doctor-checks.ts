// The checks `baton doctor` and the menu's Diagnostics run: the store's own, then each capture
// adapter's hook installation status. Plug further modules' checks in here.
import { STORE_CHECKS } from '../doctor/index.js';
import type { DoctorCheck } from '../doctor/index.js';
import { hookInstallationCheck, spoolCheck } from './hook/hook-checks.js';

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  ...STORE_CHECKS,
  hookInstallationCheck,
  spoolCheck,
];
