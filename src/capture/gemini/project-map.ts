// Which project folder a Gemini chat belongs to. Chats do not name their folder: the folder is in
// the name of `tmp/<project id>/`. Since v0.29 that id is a slug with the owner written in
// `tmp/<slug>/.project_root` and in `~/.gemini/projects.json` (`{projects: {path: slug}}`); before,
// it was sha256(path), which can only be matched against folders known some other way — the
// registry's, and the project roots Baton already knows (docs/agents.md, Gemini CLI).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isRec } from '../json-fields.js';

export const projectHashOf = (root: string) => createHash('sha256').update(root).digest('hex');

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** `~/.gemini/projects.json` as path → slug (empty when absent or unreadable). */
function readProjectRegistry(geminiHomeDir: string): Record<string, string> {
  const text = readText(join(geminiHomeDir, 'projects.json'));
  if (text === null) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    const projects = isRec(parsed) ? parsed.projects : undefined;
    if (!isRec(projects)) return {};
    return Object.fromEntries(
      Object.entries(projects).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * The project folder of `tmp/<id>` (projectDir), or null when nothing tells it.
 * @param knownRoots folders Baton already knows, for legacy hash ids
 * @param projectHash the `projectHash` inside the chat (sha256 of the folder), if read
 */
export function resolveProjectRoot(
  projectDir: string,
  knownRoots: readonly string[],
  projectHash: string | null = null,
): string | null {
  const owner = readText(join(projectDir, '.project_root'))?.trim();
  if (owner) return owner;
  const id = basename(projectDir);
  const registry = readProjectRegistry(dirname(dirname(projectDir)));
  const bySlug = Object.entries(registry).find(([, slug]) => slug === id);
  if (bySlug) return bySlug[0];
  const hashes = new Set(
    [id, projectHash].filter((h): h is string => h !== null && /^[0-9a-f]{64}$/.test(h)),
  );
  if (hashes.size === 0) return null;
  for (const root of [...Object.keys(registry), ...knownRoots]) {
    if (hashes.has(projectHashOf(root))) return root;
  }
  return null;
}
