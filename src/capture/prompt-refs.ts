// The ref of a typed prompt, shared by a hook that sees the prompt and the importer that reads it
// from the transcript later: its text's hash and how many times that text was typed before in
// the session. Whichever path sees the prompt first stores it; the other adds nothing. Every
// agent's adapter, Claude Code's included, uses these.
import { createHash } from 'node:crypto';

/** A short stable hash of a prompt's text; whitespace at the ends does not count. */
export function promptHash(text: string): string {
  return createHash('sha1').update(text.trim()).digest('hex').slice(0, 16);
}

/** The ref of the `occurrence`-th (0-based) prompt with this hash in a session. */
export const promptRef = (hash: string, occurrence: number) => `prompt:${hash}:${occurrence}`;

/** The range of refs holding every occurrence of one prompt text, for counting. */
export function promptRefRange(hash: string): [string, string] {
  return [`prompt:${hash}:`, `prompt:${hash};`];
}
