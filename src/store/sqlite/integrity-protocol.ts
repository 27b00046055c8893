// The messages between the store's thread and the integrity check's worker (integrity-worker.ts).

export interface IntegrityStart {
  /** The store file. */
  path: string;
  /** quick_check rather than integrity_check. */
  quick: boolean;
  /** How long the worker's connection waits on a lock before it gives up (ms). */
  busyMs: number;
}

/** The check's lines (`ok` alone when sound), or why it could not run (`code`: SQLite's). */
export type IntegrityAnswer =
  { type: 'done'; lines: string[] } | { type: 'failed'; message: string; code?: string };
