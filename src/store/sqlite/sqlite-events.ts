import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { BatonError, parseHlc } from '../../core/index.js';
import type { BatonEvent, EventKind, EventSource, JsonObject } from '../../core/index.js';
import type { AppendResult, EventFilter, EventInput, Events } from '../store.js';
import { prepareEvent } from '../prepare-event.js';
import { bindable, unpackText } from '../text-codec.js';
import type { EventPreparation, PreparedEvent } from '../prepare-event.js';
import { parseJson, write } from './context.js';
import { EventsIndex } from './events-index.js';
import type { SqliteContext } from './context.js';
import { SqliteRawBlocks, redactRaw } from './sqlite-raw-blocks.js';
import { decodeBlock } from './raw-codec.js';
import type { PackedRaw } from '../prepare-raw.js';
import type { RawPointer } from './sqlite-raw-blocks.js';

interface EventRow {
  seq: number;
  id: string;
  session_id: string;
  ts: number;
  kind: EventKind;
  role: string | null;
  tool: string | null;
  /** Plain or packed (../text-codec.ts). */
  text: string | Buffer | null;
  data: string | Buffer | null;
  source: EventSource;
  ref: string | null;
  hlc: string;
}

const COLUMNS =
  'e.seq, e.id, e.session_id, e.ts, e.kind, e.role, e.tool, e.text, e.data, e.source, e.ref, e.hlc';

export const toEvent = (r: EventRow): BatonEvent => ({
  seq: r.seq,
  id: r.id,
  sessionId: r.session_id,
  ts: r.ts,
  kind: r.kind,
  role: r.role,
  tool: r.tool,
  text: unpackText(r.text),
  data: r.data === null ? null : parseJson<JsonObject>(unpackText(r.data), {}),
  source: r.source,
  ref: r.ref,
  machineId: parseHlc(r.hlc).machineId,
  hlc: r.hlc,
});

/**
 * An event's values for the insert, up to the raw record's place (id … hlc). Every event has a
 * ref: without one from its source, its own id serves, so an export re-imported into this very
 * store is recognised.
 */
function eventValues(e: PreparedEvent, id: string, ts: number, hlc: string): unknown[] {
  return [
    id,
    e.sessionId,
    ts,
    e.kind,
    e.role,
    e.tool,
    bindable(e.storedText),
    bindable(e.storedData),
    e.source,
    e.ref ?? id,
    hlc,
  ];
}

/** Events added per session and the latest of their times: each session is touched once. */
class SessionTally {
  private readonly bySession = new Map<string, { n: number; last: number }>();

  add(sessionId: string, ts: number): void {
    let s = this.bySession.get(sessionId);
    if (!s) this.bySession.set(sessionId, (s = { n: 0, last: 0 }));
    s.n += 1;
    s.last = Math.max(s.last, ts);
  }

  write(touch: Database.Statement): void {
    for (const [sessionId, s] of this.bySession) touch.run(s.n, s.last, sessionId);
  }
}

/** Each event's record out of packed blocks (a store at an older schema keeps them one by one). */
function unpackRaw(raw: PackedRaw): (Buffer | null)[] {
  const blocks = raw.blocks.map((b) => (b.plain ? b.data : decodeBlock(b.data)));
  return raw.pointers.map((p) =>
    p === null ? null : blocks[p.block]!.subarray(p.off, p.off + p.len),
  );
}

/** Rows a bulk insert writes with one statement (insertMany). */
const ROWS = 32;
const EVENT_INSERT = `INSERT INTO events (id, session_id, ts, kind, role, tool, text, data, source, ref, hlc,
  raw_block, raw_off, raw_len) VALUES `;

/** The insert of `rows` events (14 columns each). */
function eventRowsSql(rows: number): string {
  return EVENT_INSERT + Array.from({ length: rows }, () => `(${'?, '.repeat(13)}?)`).join(', ');
}
const FULL_ROWS_SQL = eventRowsSql(ROWS);
const ONE_ROW_SQL = eventRowsSql(1);

/** Refs asked about per query when finding what a batch already holds. */
const REFS_PER_QUERY = 400;

export class SqliteEvents implements Events {
  private readonly insert: Database.Statement;
  private readonly index: EventsIndex;
  private readonly touch: Database.Statement;
  private readonly blocks: SqliteRawBlocks;
  private readonly packed: boolean;
  private readonly redactionKey: string;

  constructor(private readonly ctx: SqliteContext) {
    // The key the store's redactor was made with (see sqlite-store.ts), for preparation().
    this.redactionKey =
      (
        ctx.db.prepare("SELECT value FROM meta WHERE key = 'redaction_key'").get() as
          { value: string } | undefined
      )?.value ?? '';
    // A store held at an older schema (upgrade tests stop migrating early) keeps one deflated
    // raw record per event, as schema 1 and 2 did.
    this.packed = (ctx.db.pragma('user_version', { simple: true }) as number) >= 3;
    this.insert = ctx.db.prepare(
      `INSERT INTO events (id, session_id, ts, kind, role, tool, text, data, source, ref, hlc,
         ${this.packed ? 'raw_block, raw_off, raw_len' : 'raw'})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${this.packed ? '?, ?, ?' : '?'}) ON CONFLICT DO NOTHING`,
    );
    this.blocks = new SqliteRawBlocks(ctx);
    this.index = new EventsIndex(ctx);
    this.touch = ctx.db.prepare(
      `UPDATE sessions SET event_count = event_count + ?, last_activity_at = max(last_activity_at, ?)
       WHERE id = ?`,
    );
  }

  append(inputs: EventInput[]): AppendResult {
    const { ctx } = this;
    return write(ctx, () => {
      // Raw records of events already stored are not packed (a re-read must not grow the store),
      // and their text is not redacted: only what is new is prepared.
      const known = this.storedRefs(inputs);
      const records = inputs.map((input, i) =>
        input.raw === undefined || input.raw === null || known[i]
          ? null
          : redactRaw(ctx, input.raw, input.rawBytes),
      );
      const pointers = this.packed
        ? this.blocks.pack(
            records,
            inputs.map((input) => input.sessionId),
          )
        : records.map((r) => (r ? deflateRawSync(r) : null));
      return this.insertPrepared(
        inputs.map((input, i) => (known[i] ? null : prepareEvent(ctx.redactor, input))),
        pointers,
      );
    });
  }

  appendPrepared(events: PreparedEvent[], raw?: PackedRaw): AppendResult {
    return write(this.ctx, () => {
      if (raw === undefined) {
        return this.packed && this.index.full
          ? this.insertMany(events, this.storedRefs(events))
          : this.insertPrepared(events, []);
      }
      const known = this.storedRefs(events);
      const fresh = known.map((k) => !k);
      const sessionIds = events.map((e) => e.sessionId);
      if (this.packed && this.index.full) {
        return this.insertMany(events, known, this.blocks.insertPacked(raw, fresh, sessionIds));
      }
      const pointers: (RawPointer | Buffer | null)[] = this.packed
        ? this.blocks.insertPacked(raw, fresh, sessionIds)
        : unpackRaw(raw).map((r, i) => (r && fresh[i] ? deflateRawSync(r) : null));
      return this.insertPrepared(
        events.map((e, i) => (known[i] ? null : e)),
        pointers,
      );
    });
  }

  /**
   * Inserts the new events (known: stored already, or earlier in the batch) ROWS to a statement:
   * a bulk import's cost is mostly calls into SQLite. The rows are known to be new, so the insert
   * has no ON CONFLICT: a clash would be a bug, and fails the write. A table's new rowids are consecutive (each is one more than the largest), so the
   * last one gives them all.
   */
  private insertMany(
    events: PreparedEvent[],
    known: boolean[],
    raws: (RawPointer | null)[] = [],
  ): AppendResult {
    const { ctx } = this;
    const seqs: (number | null)[] = events.map(() => null);
    const fresh: number[] = [];
    for (let i = 0; i < events.length; i++) if (!known[i]) fresh.push(i);
    const tally = new SessionTally();
    const args: unknown[] = [];
    let part: number[] = [];
    const flush = () => {
      // A full part in one statement; the rest of a batch one row a statement, so that only two
      // shapes of insert are ever prepared (a long-running daemon keeps what it prepares).
      const rows = part.length === ROWS ? ROWS : 1;
      const insert = ctx.stmt(rows === ROWS ? FULL_ROWS_SQL : ONE_ROW_SQL);
      const width = args.length / part.length;
      for (let at = 0; at < part.length; at += rows) {
        const info =
          rows === ROWS
            ? insert.run(...args)
            : insert.run(...args.slice(at * width, (at + 1) * width));
        if (info.changes !== rows) {
          throw new BatonError('INTERNAL', `inserted ${info.changes} of ${rows} events`);
        }
        const first = Number(info.lastInsertRowid) - rows + 1;
        for (let k = 0; k < rows; k++) seqs[part[at + k]!] = first + k;
      }
      args.length = 0;
      part = [];
    };
    for (const i of fresh) {
      const e = events[i]!;
      const ts = e.ts ?? ctx.clock.now();
      const id = ctx.ids();
      const raw = raws[i] ?? null;
      args.push(...eventValues(e, id, ts, ctx.hlc.tick()), raw?.block ?? null, raw?.off ?? null);
      args.push(raw?.len ?? null);
      part.push(i);
      if (part.length === ROWS) flush();
      tally.add(e.sessionId, ts);
    }
    if (part.length) flush();
    const sessionFacts = this.index.sessionCache();
    // Index rows one a call: a multi-row insert into the virtual table costs more, not less.
    for (const i of fresh) this.index.add(seqs[i]!, events[i]!, sessionFacts(events[i]!.sessionId));
    tally.write(this.touch);
    return { inserted: fresh.length, duplicates: events.length - fresh.length, seqs };
  }

  preparation(): EventPreparation {
    return { redactionKey: this.redactionKey };
  }

  /** Inserts events (null: known already) with their raw records (packed pointers or deflated). */
  private insertPrepared(
    events: (PreparedEvent | null)[],
    raws: (RawPointer | Buffer | null)[],
  ): AppendResult {
    const { ctx } = this;
    const seqs: (number | null)[] = [];
    const tally = new SessionTally();
    const sessionFacts = this.index.sessionCache();
    // Index rows after all the event rows: an insert into events between two index rows makes the
    // full-text index write out what it holds in memory each time (measured: 2.3x the cost).
    const indexed: [number, PreparedEvent][] = [];
    let inserted = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (!e) {
        seqs.push(null);
        continue;
      }
      const ts = e.ts ?? ctx.clock.now();
      const raw = raws[i] ?? null;
      const id = ctx.ids();
      const head = eventValues(e, id, ts, ctx.hlc.tick());
      const info = this.packed
        ? this.insert.run(
            ...head,
            (raw as RawPointer | null)?.block ?? null,
            (raw as RawPointer | null)?.off ?? null,
            (raw as RawPointer | null)?.len ?? null,
          )
        : this.insert.run(...head, raw);
      if (info.changes === 0) {
        seqs.push(null);
        continue;
      }
      const seq = Number(info.lastInsertRowid);
      seqs.push(seq);
      inserted += 1;
      indexed.push([seq, e]);
      tally.add(e.sessionId, ts);
    }
    for (const [seq, e] of indexed) this.index.add(seq, e, sessionFacts(e.sessionId));
    tally.write(this.touch);
    return { inserted, duplicates: events.length - inserted, seqs };
  }

  /** For each input, whether its (session, ref) is already stored or comes earlier in the batch. */
  private storedRefs(inputs: { sessionId: string; ref?: string | null }[]): boolean[] {
    const bySession = new Map<string, string[]>();
    for (const input of inputs) {
      if (input.ref === undefined || input.ref === null) continue;
      const refs = bySession.get(input.sessionId) ?? [];
      refs.push(input.ref);
      bySession.set(input.sessionId, refs);
    }
    const stored = new Set<string>();
    // One statement for any number of refs (a list as JSON): one SQL text per chunk length would
    // leave hundreds of prepared statements in the cache of a long-running process.
    const find = this.ctx.stmt(
      'SELECT ref FROM events WHERE session_id = ? AND ref IN (SELECT value FROM json_each(?))',
    );
    for (const [sessionId, refs] of bySession) {
      for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
        const chunk = refs.slice(i, i + REFS_PER_QUERY);
        const rows = find.all(sessionId, JSON.stringify(chunk)) as { ref: string }[];
        for (const r of rows) stored.add(`${sessionId}\u0000${r.ref}`);
      }
    }
    const seen = new Set<string>();
    return inputs.map((input) => {
      if (input.ref === undefined || input.ref === null) return false;
      const key = `${input.sessionId}\u0000${input.ref}`;
      if (stored.has(key) || seen.has(key)) return true;
      seen.add(key);
      return false;
    });
  }

  private select(filter: EventFilter): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    let from = 'events e';
    if (filter.sessionId !== undefined) {
      where.push('e.session_id = ?');
      params.push(filter.sessionId);
    }
    if (filter.projectId !== undefined) {
      from = 'events e JOIN sessions s ON s.id = e.session_id';
      where.push('s.project_id = ?');
      params.push(filter.projectId);
    }
    if (filter.kinds?.length) {
      where.push(`e.kind IN (${filter.kinds.map(() => '?').join(', ')})`);
      params.push(...filter.kinds);
    }
    if (filter.since !== undefined) {
      where.push('e.ts >= ?');
      params.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('e.ts <= ?');
      params.push(filter.until);
    }
    if (filter.afterSeq !== undefined) {
      where.push('e.seq > ?');
      params.push(filter.afterSeq);
    }
    if (filter.beforeSeq !== undefined) {
      where.push('e.seq < ?');
      params.push(filter.beforeSeq);
    }
    const order = filter.order === 'desc' ? 'DESC' : 'ASC';
    const sql = `SELECT ${COLUMNS} FROM ${from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY e.seq ${order} LIMIT ?`;
    params.push(filter.limit ?? -1);
    return { sql, params };
  }

  list(filter: EventFilter): BatonEvent[] {
    const { sql, params } = this.select(filter);
    return (this.ctx.db.prepare(sql).all(...params) as EventRow[]).map(toEvent);
  }

  *iterate(filter: EventFilter): IterableIterator<BatonEvent> {
    const { sql, params } = this.select(filter);
    for (const row of this.ctx.db.prepare(sql).iterate(...params)) yield toEvent(row as EventRow);
  }

  get(idOrSeq: string | number): BatonEvent | null {
    const row = (
      typeof idOrSeq === 'number'
        ? this.ctx.db.prepare(`SELECT ${COLUMNS} FROM events e WHERE e.seq = ?`).get(idOrSeq)
        : this.ctx.db.prepare(`SELECT ${COLUMNS} FROM events e WHERE e.id = ?`).get(idOrSeq)
    ) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  nthInSession(sessionId: string, n: number): BatonEvent | null {
    if (!Number.isInteger(n) || n < 1) return null;
    const row = this.ctx.db
      .prepare(
        `SELECT ${COLUMNS} FROM events e WHERE e.session_id = ? ORDER BY e.seq LIMIT 1 OFFSET ?`,
      )
      .get(sessionId, n - 1) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  raw(seq: number): string | null {
    const row = this.ctx.db
      .prepare(
        this.packed
          ? 'SELECT raw, raw_block, raw_off, raw_len FROM events WHERE seq = ?'
          : 'SELECT raw, NULL AS raw_block FROM events WHERE seq = ?',
      )
      .get(seq) as
      | { raw: Buffer | null; raw_block: number | null; raw_off: number; raw_len: number }
      | undefined;
    if (!row) return null;
    if (row.raw) return inflateRawSync(row.raw).toString('utf8');
    if (row.raw_block === null) return null;
    return this.blocks.read({ block: row.raw_block, off: row.raw_off, len: row.raw_len });
  }

  count(filter: { sessionId?: string; projectId?: string } = {}): number {
    if (filter.sessionId !== undefined) {
      return (
        this.ctx.db
          .prepare('SELECT count(*) AS n FROM events WHERE session_id = ?')
          .get(filter.sessionId) as {
          n: number;
        }
      ).n;
    }
    if (filter.projectId !== undefined) {
      return (
        this.ctx.db
          .prepare('SELECT coalesce(sum(event_count), 0) AS n FROM sessions WHERE project_id = ?')
          .get(filter.projectId) as { n: number }
      ).n;
    }
    return (this.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  indexAfter<T>(fn: () => T): T {
    return EventsIndex.deferring(this.ctx, fn);
  }

  holderOfRef(sessionIds: string[], ref: string): string | null {
    if (sessionIds.length === 0) return null;
    const rows = this.ctx
      .stmt(
        `SELECT session_id AS id FROM events
         WHERE ref = ? AND session_id IN (SELECT value FROM json_each(?))`,
      )
      .all(ref, JSON.stringify(sessionIds)) as { id: string }[];
    if (rows.length === 0) return null;
    const holders = new Set(rows.map((r) => r.id));
    return sessionIds.find((id) => holders.has(id)) ?? null;
  }

  findByRef(
    sessionId: string,
    ref: string,
  ): { tool: string | null; data: JsonObject | null } | null {
    const row = this.ctx
      .stmt('SELECT tool, data FROM events WHERE session_id = ? AND ref = ?')
      .get(sessionId, ref) as { tool: string | null; data: string | Buffer | null } | undefined;
    if (!row) return null;
    return {
      tool: row.tool,
      data: row.data === null ? null : (JSON.parse(unpackText(row.data)!) as JsonObject),
    };
  }

  countRefsInRange(sessionId: string, from: string, to: string, source?: EventSource): number {
    const sql = 'SELECT count(*) AS n FROM events WHERE session_id = ? AND ref >= ? AND ref < ?';
    const row = (
      source === undefined
        ? this.ctx.stmt(sql).get(sessionId, from, to)
        : this.ctx.stmt(`${sql} AND source = ?`).get(sessionId, from, to, source)
    ) as { n: number };
    return row.n;
  }

  seqOfRef(sessionId: string, ref: string): number | null {
    const row = this.ctx
      .stmt('SELECT seq FROM events WHERE session_id = ? AND ref = ?')
      .get(sessionId, ref) as { seq: number } | undefined;
    return row?.seq ?? null;
  }

  lastSeq(): number {
    return (
      this.ctx.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }
    ).n;
  }
}
