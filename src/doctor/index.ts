// doctor: diagnostics of a Baton installation. Each check is a plain function over
// a DoctorContext returning results with a status and a fix; STORE_CHECKS covers the store, and
// other modules plug in their own (a capture adapter's hook installation status) by adding a
// DoctorCheck to the list the CLI runs. Reads only. Used by `baton doctor` and the menu.
export { SLOW_CHECKS, STORE_CHECKS, problemsIn, runDoctor } from './run-doctor.js';
export { applySafeFixes } from './safe-fixes.js';
export type { AppliedFix } from './safe-fixes.js';
export { result } from './types.js';
export type { CheckResult, CheckStatus, DoctorCheck, DoctorContext } from './types.js';
