// SyncTarget on an existing PostgreSQL. A push takes the vault row's lock to number its changes,
// so change numbers are handed out in commit order and a pull after number N never misses a change
// committed later with a smaller one. Upserts make a repeated batch a no-op.
import pg from 'pg';
import { BatonError } from '../../core/index.js';
import type {
  PulledRecord,
  SealedRecord,
  SyncTarget,
  VaultInfo,
  VaultKdf,
} from '../sync-target.js';
import { VAULT_MIGRATIONS, VAULT_NAME_RE, memberRole, vaultRoleSql } from './vault-schema.js';

/** Turns a driver or network failure into one line a user can act on. */
export function pgError(error: unknown, remote: string): BatonError {
  if (error instanceof BatonError) return error;
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = (e.message ?? String(error)).split('\n')[0];
  if (code === '57P01' || code === 'ECONNRESET' || /terminat|not queryable/i.test(message ?? '')) {
    return new BatonError('IO', `the sync server closed the connection (${message})`, {
      hint: 'nothing was lost: run the same command again, sync resumes where it stopped',
      cause: error,
    });
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', '57P03'].includes(code)) {
    return new BatonError('IO', `cannot reach the sync server ${remote} (${message})`, {
      hint: 'nothing was lost: run the same command again once the server is up',
      cause: error,
    });
  }
  if (code === '28P01' || code === '28000') {
    return new BatonError('INVALID_INPUT', `the sync server refused the login: ${message}`, {
      cause: error,
    });
  }
  if (code === '42501') {
    return new BatonError('INVALID_INPUT', `the sync server denied access: ${message}`, {
      hint: 'this role is not a member of the vault (see docs/sync.md, "Members")',
      cause: error,
    });
  }
  return new BatonError('IO', `sync with ${remote} failed: ${message}`, { cause: error });
}

/** The remote URL without its password, for messages and the audit log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the sync server';
  }
}

/** Rows per INSERT statement (each ciphertext is one of its parameters; the limit is 65,535). */
const ROWS_PER_INSERT = 4000;

const ROW_COLUMNS = 'id, machine, kind, hlc, tombstone, seq, ciphertext, ids';

interface RecordRow {
  id: string;
  machine: string;
  kind: string;
  hlc: string;
  tombstone: boolean;
  seq: string;
  ciphertext: Buffer;
  ids: string[] | null;
}

const pulledRow = (row: RecordRow): PulledRecord => ({ ...row, seq: Number(row.seq) });

export class PostgresSyncTarget implements SyncTarget {
  /** Why the server closed the connection, when it did (reported by the next query). */
  private lost: unknown;

  private constructor(
    private readonly client: pg.Client,
    private readonly vaultName: string,
    private readonly remote: string,
  ) {}

  static async connect(url: string, vault: string): Promise<PostgresSyncTarget> {
    if (!VAULT_NAME_RE.test(vault)) {
      throw new BatonError(
        'USAGE',
        `a vault name is 1–40 of a-z, 0-9 and _, starting with a letter: ${vault}`,
      );
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
    try {
      await client.connect();
    } catch (error) {
      throw pgError(error, redactUrl(url));
    }
    const target = new PostgresSyncTarget(client, vault, redactUrl(url));
    // A server-side close arrives as an 'error' event between queries; the next query reports it.
    client.on('error', (error) => {
      target.lost = error;
    });
    return target;
  }

  private async run<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    try {
      return await this.client.query<T>(sql, params);
    } catch (error) {
      throw pgError(this.lost ?? error, this.remote);
    }
  }

  /** Creates or upgrades the schema; needs a role allowed to create schemas and roles. */
  async migrate(): Promise<number[]> {
    const applied: number[] = [];
    await this.run('SELECT pg_advisory_lock(hashtext($1))', ['baton-vault-schema']);
    try {
      const has = await this.run<{ ok: boolean }>(
        "SELECT to_regclass('baton.schema_version') IS NOT NULL AS ok",
      );
      const current = has.rows[0]?.ok
        ? ((await this.run<{ v: number }>('SELECT max(version) AS v FROM baton.schema_version'))
            .rows[0]?.v ?? 0)
        : 0;
      for (const m of VAULT_MIGRATIONS) {
        if (m.version <= current) continue;
        await this.inTransaction(async () => {
          await this.run(m.sql);
          if (m.version > 1)
            await this.run('UPDATE baton.schema_version SET version = $1', [m.version]);
        });
        applied.push(m.version);
      }
    } finally {
      await this.run('SELECT pg_advisory_unlock(hashtext($1))', ['baton-vault-schema']);
    }
    return applied;
  }

  private async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN');
    try {
      const out = await fn();
      await this.run('COMMIT');
      return out;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async vault(): Promise<VaultInfo | null> {
    const exists = await this.run<{ ok: boolean }>(
      "SELECT to_regclass('baton.vaults') IS NOT NULL AS ok",
    );
    if (!exists.rows[0]?.ok) return null;
    const r = await this.run<{ name: string; key_check: Buffer; kdf: VaultKdf | null }>(
      'SELECT name, key_check, kdf FROM baton.vaults WHERE name = $1',
      [this.vaultName],
    );
    const row = r.rows[0];
    return row ? { name: row.name, keyCheck: row.key_check, kdf: row.kdf } : null;
  }

  async createVault(info: VaultInfo): Promise<void> {
    await this.migrate();
    await this.inTransaction(async () => {
      await this.run(vaultRoleSql(this.vaultName));
      await this.run(
        `INSERT INTO baton.vaults (name, key_check, kdf, member_role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO NOTHING`,
        [this.vaultName, info.keyCheck, info.kdf, memberRole(this.vaultName)],
      );
    });
  }

  async push(records: readonly SealedRecord[]): Promise<{ written: number }> {
    if (records.length === 0) return { written: 0 };
    return this.inTransaction(async () => {
      const seq = await this.run<{ last_seq: string }>(
        'UPDATE baton.vaults SET last_seq = last_seq + $2 WHERE name = $1 RETURNING last_seq',
        [this.vaultName, records.length],
      );
      const last = seq.rows[0]?.last_seq;
      if (last === undefined)
        throw new BatonError('NOT_FOUND', `no vault ${this.vaultName} on the server`);
      const first = Number(last) - records.length + 1;
      let written = 0;
      for (let at = 0; at < records.length; at += ROWS_PER_INSERT) {
        written += await this.insert(records.slice(at, at + ROWS_PER_INSERT), first + at);
      }
      const gone = records.filter((r) => r.tombstone);
      if (gone.length > 0) {
        // A forgotten record keeps one version, the tombstone: the others held its content.
        await this.run(
          `DELETE FROM baton.records d USING unnest($2::text[], $3::text[]) AS t(id, machine)
           WHERE d.vault = $1 AND d.id = t.id AND d.machine <> t.machine`,
          [this.vaultName, gone.map((r) => r.id), gone.map((r) => r.machine)],
        );
      }
      return { written };
    });
  }

  /**
   * One upsert of `rows`, numbered from `seq`. Each ciphertext is a parameter of its own, sent as
   * binary; inside an array parameter it would travel as escaped hex text, several times slower.
   * An event pack's id list travels as one space-separated text (a text[][] must be rectangular).
   */
  private async insert(rows: readonly SealedRecord[], seq: number): Promise<number> {
    const cts = rows.map((_, i) => `$${i + 9}::bytea`).join(', ');
    const r = await this.run(
      `INSERT INTO baton.records
         (vault, id, machine, kind, hlc, size, tombstone, seq, ciphertext, ids)
       SELECT $1, r.id, r.machine, r.kind, r.hlc, octet_length(r.ct), r.tomb, $2 + r.n - 1, r.ct,
         CASE WHEN r.ids IS NULL THEN NULL
              WHEN r.ids = '' THEN '{}'::text[] ELSE string_to_array(r.ids, ' ') END
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[],
         ARRAY[${cts}]::bytea[]) WITH ORDINALITY AS r(id, machine, kind, hlc, tomb, ids, ct, n)
       ON CONFLICT (vault, id, machine) DO UPDATE SET kind = excluded.kind, hlc = excluded.hlc,
         size = excluded.size, tombstone = excluded.tombstone, seq = excluded.seq,
         ciphertext = excluded.ciphertext, ids = excluded.ids
       WHERE baton.records.hlc < excluded.hlc`,
      [
        this.vaultName,
        seq,
        rows.map((r) => r.id),
        rows.map((r) => r.machine),
        rows.map((r) => r.kind),
        rows.map((r) => r.hlc),
        rows.map((r) => r.tombstone),
        rows.map((r) => (r.ids ? r.ids.join(' ') : null)),
        ...rows.map((r) => r.ciphertext),
      ],
    );
    return r.rowCount ?? 0;
  }

  async pull(
    afterSeq: number,
    limit: number,
    exceptMachine: string,
    maxBytes = 8 * 1024 * 1024,
  ): Promise<PulledRecord[]> {
    // The rows to send are chosen first on their sizes alone (a running sum over at most `limit`
    // rows), then fetched with their ciphertext.
    const r = await this.run<RecordRow>(
      `SELECT ${ROW_COLUMNS} FROM baton.records
       WHERE vault = $1 AND seq > $2 AND machine <> $3 AND kind <> 'blob' AND seq <= (
         SELECT max(seq) FROM (
           SELECT seq, sum(size) OVER (ORDER BY seq) - size AS before FROM baton.records
           WHERE vault = $1 AND seq > $2 AND machine <> $3 AND kind <> 'blob'
           ORDER BY seq LIMIT $4) w
         WHERE before < $5)
       ORDER BY seq`,
      [this.vaultName, afterSeq, exceptMachine, limit, maxBytes],
    );
    return r.rows.map(pulledRow);
  }

  async packsHolding(eventIds: readonly string[]): Promise<PulledRecord[]> {
    const r = await this.run<RecordRow>(
      `SELECT ${ROW_COLUMNS} FROM baton.records
       WHERE vault = $1 AND kind = 'events' AND ids && $2::text[]`,
      [this.vaultName, eventIds],
    );
    return r.rows.map(pulledRow);
  }

  async blobs(ids: readonly string[]): Promise<Map<string, Buffer>> {
    const r = await this.run<{ id: string; ciphertext: Buffer }>(
      `SELECT id, ciphertext FROM baton.records WHERE vault = $1 AND kind = 'blob' AND id = ANY($2)`,
      [this.vaultName, ids],
    );
    return new Map(r.rows.map((row) => [row.id, row.ciphertext]));
  }

  async lastSeq(): Promise<number> {
    const r = await this.run<{ last_seq: string }>(
      'SELECT last_seq FROM baton.vaults WHERE name = $1',
      [this.vaultName],
    );
    return Number(r.rows[0]?.last_seq ?? 0);
  }

  async audit(machine: string, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.run(
      'INSERT INTO baton.audit (vault, machine, action, detail) VALUES ($1, $2, $3, $4)',
      [this.vaultName, machine, action, detail],
    );
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
