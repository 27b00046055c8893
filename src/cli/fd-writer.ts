// Writing a command's output to its file descriptor (1 or 2) directly. process.stdout and
// process.stderr build, on first read, Node's stream for the descriptor — its net, tty and stream
// modules: 6–9 ms of a cold process on a slow machine — which a short command that prints a page
// and exits (`baton search`, `baton mcp` until the full server starts) pays for nothing. Writes are
// synchronous, as Node's own are for files and terminals. If a pipe would block (EAGAIN: a
// non-blocking pipe whose reader is behind), Node's stream takes over for the rest, which waits
// for room; later writes go to it too, so the order holds. A reader that has gone (EPIPE) gets
// nothing more and `gone` is called.
import { fstatSync, statSync, writeSync } from 'node:fs';

export interface FdWriter {
  /** Whether the descriptor is a terminal (see isTerminal), computed on first read. */
  readonly isTTY: boolean;
  write(text: string | Uint8Array): boolean;
}

/**
 * Whether `fd` is a terminal, without Node's tty module (which loads net): a character device
 * other than the null device. Another character device (rare as an output) counts as one too.
 */
export function isTerminal(fd: number): boolean {
  try {
    const own = fstatSync(fd);
    return own.isCharacterDevice() && own.rdev !== statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/** A writer of `fd` (1 or 2 in use; any descriptor in tests); `stream` is Node's stream for it. */
export function fdWriter(
  fd: number,
  stream: () => NodeJS.WritableStream,
  gone: () => void = () => {},
): FdWriter {
  let terminal: boolean | undefined;
  let taken: NodeJS.WritableStream | undefined;
  let closed = false;
  return {
    get isTTY() {
      return (terminal ??= isTerminal(fd));
    },
    write(text) {
      if (closed) return false;
      if (taken) return taken.write(text);
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      let at = 0;
      try {
        while (at < bytes.length) at += writeSync(fd, bytes, at);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          gone();
          return false;
        }
        if (code !== 'EAGAIN') throw error;
        taken = stream();
        return taken.write(bytes.subarray(at));
      }
    },
  };
}
