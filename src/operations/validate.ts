// The checks every face's input passes before it reaches the store.
import { BatonError } from '../core/index.js';

/** `text` trimmed; empty text is refused. */
export function requireText(text: string, what: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new BatonError('INVALID_INPUT', `${what} needs some text`);
  return trimmed;
}
