// Sortable unique ids (ULID). A monotonic factory keeps ids from one process in creation order
// even within the same millisecond.
import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

export type IdSource = () => string;

/** Random bytes drawn a pool at a time (ulidx's default calls the system's random once per character). */
export function pooledRandom(
  fill: (pool: Uint8Array) => void = (pool) => randomFillSync(pool),
  size = 4096,
): () => number {
  const pool = new Uint8Array(size);
  let next = size;
  return () => {
    if (next === size) {
      fill(pool);
      next = 0;
    }
    // A byte / 256 is in [0, 1), as ulidx expects of its generator: each character is 5 of its bits.
    return pool[next++]! / 256;
  };
}

export function createIdSource(
  now: () => number = Date.now,
  random: () => number = pooledRandom(),
): IdSource {
  const next = monotonicFactory(random);
  return () => next(now());
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** A machine id: 12 random base32 characters (60 bits), short because every record carries it. */
export function newMachineId(random: (n: number) => Uint8Array): string {
  return Array.from(random(12), (b) => BASE32[b & 31]).join('');
}
