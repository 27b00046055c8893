// The integrity check's worker: `PRAGMA quick_check` (or integrity_check) reads every page of the
// store — seconds on a big one — so the daemon runs it here, on a read-only connection of its own,
// and its thread stays free for the API, the live stream and the hooks' writes meanwhile. In WAL
// mode a reader never waits on the writer, nor the writer on it. The connection is closed before the
// answer is sent: nothing of the store stays open in a worker that may be terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { Database } from './driver.js';
import type { IntegrityAnswer, IntegrityStart } from './integrity-protocol.js';

const { path, quick, busyMs } = workerData as IntegrityStart;

function check(): IntegrityAnswer {
  let db: InstanceType<typeof Database> | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyMs });
    const rows = db.pragma(quick ? 'quick_check' : 'integrity_check') as Record<string, string>[];
    return { type: 'done', lines: rows.map((r) => Object.values(r)[0] ?? '') };
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown };
    return {
      type: 'failed',
      message: String(e.message ?? error),
      ...(typeof e.code === 'string' && { code: e.code }),
    };
  } finally {
    db?.close();
  }
}

parentPort!.postMessage(check());
