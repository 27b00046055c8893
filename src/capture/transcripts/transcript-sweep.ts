// A hook's look at its transcript: imports what the file gained since the last read, unless that
// is more than a hook should take on (the rest waits for `baton import`). Hooks carry what they
// see; the transcript carries the rest (assistant text, tool output), with the same refs.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Store } from '../../store/index.js';
import type { TranscriptImporter } from '../adapter.js';

/** A hook reads at most this much new transcript. */
export const SWEEP_LIMIT = 16 * 1024 * 1024;

export function sweepTranscript(
  store: Store,
  importer: TranscriptImporter['importFile'],
  path: string | undefined,
  limit = SWEEP_LIMIT,
): void {
  if (!path) return;
  const abs = resolve(path);
  let size: number;
  try {
    size = statSync(abs).size;
  } catch {
    return; // not written yet
  }
  const cursor = store.getCursor(abs);
  const offset = cursor?.offset ?? 0;
  if (cursor && size === cursor.size && size <= offset) return;
  if (size - offset > limit) return;
  importer(store, { path: abs, role: 'session' });
}
