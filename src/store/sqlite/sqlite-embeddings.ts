// Vectors of conversation turns for the optional semantic search (migration 010). Only turns are
// embedded — what people and agents said — not tool calls and outputs, which are many, long and
// found by their words.
import type { Embeddings } from '../store.js';
import type { SqliteContext } from './context.js';

const TURNS = "kind IN ('user_message', 'assistant_message') AND text IS NOT NULL AND text <> ''";

export class SqliteEmbeddings implements Embeddings {
  constructor(private readonly ctx: SqliteContext) {}

  pending(model: string, afterSeq: number, limit: number, maxChars: number) {
    return this.ctx.db
      .prepare(
        `SELECT e.seq, substr(baton_text(e.text), 1, ?) AS text FROM events e
         LEFT JOIN event_embeddings v ON v.seq = e.seq
         WHERE e.seq > ? AND ${TURNS.replace(/\b(kind|text)\b/g, 'e.$1')}
           AND (v.seq IS NULL OR v.model <> ?)
         ORDER BY e.seq LIMIT ?`,
      )
      .all(maxChars, afterSeq, model, limit) as { seq: number; text: string }[];
  }

  put(model: string, vectors: { seq: number; vector: Float32Array }[]): void {
    const insert = this.ctx.db.prepare(
      'INSERT OR REPLACE INTO event_embeddings (seq, model, vector) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM events WHERE seq = ?)',
    );
    this.ctx.db.transaction(() => {
      for (const v of vectors) {
        const blob = Buffer.from(v.vector.buffer, v.vector.byteOffset, v.vector.byteLength);
        insert.run(v.seq, model, blob, v.seq);
      }
    })();
  }

  counts(model: string) {
    const [turns] = this.ctx.db.prepare(`SELECT count(*) FROM events WHERE ${TURNS}`).pluck().all();
    const row = this.ctx.db
      .prepare('SELECT sum(model = ?) AS embedded, sum(model <> ?) AS other FROM event_embeddings')
      .get(model, model) as { embedded: number | null; other: number | null };
    return {
      turns: Number(turns ?? 0),
      embedded: row.embedded ?? 0,
      otherModels: row.other ?? 0,
    };
  }

  loadExtension(path: string): void {
    this.ctx.db.loadExtension(path);
  }
}
