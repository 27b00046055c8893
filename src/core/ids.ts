// Sortable unique ids (ULID). A monotonic factory keeps ids from one process in creation order
// even within the same millisecond.
import { monotonicFactory } from 'ulidx';

export type IdSource = () => string;

export function createIdSource(now: () => number = Date.now): IdSource {
  const next = monotonicFactory();
  return () => next(now());
}
