// The doctor's seam: a check reads the world it is given and says what it found, each finding
// with a status and, when something is wrong, the one thing to do about it. Checks are plain
// functions in a list, so other modules (each capture adapter's hook status) plug theirs in.
import type { BatonError, JsonObject } from '../core/index.js';
import type { Store } from '../store/index.js';

export const CHECK_STATUSES = ['ok', 'info', 'warn', 'fail'] as const;
/** ok and info are fine; warn and fail are problems and make `baton doctor` exit non-zero. */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckResult {
  /** Stable, for scripts: `store`, `integrity`, `capture:hook:claude-code`, `hooks:codex`… */
  id: string;
  title: string;
  status: CheckStatus;
  summary: string;
  details: string[];
  /** What to do about it, when there is something to do. */
  fix: string | null;
  data: JsonObject;
}

export interface DoctorContext {
  /** null when the store could not be opened (then storeError says why). */
  store: Store | null;
  storeError: BatonError | null;
  storePath: string;
  home: string;
  now: number;
  env: NodeJS.ProcessEnv;
  /** The folder doctor runs in (project-scoped hook settings are read from it). */
  cwd: string;
  /** Slower, thorough checks (a full integrity check rather than a quick one). */
  thorough: boolean;
  /**
   * Leave out the checks that read the whole store (SLOW_CHECKS: integrity): the viewer asks for
   * them apart, as on a big store they take seconds and the others should not wait.
   */
  skipSlow?: boolean;
}

export type DoctorCheck = (ctx: DoctorContext) => CheckResult[] | Promise<CheckResult[]>;

export function result(
  id: string,
  title: string,
  status: CheckStatus,
  summary: string,
  more: { details?: string[]; fix?: string | null; data?: JsonObject } = {},
): CheckResult {
  return {
    id,
    title,
    status,
    summary,
    details: more.details ?? [],
    fix: more.fix ?? null,
    data: more.data ?? {},
  };
}
