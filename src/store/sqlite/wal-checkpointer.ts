// A second connection that checkpoints a store's WAL while a bulk write goes on: the writer turns
// its own checkpoints off (Maintenance.deferCheckpoints) and this connection, opened on another
// thread, copies committed pages into the database file meanwhile (PASSIVE: it never blocks the
// writer), so the writer's thread neither copies them nor waits on their fsync.
import { Database } from './driver.js';
import type { Database as Connection } from './driver.js';

export class WalCheckpointer {
  private readonly db: Connection;

  constructor(path: string) {
    this.db = new Database(path, { fileMustExist: true, timeout: 5000 });
  }

  /** Pages copied so far and pages in the WAL. */
  checkpoint(): { copied: number; wal: number } {
    const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as {
      log: number;
      checkpointed: number;
    }[];
    return { copied: row?.checkpointed ?? 0, wal: row?.log ?? 0 };
  }

  close(): void {
    this.db.close();
  }
}
