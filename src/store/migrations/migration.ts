// Versioned migrations: PRAGMA user_version says how far a store file is; opening a store applies
// every later migration in order, each in its own transaction, so an older file upgrades in place.
// Several processes may open a new store at once: each migration runs under the write lock
// (BEGIN IMMEDIATE) and re-reads the version inside it, so only the first one applies it.
import type Database from 'better-sqlite3';
import { BatonError, UPDATE_BATON } from '../../core/index.js';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number) {
  const last = target ?? migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  if (current > (migrations[migrations.length - 1]?.version ?? 0)) {
    throw new BatonError(
      'STORE_CORRUPT',
      `the store has schema version ${current}, newer than this Baton understands`,
      { hint: `${UPDATE_BATON}, then run the command again` },
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > last) continue;
    const ran = db
      .transaction(() => {
        if (schemaVersion(db) >= m.version) return false; // Another process applied it meanwhile.
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
        db.pragma(`user_version = ${m.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
