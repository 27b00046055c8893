// The rollout of a thread, for `notify` payloads, which name the thread but not its file. Rollouts
// live in sessions/YYYY/MM/DD/ by local start date, so the newest days are searched first and the
// search stops at the first match.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { codexSessionsDirs } from './paths.js';

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort().reverse();
  } catch {
    return [];
  }
}

export function findRollout(env: NodeJS.ProcessEnv, threadId: string): string | null {
  const suffix = `-${threadId}.jsonl`;
  for (const root of codexSessionsDirs(env)) {
    const flat = entries(root).find((f) => f.endsWith(suffix));
    if (flat) return join(root, flat);
    for (const y of entries(root))
      for (const m of entries(join(root, y)))
        for (const d of entries(join(root, y, m))) {
          const hit = entries(join(root, y, m, d)).find((f) => f.endsWith(suffix));
          if (hit) return join(root, y, m, d, hit);
        }
  }
  return null;
}
