// Where the daemon keeps its files, all inside $BATON_HOME: one daemon per home, so one per user.
import { join } from 'node:path';

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
