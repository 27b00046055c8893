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
