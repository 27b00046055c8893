// User-role messages Codex writes itself before the first prompt: the AGENTS.md instructions and
// the `<environment_context>` block (docs/agents.md, Codex CLI). They are context, not what the
// person typed; only the pre-wrapper format, which has no `event_msg.user_message`, needs to tell
// them apart by their text.
const MARKERS = [
  '<environment_context>',
  '<user_instructions>',
  '<INSTRUCTIONS>',
  '# AGENTS.md instructions',
  '<permissions instructions>',
  '<user_shell_command>',
  '<turn_aborted>',
];

export function isInjectedContext(text: string): boolean {
  const t = text.trimStart();
  return MARKERS.some((m) => t.startsWith(m));
}

// The Codex IDE extensions put the editor's state (open tabs, selection) before the person's
// words, under headings of their own; the request follows the last one.
const IDE_CONTEXT = '# Context from my IDE setup:';
const IDE_REQUEST = '## My request for Codex:';

/** Splits an IDE-wrapped prompt into what the person typed and the editor context around it. */
export function splitIdeContext(text: string): { request: string; context: string | null } {
  if (!text.trimStart().startsWith(IDE_CONTEXT)) return { request: text, context: null };
  const at = text.lastIndexOf(IDE_REQUEST);
  if (at < 0) return { request: text, context: null };
  return { request: text.slice(at + IDE_REQUEST.length).trim(), context: text.slice(0, at).trim() };
}
