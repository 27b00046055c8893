// Standard output and error as a World's, written by descriptor (fd-writer.ts), for a process
// whose command only writes text and asks `isTTY` — `baton search`, a hook's reply — which is all
// an FdWriter has; and what any command says when its output cannot be written (a full disk).
// Apart from fd-writer.ts so that `baton mcp`'s small front, which uses the writer alone, does
// not bundle the core's errors.
import { BatonError } from '../core/index.js';
import { fdWriter } from './fd-writer.js';
import type { World } from './world.js';

/** An output that could not be written (not a reader that went away), as one line. */
export function outputError(error: unknown): BatonError {
  const message = (error as Error | undefined)?.message ?? String(error);
  // `ENOSPC: no space left on device, write` → `no space left on device`
  const reason = /^[A-Z0-9_]+: (.+?)(, \w+)?$/.exec(message)?.[1] ?? message;
  return new BatonError('IO', `cannot write the output: ${reason}`, { cause: error });
}

/** Says outputError's line on stderr and exits with its code. */
export function failOutput(error: unknown): never {
  const failure = outputError(error);
  try {
    process.stderr.write(`baton: ${failure.message}\n`);
  } finally {
    process.exit(failure.exitCode);
  }
}

export interface StdioOptions {
  /** The reader has gone (EPIPE): `baton search … | head` ends quietly. Default: nothing. */
  gone?: () => void;
  /** A write the stream taking over could not make (asynchronous). Default: failOutput. */
  failed?: (error: unknown) => void;
}

/**
 * fd 1 or 2 as a World's stdout or stderr. A write that fails throws outputError (the command
 * reports it as any error); the stream, made only if a pipe would block, reports through
 * `failed`. On Windows, Node's stream as always.
 */
export function stdioText(fd: 1 | 2, options: StdioOptions = {}): World['stdout'] {
  const { gone = () => {}, failed = failOutput } = options;
  const stream = () => {
    const s = fd === 1 ? process.stdout : process.stderr;
    s.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' ? gone() : failed(error),
    );
    return s;
  };
  if (process.platform === 'win32') return stream();
  const writer = fdWriter(fd, stream, gone);
  const text = {
    get isTTY() {
      return writer.isTTY;
    },
    write(chunk: string | Uint8Array) {
      try {
        return writer.write(chunk);
      } catch (error) {
        throw outputError(error);
      }
    },
  };
  // Only write() and isTTY are used where this is the world's (see above).
  return text as unknown as World['stdout'];
}
