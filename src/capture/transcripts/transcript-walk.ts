// Finds transcript files for an importer: under the agent's default folders (which may not exist)
// or under the files and folders a user named (which must). The file test, and any folders of the
// agent's own that hold no transcripts, are the agent's. Symbolic links are followed, each real
// folder walked once (a link back up the tree ends there). A folder that cannot be read is listed
// like a file, so the import reports it as one path it could not read and goes on with the rest;
// special files (FIFOs, devices) named by the user are listed too, and refused by the import.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BatonError } from '../../core/index.js';

const SKIP_DIRS = ['node_modules', '.git'];

export function findTranscripts(
  defaults: string[],
  paths: string[],
  cwd: string,
  isTranscript: (path: string) => boolean,
  agentSkipDirs: readonly string[] = [],
): string[] {
  const found: string[] = [];
  const skip = new Set([...SKIP_DIRS, ...agentSkipDirs]);
  const seen = new Set<string>();
  const walk = (dir: string, mustExist: boolean) =>
    walkDir(dir, { out: found, seen, skip, isTranscript }, mustExist);
  if (paths.length === 0) {
    for (const dir of defaults) walk(dir, false);
  } else {
    for (const p of paths) {
      const abs = resolve(cwd, p);
      let isDir: boolean;
      try {
        isDir = statSync(abs).isDirectory();
      } catch (error) {
        throw new BatonError('IO', `cannot read ${p}: ${(error as Error).message}`);
      }
      if (isDir) walk(abs, true);
      else found.push(abs);
    }
  }
  return [...new Set(found)].sort();
}

interface Walk {
  out: string[];
  /** Real paths of the folders walked: a symlink loop or a second link to one adds nothing. */
  seen: Set<string>;
  skip: ReadonlySet<string>;
  isTranscript: (p: string) => boolean;
}

function walkDir(dir: string, w: Walk, mustExist: boolean): void {
  let real: string;
  let entries;
  try {
    real = realpathSync(dir);
    if (w.seen.has(real)) return;
    w.seen.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (!mustExist && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
    w.out.push(dir);
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // A dangling link: nothing to import.
      }
    }
    if (isDir) {
      if (!w.skip.has(e.name)) walkDir(path, w, true);
    } else if (w.isTranscript(path)) {
      // A FIFO or device with a transcript's name is listed too, for the import to refuse aloud.
      if (isFile || !e.isSymbolicLink()) w.out.push(path);
    }
  }
}
