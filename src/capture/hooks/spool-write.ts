// The hook hot path's only write: one file per hook invocation in $BATON_HOME/spool, written
// under a temporary name, flushed, then renamed into place, so a reader sees whole files only.
// The payload is encrypted (spool-seal.ts): nothing unredacted rests on disk.
// It needs no SQLite (loading it costs more than the rest of the hook), and is drained into the
// store by the next lifecycle hook, CLI command or import (spool-drain.ts).
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sealSpooled, spoolKey, spoolNonce } from './spool-seal.js';

export const spoolDir = (home: string) => join(home, 'spool');
export const SPOOL_SUFFIX = '.hook';

let counter = 0;

/** This process's next spool count (a part of each name and nonce: never twice in a process). */
export function nextSpoolCount(): number {
  counter += 1;
  return counter;
}

/** The name a spooled file's path stands for (its arrival order and identity), without `.hook`. */
export function spooledName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith(SPOOL_SUFFIX) ? base.slice(0, -SPOOL_SUFFIX.length) : base;
}

/** Spools one hook payload (its exact stdin text), stamped with when it arrived. */
export function spoolHook(
  home: string,
  agent: string,
  payloadText: string,
  receivedAt: number,
  pid: number,
  /** What the hook process noted about itself (kept beside the payload, not encrypted). */
  note?: Record<string, unknown>,
): string {
  const dir = spoolDir(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const count = nextSpoolCount();
  // Names sort in arrival order: time first, then process and a per-process counter (padded, so
  // a process's 10th payload of a millisecond sorts after its 9th).
  const name = `${String(receivedAt).padStart(13, '0')}-${pid}-${String(count).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`;
  const tmp = join(dir, `.${name}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const nonce = spoolNonce(receivedAt, pid, count);
    writeSync(fd, sealSpooled(spoolKey(home), nonce, agent, receivedAt, payloadText, note));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const target = join(dir, name + SPOOL_SUFFIX);
  renameSync(tmp, target);
  return target;
}
