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
//
// A packed value is written so that many can be inflated in one zlib call (unpackTexts): a search
// reads hundreds of candidates' texts of a few hundred bytes, and each inflateRawSync call costs
// a stream object, a 16 KiB output buffer and a 32 KiB window — ~40 µs and several page faults in
// a fresh process, most of a cold search's time when one was made per text.
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Values shorter than this (in UTF-8 bytes) are stored as they are. Every packed value a search
 * reads is inflated, and short ones save least: on Claude Code transcripts values of 256–511
 * bytes shrink by ~40% (0.8 MB of 91 MB of transcripts), longer ones by ~55%. A search's
 * candidates are often short messages, so these stay plain.
 */
export const TEXT_PACK_MIN = 512;
/**
 * Nor are values longer than this (UTF-16 units): a huge tool output stays plain, so a search
 * snippet's instr() scans it inside SQLite instead of inflating it for every read.
 */
export const TEXT_PACK_MAX = 1024 * 1024;
/**
 * First byte of a packed value: its format. Raw deflate at level 1: on Claude Code transcripts
 * about a third of the CPU that Brotli (quality 5) or deflate's default level cost for a few
 * percent more bytes — a price every append pays.
 *
 * JOINABLE (written now): the value's UTF-8 length as a varint (7 bits a byte, low bits first),
 * then raw deflate that ends with a sync flush — on a byte boundary, with no final block — so
 * that such streams joined end to end are one stream whose output is the values joined. Each was
 * compressed alone, so none refers back into another.
 *
 * DEFLATE (written before): raw deflate ending with a final block. Still read, one at a time.
 */
const JOINABLE = 0xde;
const DEFLATE = 0xdf;

/** The stored form of a text: the text itself, or a compressed BLOB. */
export function packText(text: string): string | Buffer;
export function packText(text: string | null): string | Buffer | null;
export function packText(text: string | null): string | Buffer | null {
  // UTF-16 length ≤ UTF-8 length, so a short string is judged without encoding it.
  if (text === null || text.length < TEXT_PACK_MIN / 3 || text.length > TEXT_PACK_MAX) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < TEXT_PACK_MIN) return text;
  const packed = deflateRawSync(bytes, { level: 1, finishFlush: constants.Z_SYNC_FLUSH });
  const header = [JOINABLE];
  for (let n = bytes.length; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      header.push(n);
      break;
    }
    header.push((n % 128) | 128);
  }
  if (header.length + packed.length > bytes.length * 0.9) return text;
  const out = Buffer.allocUnsafe(header.length + packed.length);
  out.set(header);
  packed.copy(out, header.length);
  return out;
}

/** A JOINABLE value's parts: its text's UTF-8 length and where its deflate stream starts. */
function joinable(stored: Uint8Array): { length: number; start: number } {
  let length = 0;
  for (let at = 1, scale = 1; at < stored.length && at <= 5; at++, scale *= 128) {
    const byte = stored[at]!;
    length += (byte & 127) * scale;
    if (byte < 128) return { length, start: at + 1 };
  }
  throw new Error('a packed text is damaged: its length is unreadable');
}

/**
 * Inflate options for JOINABLE streams of `length` bytes in all: output in one buffer of the
 * right size, not in 16 KiB chunks joined after (each chunk and the join is fresh memory, page
 * faults, for a few hundred bytes). A function: the search's bundle loads node:zlib on first use.
 */
const sync = (length: number) => ({
  finishFlush: constants.Z_SYNC_FLUSH,
  chunkSize: Math.max(64, length + 1),
});

/** The text of a stored value (plain or packed); anything else reads as null. */
export function unpackText(stored: unknown): string | null {
  if (typeof stored === 'string') return stored;
  if (stored instanceof Uint8Array) {
    if (stored[0] === JOINABLE) {
      const { length, start } = joinable(stored);
      const plain = inflateRawSync(stored.subarray(start), sync(length));
      if (plain.length !== length) throw new Error('a packed text is damaged: its length differs');
      return plain.toString('utf8');
    }
    if (stored[0] !== DEFLATE) throw new Error(`unknown packed text format ${stored[0]}`);
    return inflateRawSync(stored.subarray(1)).toString('utf8');
  }
  return null;
}

/** Texts of at most this many bytes are inflated together; a longer one alone. */
const JOIN_MAX = 256 * 1024;
/** How many bytes of text one joined inflate makes at most. */
const JOIN_OUTPUT = 1024 * 1024;

/**
 * unpackText of many values, the packed ones inflated a batch per zlib call. A batch that fails,
 * or whose output is not what its values' lengths add up to, is read again one value at a time,
 * so a damaged value fails with its own error. Raw deflate carries no checksum: a damaged value
 * may also read as other text (alone or joined), but no other value's text changes with it.
 */
export function unpackTexts(values: readonly unknown[]): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(values.length).fill(null);
  let batch: { index: number; length: number; body: Uint8Array }[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 1) out[batch[0]!.index] = unpackText(values[batch[0]!.index]);
    else if (batch.length > 1) {
      let plain: Buffer | null = null;
      try {
        plain = inflateRawSync(Buffer.concat(batch.map((b) => b.body)), sync(bytes));
      } catch {
        // Some value is damaged: read alone below, it fails as it would have.
      }
      if (plain === null || plain.length !== bytes) {
        for (const b of batch) out[b.index] = unpackText(values[b.index]);
      } else {
        let at = 0;
        for (const b of batch) {
          out[b.index] = plain.toString('utf8', at, at + b.length);
          at += b.length;
        }
      }
    }
    batch = [];
    bytes = 0;
  };
  values.forEach((value, index) => {
    if (!(value instanceof Uint8Array) || value[0] !== JOINABLE) {
      out[index] = unpackText(value);
      return;
    }
    const { length, start } = joinable(value);
    if (length > JOIN_MAX) {
      out[index] = unpackText(value);
      return;
    }
    if (bytes + length > JOIN_OUTPUT) flush();
    batch.push({ index, length, body: value.subarray(start) });
    bytes += length;
  });
  flush();
  return out;
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
