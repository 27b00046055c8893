// The merge of two states of one record, pure. Per field: a value the other side has already seen
// (its version vector covers the stamp) gives way; of two values neither side had seen, the one
// with the higher stamp wins on every machine alike, and the other is returned as a conflict for
// the user, so nothing is lost silently. A deletion wins over any edit: forgetting must propagate.
import { parseHlc } from '../core/index.js';
import type { JsonValue } from '../core/index.js';
import type { RecordState } from '../store/index.js';

export interface FieldConflict {
  field: string;
  mine: JsonValue;
  mineHlc: string;
  theirs: JsonValue;
  theirsHlc: string;
}

export interface MergeResult {
  state: RecordState;
  /** The merged state differs from the local one (it must be written). */
  changed: boolean;
  conflicts: FieldConflict[];
}

/** Whether a state with version vector `vv` has seen the write stamped `stamp`. */
export function covers(vv: Readonly<Record<string, string>>, stamp: string): boolean {
  if (stamp === '') return true;
  const seen = vv[parseHlc(stamp).machineId];
  return seen !== undefined && seen >= stamp;
}

/** JSON with object keys sorted, so equal values give equal texts whatever their key order. */
export function canonicalJson(value: JsonValue | undefined): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function joinVv(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = { ...a };
  for (const [m, s] of Object.entries(b)) if ((out[m] ?? '') < s) out[m] = s;
  return out;
}

const maxStamp = (a: string, b: string) => (a >= b ? a : b);

function mergeDeleted(local: RecordState, remote: RecordState): RecordState {
  const base = local.deleted && (!remote.deleted || local.hlc >= remote.hlc) ? local : remote;
  return {
    ...base,
    vv: joinVv(local.vv, remote.vv),
    hlc: maxStamp(local.hlc, remote.hlc),
    deleted: true,
  };
}

export function mergeRecord(local: RecordState | null, remote: RecordState): MergeResult {
  if (!local) return { state: remote, changed: true, conflicts: [] };
  const vv = joinVv(local.vv, remote.vv);
  if (local.deleted || remote.deleted) {
    const state = mergeDeleted(local, remote);
    return { state, changed: !sameState(local, state), conflicts: [] };
  }
  const newer = remote.hlc > local.hlc ? remote : local;
  const fields = { ...newer.fields };
  const stamps: Record<string, string> = {};
  const conflicts: FieldConflict[] = [];
  const names = new Set([...Object.keys(local.stamps), ...Object.keys(remote.stamps)]);
  for (const f of names) {
    const ls = local.stamps[f] ?? '';
    const rs = remote.stamps[f] ?? '';
    const lv = local.fields[f] ?? null;
    const rv = remote.fields[f] ?? null;
    let takeRemote: boolean;
    if (ls === rs || covers(local.vv, rs)) takeRemote = false;
    else if (covers(remote.vv, ls)) takeRemote = true;
    else {
      takeRemote = rs > ls;
      if (!sameValue(lv, rv)) {
        conflicts.push({ field: f, mine: lv, mineHlc: ls, theirs: rv, theirsHlc: rs });
      }
    }
    fields[f] = takeRemote ? rv : lv;
    stamps[f] = takeRemote ? rs : ls;
  }
  const state: RecordState = {
    fields,
    stamps,
    vv,
    hlc: maxStamp(local.hlc, remote.hlc),
    deleted: false,
  };
  return { state, changed: !sameState(local, state), conflicts };
}

export function sameState(a: RecordState, b: RecordState): boolean {
  return (
    a.deleted === b.deleted &&
    a.hlc === b.hlc &&
    sameValue(a.fields, b.fields) &&
    sameValue(a.stamps, b.stamps) &&
    sameValue(a.vv, b.vv)
  );
}
