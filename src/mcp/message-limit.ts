// MCP over stdio sends one JSON-RPC message a line. The SDK buffers a line whole and, past 10 MB,
// drops its buffer and reports an error the server cannot answer — the agent saw Baton's server
// simply go. This sits in front of it: a line longer than MAX_MESSAGE_BYTES is never buffered
// past the limit, is answered with a JSON-RPC error (to its id, when the line's start names one),
// and the server keeps serving the lines after it. The limit is in README.md (MCP server).
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

/** The largest message the server accepts: well under the SDK's own 10 MB buffer. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const HEAD_BYTES = 4096;
const NEWLINE = 0x0a;

/** The request id at the start of a message, if it says one there. */
export function idOfHead(head: string): string | number | null {
  const m = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/.exec(head);
  if (!m) return null;
  return m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : Number(m[1]);
}

/** The JSON-RPC error line answering an oversized message. */
export function oversizedReply(bytes: number, id: string | number | null, limit: number): string {
  const error = {
    code: -32600,
    message: `message of ${bytes} bytes is over the ${limit}-byte limit; it was not read`,
  };
  return `${JSON.stringify({ jsonrpc: '2.0', id, error })}\n`;
}

export class MessageSizeLimit extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping: { bytes: number; head: string } | null = null;

  constructor(
    private readonly onOversized: (bytes: number, id: string | number | null) => void,
    private readonly limit = MAX_MESSAGE_BYTES,
  ) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let at = 0;
    while (at < buf.length) {
      const nl = buf.indexOf(NEWLINE, at);
      const end = nl < 0 ? buf.length : nl + 1;
      this.takePiece(buf.subarray(at, end), nl >= 0);
      at = end;
    }
    done();
  }

  override _flush(done: TransformCallback) {
    if (this.dropping) this.endDropped();
    else if (this.pendingBytes > 0) this.push(Buffer.concat(this.pending));
    done();
  }

  /** One piece of a line; `ends` when it carries the line's newline. */
  private takePiece(piece: Buffer, ends: boolean): void {
    if (this.dropping) {
      this.dropping.bytes += piece.length;
    } else {
      this.pending.push(piece);
      this.pendingBytes += piece.length;
      if (this.pendingBytes > this.limit) {
        const all = Buffer.concat(this.pending);
        this.dropping = { bytes: all.length, head: all.subarray(0, HEAD_BYTES).toString('utf8') };
        this.pending = [];
        this.pendingBytes = 0;
      }
    }
    if (!ends) return;
    if (this.dropping) this.endDropped();
    else {
      this.push(Buffer.concat(this.pending));
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  private endDropped(): void {
    const { bytes, head } = this.dropping!;
    this.dropping = null;
    this.onOversized(bytes, idOfHead(head));
  }
}
