// The checks `baton doctor` and the menu's Diagnostics run. Plug a module's own checks in here
// (e.g. a capture adapter's hook installation status: `claudeCodeStatus`), after the store's.
import { STORE_CHECKS } from '../doctor/index.js';
import type { DoctorCheck } from '../doctor/index.js';

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [...STORE_CHECKS];
