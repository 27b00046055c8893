// Ranking over the journal's contentless index. FTS5 finds the candidates — every filter on
// kind, session, agent and project is a token of the index's `meta` column, so it narrows inside
// FTS5, and only a time range needs the events table — and bm25.ts scores them from their text.
//
// A common word matches hundreds of thousands of events; scoring them all would take most of a
// second. So the newest RANK_WINDOW matches are the candidates: a rarer query (fewer matches) is
// ranked over all of its matches exactly, a common one returns the best of its most recent
// matches — which is what someone typing a common word is after — in a few milliseconds.
import type { EventKind } from '../core/index.js';
import { ftsMetaToken, storedTextSql, unpackTexts } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { EventMatch } from './fts-match.js';
import type { SearchScope } from './search-scope.js';

/** Matches sampled to estimate how many documents hold a word (see estimateDf). */
const DF_SAMPLE = 400;
/**
 * At most this much of an event's text is scored and searched for a snippet: a 50 MB tool
 * output would otherwise cost seconds and gigabytes to tokenise, and its first 64 KiB say what
 * it is as well as the rest.
 */
export const TEXT_WINDOW = 65_536;
/** An event's text as SQL reads it (long ones are stored compressed). */
const TEXT = storedTextSql('e.text');
/** Data larger than this names no files worth parsing it for (it is an output, not a call). */
const DATA_WINDOW = 262_144;
/**
 * An event's text and data as a reader of many rows selects them: plain ones bounded in SQL,
 * packed ones as their stored bytes, for `unpackWindows` to inflate together and bound the same
 * way (a text to its first TEXT_WINDOW characters when longer than TEXT_WINDOW bytes, data to
 * nothing when longer than DATA_WINDOW bytes).
 */
const WINDOWED_TEXT = `CASE WHEN typeof(e.text) = 'blob' OR octet_length(e.text) <= ${TEXT_WINDOW}
  THEN e.text ELSE substr(e.text, 1, ${TEXT_WINDOW}) END AS text`;
const WINDOWED_DATA = `CASE WHEN typeof(e.data) = 'blob' OR octet_length(e.data) <= ${DATA_WINDOW}
  THEN e.data END AS data`;

/** A row as WINDOWED_TEXT and WINDOWED_DATA select it: packed values still as stored bytes. */
type Windowed<T extends { text: string | null; data: string | null }> = Omit<T, 'text' | 'data'> & {
  text: string | Uint8Array | null;
  data: string | Uint8Array | null;
};

/**
 * Inflates the packed texts and data of rows (one zlib call for many, unpackTexts) and bounds
 * them as SQL bounded the plain ones; `long` is set on a row whose packed text was cut.
 */
function unpackWindows<T extends { text: string | null; data: string | null }>(
  rows: Windowed<T>[],
  long?: (row: Windowed<T>) => void,
): T[] {
  const plain = unpackTexts(rows.flatMap((r) => [r.text, r.data]));
  rows.forEach((r, i) => {
    if (r.text instanceof Uint8Array) {
      const text = plain[2 * i] ?? null;
      const cut = text !== null && Buffer.byteLength(text) > TEXT_WINDOW;
      r.text = cut ? firstChars(text, TEXT_WINDOW) : text;
      if (cut) long?.(r);
    }
    if (r.data instanceof Uint8Array) {
      const data = plain[2 * i + 1] ?? null;
      r.data = data !== null && Buffer.byteLength(data) <= DATA_WINDOW ? data : null;
    }
  });
  return rows as T[];
}

/** The first `n` characters of a text, as SQLite's substr() counts them (code points). */
function firstChars(text: string, n: number): string {
  let at = 0;
  for (let chars = 0; chars < n && at < text.length; chars++) {
    const code = text.charCodeAt(at);
    at += code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, at);
}

export interface RankedEvent {
  seq: number;
  score: number;
}

/** A matching event as scoring needs it, its text bounded to TEXT_WINDOW characters. */
export interface CandidateRow {
  seq: number;
  ts: number;
  session_id: string;
  kind: EventKind;
  role: string | null;
  text: string | null;
  tool: string | null;
  data: string | null;
  /** The index's token count of each column (FTS5's docsize record, in hex; see bodyLength). */
  sizes: string | null;
}

export interface EventRow {
  seq: number;
  id: string;
  ref: string | null;
  kind: EventKind;
  tool: string | null;
  ts: number;
  /** At most TEXT_WINDOW characters of the text (its start). */
  text: string | null;
  /** Whether the text is longer than what `text` holds. */
  long: number;
  /** The data, unless it is larger than DATA_WINDOW. */
  data: string | null;
  session_id: string;
  handle: string;
  agent: string;
  agent_session_id: string | null;
  project_id: string | null;
}

const meta = (token: string) => `{meta} : "${token}"`;

/** The scope's filters as index terms (kind, session, agent, project), or [] for none. */
export function scopeTerms(scope: SearchScope): string[] {
  const terms: string[] = [];
  if (scope.projectId !== undefined) terms.push(meta(ftsMetaToken('project', scope.projectId)));
  if (scope.agent !== undefined) terms.push(meta(ftsMetaToken('agent', scope.agent)));
  if (scope.sessionId !== undefined) terms.push(meta(ftsMetaToken('session', scope.sessionId)));
  if (scope.eventKinds !== null && scope.eventKinds.length > 0) {
    terms.push(`(${scope.eventKinds.map((k) => meta(ftsMetaToken('kind', k))).join(' OR ')})`);
  }
  return terms;
}

/** A MATCH expression narrowed to the scope; null when there is nothing to match on. */
export function scoped(match: string | null, scope: SearchScope): string | null {
  const parts = [...(match ? [`(${match})`] : []), ...scopeTerms(scope)];
  return parts.length ? parts.join(' AND ') : null;
}

export const noEvents = (scope: SearchScope) => scope.eventKinds?.length === 0;

/** What only the events table can check: the time range, and seqs already taken. */
function rowSql(scope: SearchScope, exclude: number[] = []) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.since !== undefined) {
    where.push('e.ts >= ?');
    params.push(scope.since);
  }
  if (scope.until !== undefined) {
    where.push('e.ts <= ?');
    params.push(scope.until);
  }
  if (exclude.length) {
    where.push(`e.seq NOT IN (${exclude.map(() => '?').join(', ')})`);
    params.push(...exclude);
  }
  const join = where.length ? 'JOIN events e ON e.seq = events_fts.rowid' : '';
  return { join, where: where.map((w) => `AND ${w}`).join(' '), params };
}

/** A filters-only query as a MATCH expression (exclusions included), or null for none. */
function filterExpr(match: EventMatch, scope: SearchScope): string | null {
  const positive = scoped(match.strict, scope);
  // Exclusions ride along in `strict` when it exists; with filters only, they are added here.
  return positive !== null && match.strict === null && match.excluded
    ? `(${positive}) NOT (${match.excluded})`
    : positive;
}

/** Newest events first (by journal position), for a query of filters only (`kind:error`). */
export function latestEvents(
  store: Store,
  match: EventMatch,
  scope: SearchScope,
  limit: number,
): RankedEvent[] {
  if (noEvents(scope) || limit <= 0) return [];
  const expr = filterExpr(match, scope);
  const rows = rowSql(scope, []);
  if (expr !== null) {
    return store.query<RankedEvent>(
      `SELECT events_fts.rowid AS seq, 0 AS score FROM events_fts ${rows.join}
       WHERE events_fts MATCH ? ${rows.where} ORDER BY events_fts.rowid DESC LIMIT ?`,
      [expr, ...rows.params, limit],
    );
  }
  const excluded = match.excluded
    ? 'AND e.seq NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)'
    : '';
  return store.query<RankedEvent>(
    `SELECT e.seq AS seq, 0 AS score FROM events e WHERE 1 = 1 ${rows.where} ${excluded}
     ORDER BY e.seq DESC LIMIT ?`,
    [...rows.params, ...(match.excluded ? [match.excluded] : []), limit],
  );
}

/** How many events the query selects, relaxed matches included. */
export function countEvents(store: Store, match: EventMatch, scope: SearchScope): number {
  if (noEvents(scope)) return 0;
  const expr = match.words
    ? scoped(match.relaxed ?? match.strict, scope)
    : filterExpr(match, scope);
  const rows = rowSql(scope, []);
  const [row] =
    expr === null
      ? store.query<{ n: number }>(
          `SELECT count(*) AS n FROM events e WHERE 1 = 1 ${rows.where}`,
          rows.params,
        )
      : store.query<{ n: number }>(
          `SELECT count(*) AS n FROM events_fts ${rows.join} WHERE events_fts MATCH ? ${rows.where}`,
          [expr, ...rows.params],
        );
  return row?.n ?? 0;
}

/** When each event happened, for merging with records (recency breaks ties across both). */
export function eventTimes(store: Store, seqs: number[]): Map<number, number> {
  if (seqs.length === 0) return new Map();
  const rows = store.query<{ seq: number; ts: number }>(
    `SELECT seq, ts FROM events WHERE seq IN (${seqs.map(() => '?').join(', ')})`,
    seqs,
  );
  return new Map(rows.map((r) => [r.seq, r.ts]));
}

/** The events and sessions behind ranked seqs. */
export function loadEvents(store: Store, seqs: number[]): Map<number, EventRow> {
  if (seqs.length === 0) return new Map();
  const rows = store.query<Windowed<EventRow>>(
    `SELECT e.seq, e.id, e.ref, e.kind, e.tool, e.ts, e.session_id, s.handle, s.agent,
       s.agent_session_id, s.project_id,
       typeof(e.text) = 'text' AND octet_length(e.text) > ${TEXT_WINDOW} AS long,
       ${WINDOWED_TEXT}, ${WINDOWED_DATA}
     FROM events e JOIN sessions s ON s.id = e.session_id
     WHERE e.seq IN (${seqs.map(() => '?').join(', ')})`,
    seqs,
  );
  const events = unpackWindows(rows, (r) => (r.long = 1));
  return new Map(events.map((r) => [r.seq, r]));
}

/**
 * Documents holding a phrase, estimated from how far back its DF_SAMPLE-th newest match lies
 * (matches spread over the journal like everything else); counted exactly when it has fewer.
 * FTS5's own bm25() counts them all, which is what made it slow.
 */
export function estimateDf(store: Store, expr: string, total: number): number {
  const [row] = store.query<{ seq: number }>(
    'SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
    [expr, DF_SAMPLE - 1],
  );
  if (row) return Math.min(total, (DF_SAMPLE * total) / Math.max(1, total - row.seq + 1));
  const [counted] = store.query<{ n: number }>(
    'SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?',
    [expr],
  );
  return counted?.n ?? 0;
}

/** The journal's size, for idf. */
export function journalSize(store: Store): number {
  const [last] = store.query<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM events');
  return Math.max(1, last?.n ?? 1);
}

/** Packed candidates wait for one inflate of many (unpackTexts) up to this many stored bytes. */
const PACKED_BATCH = 256 * 1024;

/**
 * The newest `limit` events matching a MATCH expression within the scope, text bounded, each
 * handed to `visit` with its place in that order (newest first). Rows whose text or data is
 * stored packed are read as their stored bytes and inflated together, a batch at a time (one
 * zlib call each, not one per row), so they reach `visit` after rows read later than them.
 */
export function matchingEvents(
  store: Store,
  match: string,
  scope: SearchScope,
  limit: number,
  visit: (row: CandidateRow, index: number) => void,
): void {
  const expr = scoped(match, scope);
  if (noEvents(scope) || limit <= 0 || expr === null) return;
  const rows = rowSql(scope);
  let packed: { row: Windowed<CandidateRow>; index: number }[] = [];
  let packedBytes = 0;
  const flush = () => {
    const ready = unpackWindows(packed.map((p) => p.row));
    ready.forEach((row, i) => visit(row, packed[i]!.index));
    packed = [];
    packedBytes = 0;
  };
  let index = 0;
  store.queryEach<Windowed<CandidateRow>>(
    `SELECT e.seq, e.ts, e.session_id, e.kind, e.role, e.tool,
       ${WINDOWED_TEXT}, ${WINDOWED_DATA},
       (SELECT hex(d.sz) FROM events_fts_docsize d WHERE d.id = e.seq) AS sizes
     FROM events_fts JOIN events e ON e.seq = events_fts.rowid
     WHERE events_fts MATCH ? ${rows.where} ORDER BY events_fts.rowid DESC LIMIT ?`,
    [expr, ...rows.params, limit],
    (row) => {
      const at = index++;
      const text = row.text instanceof Uint8Array ? row.text.length : 0;
      const data = row.data instanceof Uint8Array ? row.data.length : 0;
      if (text === 0 && data === 0) {
        visit(row as CandidateRow, at);
        return;
      }
      packed.push({ row, index: at });
      packedBytes += text + data;
      if (packedBytes >= PACKED_BATCH) flush();
    },
  );
  if (packed.length > 0) flush();
}

/**
 * The start of each event's tool name and text, as the near-duplicate check compares them
 * (`tool text`, at most `chars` characters), by seq.
 */
export function comparedTexts(store: Store, seqs: number[], chars: number): Map<number, string> {
  if (seqs.length === 0) return new Map();
  const rows = store.query<{ seq: number; tool: string | null; text: string | Uint8Array | null }>(
    `SELECT e.seq, e.tool,
       CASE WHEN typeof(e.text) = 'blob' THEN e.text ELSE substr(e.text, 1, ${chars}) END AS text
     FROM events e WHERE e.seq IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(seqs)],
  );
  const plain = unpackTexts(rows.map((r) => r.text));
  return new Map(
    rows.map((r, i) => {
      const text = r.text instanceof Uint8Array ? firstChars(plain[i] ?? '', chars) : r.text;
      return [r.seq, `${r.tool ?? ''} ${text ?? ''}`.slice(0, chars)];
    }),
  );
}

const HEX_DIGIT = (code: number) => (code <= 57 ? code - 48 : code - 55);

/** The index's columns, in the order its docsize records count their tokens. */
export const INDEX_COLUMN = { body: 0, tool: 1, files: 2 } as const;

/**
 * How many tokens the index holds in one column of an event (INDEX_COLUMN): a value of its FTS5
 * docsize record (one SQLite varint per column, body first, read here from hex), counted by the
 * index's own tokenizer in C when the event was written — so scoring need not count the words of
 * every candidate again. Null when there is no record to read.
 */
export function indexedLength(sizes: string | null, column: number): number | null {
  if (sizes === null) return null;
  let at = 0;
  for (let c = 0; c <= column; c++) {
    let value = 0;
    for (let k = 0; ; k++) {
      if (at + 1 >= sizes.length) return null;
      const byte = HEX_DIGIT(sizes.charCodeAt(at)) * 16 + HEX_DIGIT(sizes.charCodeAt(at + 1));
      at += 2;
      // A varint's ninth byte counts all eight bits.
      if (k === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    if (c === column) return value;
  }
  return null;
}

/** indexedLength of the body. */
export const bodyLength = (sizes: string | null) => indexedLength(sizes, INDEX_COLUMN.body);

/**
 * Each event's previous and next event in its session (null at either end). A session's events
 * are mostly consecutive in the journal, so the events just before and after are read first, by
 * seq, on pages the candidates' own reads have just touched; only where one of them belongs to
 * another session (sessions written at the same time) is the session's index asked.
 */
export function neighbourSeqs(
  store: Store,
  seqs: number[],
): Map<number, { prev: number | null; next: number | null }> {
  if (seqs.length === 0) return new Map();
  const around = new Set<number>();
  for (const seq of seqs)
    around
      .add(seq)
      .add(seq - 1)
      .add(seq + 1);
  const session = new Map<number, string>();
  for (const r of store.query<{ seq: number; session_id: string }>(
    'SELECT seq, session_id FROM events WHERE seq IN (SELECT value FROM json_each(?))',
    [JSON.stringify([...around])],
  )) {
    session.set(r.seq, r.session_id);
  }
  const found = new Map<number, { prev: number | null; next: number | null }>();
  const unsure: number[] = [];
  for (const seq of seqs) {
    const own = session.get(seq);
    if (own === undefined) continue;
    const prev = session.get(seq - 1);
    const next = session.get(seq + 1);
    // The journal's events just before and after, when both are of this session, are the
    // session's; missing (the journal's end, a forgotten event) or of another session, only the
    // index can say.
    if (prev !== own || next !== own) {
      unsure.push(seq);
      continue;
    }
    found.set(seq, { prev: seq - 1, next: seq + 1 });
  }
  if (unsure.length === 0) return found;
  const rows = store.query<{ seq: number; prev: number | null; next: number | null }>(
    `SELECT e.seq,
       (SELECT p.seq FROM events p WHERE p.session_id = e.session_id AND p.seq < e.seq
         ORDER BY p.seq DESC LIMIT 1) AS prev,
       (SELECT n.seq FROM events n WHERE n.session_id = e.session_id AND n.seq > e.seq
         ORDER BY n.seq LIMIT 1) AS next
     FROM events e WHERE e.seq IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(unsure)],
  );
  for (const r of rows) found.set(r.seq, { prev: r.prev, next: r.next });
  return found;
}

/** How much text around a match in a long event is read for its snippet. */
const AROUND = 2000;

/**
 * Text around the first occurrence of any of `words` in a long event, or null when none occurs
 * as written, in lower case or capitalised. SQLite's instr() scans the stored text without
 * handing it to JavaScript, so a 50 MB output costs a scan, not a copy.
 */
export function textAround(store: Store, seq: number, words: string[]): string | null {
  const forms = new Set(
    words.flatMap((w) => [w, w.toLowerCase(), w.charAt(0).toUpperCase() + w.slice(1)]),
  );
  for (const form of forms) {
    if (form === '') continue;
    // Where the word is absent, instr() gives 0 and this reads the text's start, which is
    // checked for the word here rather than scanning the text a second time.
    const [row] = store.query<{ text: string }>(
      `SELECT substr(${TEXT}, max(1, instr(${TEXT}, ?) - ${AROUND / 2}), ${AROUND}) AS text
       FROM events e WHERE seq = ?`,
      [form, seq],
    );
    if (row?.text.includes(form)) return row.text;
  }
  return null;
}
