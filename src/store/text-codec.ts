// How an event's long text and structured data sit in the events table. They are most of the
// table's bytes (on Claude Code transcripts, about 70%), so a value of TEXT_PACK_MIN bytes or more
// is stored compressed (raw deflate), as a BLOB in the same column, when that saves at least a
// tenth of it; shorter values, and values that do not compress, stay plain TEXT. A column's SQLite type
// says which it is (a BLOB was never written there before), so rows written before this keep
// reading as they are and no migration rewrites them.
//
// Readers go through unpackText: in JS (SqliteEvents' row mapping) or in SQL as
// `baton_text(column)`, a function every store connection registers (sqlite-store.ts), so a query
// can still take substr(), instr() or octet_length() of the text. The full-text index is
// unaffected: it is contentless and is fed the plain text when the event is written.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Values shorter than this (in UTF-8 bytes) are stored as they are. */
export const TEXT_PACK_MIN = 256;
/**
 * Nor are values longer than this (UTF-16 units): a huge tool output stays plain, so a search
 * snippet's instr() scans it inside SQLite instead of inflating it for every read.
 */
export const TEXT_PACK_MAX = 1024 * 1024;
/**
 * First byte of a packed value: its format, should another ever be needed. Raw deflate at level 1
 * with values from 256 bytes: on Claude Code transcripts that stores their text and data in 58% of
 * the bytes for about a third of the CPU that Brotli (quality 5) or deflate's default level with
 * values from 128 bytes cost (55%) — a price every append pays.
 */
const DEFLATE = 0xdf;

/** The stored form of a text: the text itself, or a compressed BLOB. */
export function packText(text: string): string | Buffer;
export function packText(text: string | null): string | Buffer | null;
export function packText(text: string | null): string | Buffer | null {
  // UTF-16 length ≤ UTF-8 length, so a short string is judged without encoding it.
  if (text === null || text.length < TEXT_PACK_MIN / 3 || text.length > TEXT_PACK_MAX) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < TEXT_PACK_MIN) return text;
  const packed = deflateRawSync(bytes, { level: 1 });
  if (packed.length + 1 > bytes.length * 0.9) return text;
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = DEFLATE;
  packed.copy(out, 1);
  return out;
}

/** The text of a stored value (plain or packed); anything else reads as null. */
export function unpackText(stored: unknown): string | null {
  if (typeof stored === 'string') return stored;
  if (stored instanceof Uint8Array) {
    if (stored[0] !== DEFLATE) throw new Error(`unknown packed text format ${stored[0]}`);
    return inflateRawSync(stored.subarray(1)).toString('utf8');
  }
  return null;
}

/** A packed value as better-sqlite3 binds it (a Buffer; a Uint8Array arrives from a worker). */
export function bindable(stored: string | Uint8Array | null): string | Buffer | null {
  return stored instanceof Uint8Array && !Buffer.isBuffer(stored)
    ? Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength)
    : stored;
}

/**
 * The SQL expression for the text of a stored column: plain values are used as they are (no copy
 * into JavaScript), packed ones go through `baton_text()`.
 */
export function storedTextSql(column: string): string {
  return `iif(typeof(${column}) = 'blob', baton_text(${column}), ${column})`;
}

/**
 * unpackText for SQL, remembering its last answer: one query often asks for the same packed value
 * several times in a row (its length, then its start), and equal bytes are cheaper to compare
 * than to inflate again.
 */
export function sqlTextFunction(): (stored: unknown) => string | null {
  let lastIn: Buffer | undefined;
  let lastOut: string | null = null;
  return (stored) => {
    if (!Buffer.isBuffer(stored)) return unpackText(stored);
    if (lastIn !== undefined && lastIn.equals(stored)) return lastOut;
    lastOut = unpackText(stored);
    lastIn = Buffer.from(stored);
    return lastOut;
  };
}
