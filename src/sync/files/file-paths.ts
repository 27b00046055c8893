// Chosen files travel under a portable name: `~/…` for anything in the home folder, so the same
// file on two machines with different home folders is one file. Folders are taken file by file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BatonError } from '../../core/index.js';

/** Files bigger than this are left out of a folder (and refused when named alone). */
export const MAX_FILE_BYTES = 8 * 2 ** 20;

export function portablePath(path: string, home: string, cwd: string): string {
  const abs = resolve(cwd, path.startsWith('~/') ? join(home, path.slice(2)) : path);
  const rel = relative(home, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new BatonError('USAGE', `only files in your home folder can be synced: ${path}`, {
      hint: 'files outside it would land on another machine where they do not belong',
    });
  }
  return `~/${rel.split(sep).join('/')}`;
}

export function localPath(portable: string, home: string): string {
  return join(home, ...portable.slice(2).split('/'));
}

/** Whether `portable` is the tracked path itself or inside a tracked folder. */
export function isTracked(portable: string, tracked: readonly string[]): boolean {
  return tracked.some((t) => portable === t || portable.startsWith(`${t}/`));
}

/** Every file a tracked path names today (a folder's files, recursively), by portable name. */
export function trackedFiles(tracked: readonly string[], home: string): string[] {
  const out = new Set<string>();
  const walk = (portable: string) => {
    const abs = localPath(portable, home);
    if (!existsSync(abs)) return;
    const st = statSync(abs);
    // The other machines' versions kept beside a file are not sent back as files of their own.
    if (portable.includes('.baton-conflict-')) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) walk(`${portable}/${name}`);
    } else if (st.isFile() && st.size <= MAX_FILE_BYTES) out.add(portable);
  };
  for (const t of tracked) walk(t);
  return [...out].sort();
}
