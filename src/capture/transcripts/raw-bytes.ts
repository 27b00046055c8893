// The bytes each parsed record was read from, so the store can keep a record as it was written
// (byte-exact, and without serialising it again) when redaction finds nothing in it. A parser
// remembers a line's bytes beside the record it parsed; a draft's raw value is one record, or
// several (a merged message) kept as a JSON array of their lines.
import type { JsonValue } from '../../core/index.js';

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

export class RawBytes {
  private readonly bytes = new WeakMap<object, Buffer>();

  /**
   * `copy`: `bytes` are views into the chunk being read, copied so that a record kept does not
   * keep its chunk. A reader that packs each batch before it reads on (the import's worker) needs
   * no copies.
   */
  constructor(private readonly copy = true) {}

  remember(record: object, bytes: Buffer | undefined): void {
    if (bytes !== undefined) this.bytes.set(record, this.copy ? Buffer.from(bytes) : bytes);
  }

  /** The JSON text of a raw value as read; undefined when any record of it was not remembered. */
  of(raw: JsonValue): Buffer | undefined {
    if (raw === null || typeof raw !== 'object') return undefined;
    if (!Array.isArray(raw)) return this.bytes.get(raw);
    const parts: Buffer[] = [OPEN];
    for (const [i, r] of raw.entries()) {
      const b = r !== null && typeof r === 'object' ? this.bytes.get(r) : undefined;
      if (b === undefined) return undefined;
      if (i > 0) parts.push(COMMA);
      parts.push(b);
    }
    parts.push(CLOSE);
    return Buffer.concat(parts);
  }
}
