// A write-ahead log cut short (a copy that stopped halfway, a disk that lost its tail) loses the
// transactions in its missing frames, and SQLite opens what is left without a word. The shared
// memory index (`-shm`) left by the last writer still says how many frames were committed, so
// before SQLite reads the log (and rebuilds that index) the two are compared: fewer whole frames
// on disk than committed means committed writes are gone. The log is then copied aside, and the
// store notes it for `baton doctor`.
import { closeSync, copyFileSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalCut {
  /** Frames the last writer had committed. */
  committed: number;
  /** Whole frames the log holds now. */
  present: number;
  /** Where the cut log was copied. */
  keptAt: string;
}

function readAt(path: string, length: number): { bytes: Buffer; size: number } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const bytes = Buffer.alloc(length);
    const n = readSync(fd, bytes, 0, length, 0);
    return { bytes: bytes.subarray(0, n), size: fstatSync(fd).size };
  } finally {
    closeSync(fd);
  }
}

/** The committed frame count of the wal-index header (copy 1), or null when there is none. */
function committedFrames(shmPath: string): number | null {
  const shm = readAt(shmPath, 48);
  if (!shm || shm.bytes.length < 48 || shm.bytes[12] !== 1) return null; // isInit
  // The wal-index is in the machine's own byte order.
  return shm.bytes.readUInt32LE(0) === 3007000
    ? shm.bytes.readUInt32LE(16)
    : shm.bytes.readUInt32BE(16);
}

/** Checks `<db>-wal` against `<db>-shm`; a cut log is copied aside and described. */
export function findWalCut(dbPath: string, now: number): WalCut | null {
  const walPath = `${dbPath}-wal`;
  if (!existsSync(walPath)) return null;
  const committed = committedFrames(`${dbPath}-shm`);
  if (committed === null || committed === 0) return null;
  const wal = readAt(walPath, WAL_HEADER);
  if (!wal) return null;
  const pageSize = wal.bytes.length < WAL_HEADER ? 0 : wal.bytes.readUInt32BE(8);
  const present = pageSize
    ? Math.max(0, Math.floor((wal.size - WAL_HEADER) / (FRAME_HEADER + pageSize)))
    : 0;
  if (present >= committed) return null;
  // A checkpoint that truncated the log between the two reads is no cut: look again.
  if (committedFrames(`${dbPath}-shm`) !== committed) return null;
  const keptAt = `${walPath}.cut-${now}`;
  copyFileSync(walPath, keptAt);
  return { committed, present, keptAt };
}
