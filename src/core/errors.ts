// One error type with a string code, so callers branch on the code, not on message text. Each edge translates it once: the CLI into a
// one-line message and an exit code, MCP into a tool error, HTTP into a status.

export const ERROR_CODES = {
  /** The command line itself is wrong. */
  USAGE: 2,
  /** A session, todo, checkpoint… that does not exist. */
  NOT_FOUND: 3,
  /** Input data that fails validation (a value, a file, a line). */
  INVALID_INPUT: 4,
  /** Another process holds the store longer than the busy timeout. */
  STORE_LOCKED: 5,
  /** The store file is damaged or is not a Baton store. */
  STORE_CORRUPT: 6,
  /** The file system refused: full disk, permissions, missing file. */
  IO: 7,
  /** A batch finished but some items failed (malformed lines); the rest was kept. */
  PARTIAL: 1,
  /** A bug in Baton. */
  INTERNAL: 70,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * How to get a newer Baton, said the way the README installs it (from a clone: the npm name is not
 * published yet). Every hint that asks for a newer Baton uses this line.
 */
export const UPDATE_BATON = 'update Baton: git pull && npm install in its clone';

export class BatonError extends Error {
  override readonly name = 'BatonError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code];
  }
}

export function isBatonError(error: unknown): error is BatonError {
  return error instanceof BatonError;
}

/** Turns low-level failures (SQLite, file system) into a BatonError a user can act on. */
export function classifyError(error: unknown): BatonError {
  if (error instanceof BatonError) return error;
  const err = error as { code?: string; message?: string } | undefined;
  const code = err?.code ?? '';
  const message = err?.message ?? String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new BatonError('STORE_LOCKED', 'the store is locked by another process', {
      hint: 'retry in a moment; if it persists, find the process holding it (baton doctor)',
      cause: error,
    });
  }
  if (code === 'SQLITE_CORRUPT_VTAB') {
    return new BatonError('STORE_CORRUPT', `the search index is damaged: ${message}`, {
      hint: 'rebuild it from the events, losing nothing: baton doctor --fix',
      cause: error,
    });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new BatonError('STORE_CORRUPT', `the store is damaged: ${message}`, {
      hint: 'copy what it still holds into a new store with `baton doctor --salvage`, or restore a backup with `baton restore-backup PATH`',
      cause: error,
    });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new BatonError(
      'IO',
      'the disk is full; nothing after the last acknowledged write was kept',
      {
        hint: 'free some space and run the command again',
        cause: error,
      },
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    // The file system's own error names the call and the path; a person needs the path.
    const path = (error as { path?: unknown }).path;
    return new BatonError('IO', `permission denied: ${typeof path === 'string' ? path : message}`, {
      hint: 'Baton reads and writes its home folder ($BATON_HOME) as you: check its owner and mode (ls -ld), or set BATON_HOME to a folder of yours',
      cause: error,
    });
  }
  if (code === 'ENOENT') return new BatonError('IO', message, { cause: error });
  if (code === 'SQLITE_CANTOPEN') {
    return new BatonError('IO', `cannot open the store: ${message}`, { cause: error });
  }
  return new BatonError('INTERNAL', message, { cause: error });
}
