// Sortable unique ids (ULID). A monotonic factory keeps ids from one process in creation order
// even within the same millisecond.
import { monotonicFactory } from 'ulidx';

export type IdSource = () => string;

export function createIdSource(now: () => number = Date.now): IdSource {
  const next = monotonicFactory();
  return () => next(now());
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** A machine id: 12 random base32 characters (60 bits), short because every record carries it. */
export function newMachineId(random: (n: number) => Uint8Array): string {
  return Array.from(random(12), (b) => BASE32[b & 31]).join('');
}
