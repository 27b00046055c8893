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

/** How much of a chat is searched for paths: enough for the first tool calls of any chat. */
const SCANNED_CHARS = 4 * 1024 * 1024;
/** An absolute POSIX path as it appears in a chat's JSON text (up to a quote or a space). */
const ABSOLUTE_PATH = /(?<![\w.~-])\/(?:[^\s"'`\\<>|*?:;,()[\]{}]+\/?)+/g;

function* ancestors(path: string): Generator<string> {
  let dir = path.replace(/\/+$/, '');
  while (dir.length > 1) {
    yield dir;
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * The folder of a legacy hash id recovered from the chat itself: the agent's tool calls name
 * absolute paths inside the project (`/home/me/app/src/x.ts`), and one of their ancestors hashes
 * to the id. Null when no path in the chat does (a chat that only used relative paths).
 */
export function rootFromChatText(projectDir: string, text: string): string | null {
  const id = basename(projectDir);
  if (!/^[0-9a-f]{64}$/.test(id)) return null;
  const tried = new Set<string>();
  for (const [path] of text.slice(0, SCANNED_CHARS).matchAll(ABSOLUTE_PATH)) {
    for (const dir of ancestors(path)) {
      if (tried.has(dir)) break;
      tried.add(dir);
      if (projectHashOf(dir) === id) return dir;
    }
  }
  return null;
}
