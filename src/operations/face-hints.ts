// Operations say what went wrong in the words of the records; what to do next is the face's to
// say (`baton todo list --all` at a shell, `todo_list` to an agent). A face wraps a call in
// withHint to add its own next step to an error that has none.
import { BatonError } from '../core/index.js';
import type { ErrorCode } from '../core/index.js';

export function withHint<T>(run: () => T, code: ErrorCode, hint: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BatonError && error.code === code && error.hint === undefined) {
      throw new BatonError(code, error.message, { hint, cause: error.cause });
    }
    throw error;
  }
}
