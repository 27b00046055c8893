// Finds transcript files for an importer: under the agent's default folders (which may not exist)
// or under the files and folders a user named (which must). The file test, and any folders of the
// agent's own that hold no transcripts, are the agent's.
import { readdirSync, statSync } from 'node:fs';
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
  const walk = (dir: string, mustExist: boolean) =>
    walkDir(dir, found, mustExist, skip, isTranscript);
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

function walkDir(
  dir: string,
  out: string[],
  mustExist: boolean,
  skip: ReadonlySet<string>,
  isTranscript: (p: string) => boolean,
) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (!mustExist && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BatonError('IO', `cannot read ${dir}: ${(error as Error).message}`);
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(e.name)) walkDir(path, out, true, skip, isTranscript);
    } else if (e.isFile() && isTranscript(path)) out.push(path);
  }
}
