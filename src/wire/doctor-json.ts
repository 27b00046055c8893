// `baton doctor --json`: every check's finding in the published shape (src/schemas/doctor.ts).
// Zod-free, like every --json mapper (see to-json.ts).
import type { z } from 'zod';
import type { CheckResult } from '../doctor/index.js';
import type { doctorReportShape } from '../schemas/index.js';

export function doctorReportToJson(
  store: string,
  checks: readonly CheckResult[],
): z.infer<typeof doctorReportShape> {
  return {
    ok: !checks.some((c) => c.status === 'warn' || c.status === 'fail'),
    store,
    checks: [...checks],
  };
}
