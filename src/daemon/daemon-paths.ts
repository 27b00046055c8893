// Where the daemon keeps its files, all inside $BATON_HOME: one daemon per home, so one per user.
import { basename, join } from 'node:path';

/**
 * V8 settings the daemon runs with. It lives for days and its work comes in bursts (a long append
 * read, a bulk upload): left to its defaults V8 keeps a large young generation and grows the heap
 * well past what is alive, and the process stays at its high-water mark. These bound that without
 * capping the heap (a hard cap would turn a large request into a crash). `--expose-gc` lets the
 * daemon collect once at the end of a large burst, instead of holding the burst's garbage until
 * the heap next fills.
 */
export const DAEMON_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=2',
  '--optimize-for-size',
  '--expose-gc',
];

/**
 * Environment the daemon starts with, under what the user set: on glibc, threads (the import's
 * workers, SQLite's, zlib's) each get a malloc arena by default, and memory freed in one stays
 * resident; two arenas keep the daemon's memory near what it uses (about 25 MB less after a long
 * tail). And glibc raises its mmap threshold each time a large block is freed, until blocks of
 * up to 32 MB (compression windows, SQLite's index buffers) come from the heap, where freeing
 * them leaves holes that stay resident; pinning the threshold at glibc's starting 128 KiB keeps
 * such blocks mapped on their own, returned whole when freed, and a lower trim threshold gives
 * the heap's free top back sooner (about 20 MB less after a burst). Other C libraries ignore
 * these.
 */
export const DAEMON_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** The daemon's command line after its program: node's flags when the program is node. */
export function daemonArgs(launch: { command: string; args: string[] }): string[] {
  const node = /^node(\.exe)?$/i.test(basename(launch.command));
  return [...(node ? DAEMON_NODE_FLAGS : []), ...launch.args, 'daemon', 'run'];
}

export interface DaemonPaths {
  /** The running daemon's pid and port, as JSON (written once it listens). */
  pid: string;
  /** Held (created exclusively) by the one running daemon. */
  lock: string;
  log: string;
  /** The bearer token the HTTP API asks for; mode 0600. */
  token: string;
}

export function daemonPaths(home: string): DaemonPaths {
  return {
    pid: join(home, 'daemon.pid'),
    lock: join(home, 'daemon.lock'),
    log: join(home, 'logs', 'daemon.log'),
    token: join(home, 'daemon.token'),
  };
}

/** The port the API listens on unless `daemon.port` or $BATON_DAEMON_PORT says otherwise. */
export const DEFAULT_PORT = 4317;
