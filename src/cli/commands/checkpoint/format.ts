// Shared pieces of the checkpoint commands' output.
import type { Checkpoint } from '../../../core/index.js';

export const shortSha = (sha: string | null) => (sha ? sha.slice(0, 7) : '-');

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function gitLine(c: Checkpoint): string {
  if (!c.gitHead && !c.gitBranch) return 'not a git repository';
  const dirty = c.gitDirty.length ? `, ${c.gitDirty.length} uncommitted file(s)` : ', clean';
  return `${c.gitBranch ?? 'detached HEAD'} @ ${shortSha(c.gitHead)}${dirty}`;
}
