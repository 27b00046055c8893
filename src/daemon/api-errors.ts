// One translation of errors into HTTP, in the app's onError: a BatonError's code becomes a status
// and stays in the JSON body for clients to branch on; a refusal of the guard keeps its own code;
// anything else is an internal error, logged, and shown without a stack.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { BatonError, classifyError } from '../core/index.js';
import type { ErrorCode } from '../core/index.js';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  USAGE: 400,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  STORE_LOCKED: 503,
  STORE_CORRUPT: 500,
  IO: 500,
  PARTIAL: 422,
  INTERNAL: 500,
};

export function errorResponse(error: unknown, c: Context, log: (line: string) => void): Response {
  if (error instanceof HTTPException) {
    const cause = error.cause as { code?: string } | undefined;
    const code = cause?.code ?? 'HTTP';
    return c.json({ error: { code, message: error.message } }, error.status);
  }
  if (error instanceof ZodError) {
    const message = error.issues
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    return c.json({ error: { code: 'INVALID_INPUT', message } }, 400);
  }
  const e = error instanceof BatonError ? error : classifyError(error);
  if (e.code === 'INTERNAL') log(`internal error on ${c.req.method} ${c.req.path}: ${e.stack}`);
  const message = e.code === 'INTERNAL' ? `internal error: ${e.message}` : e.message;
  return c.json(
    { error: { code: e.code, message, ...(e.hint && { hint: e.hint }) } },
    STATUS[e.code],
  );
}
