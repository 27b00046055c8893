// Gemini CLI puts a SessionStart hook's `additionalContext` into the user's turn, in front of the
// typed prompt, as `<hook_context>…</hook_context>`; its chat file and the BeforeAgent payload
// carry that combined text as the user's message. Baton's own context there is its brief, so
// storing the combined text would title every session with the brief and make each next brief
// quote the previous one. The prompt is what follows the hook context.

const OPEN = '<hook_context>';
const CLOSE = '</hook_context>';

/** The typed prompt without the hook context blocks Gemini put in front of it. */
export function withoutHookContext(text: string): string {
  let rest = text;
  while (rest.trimStart().startsWith(OPEN)) {
    const start = rest.indexOf(OPEN);
    const end = rest.indexOf(CLOSE, start + OPEN.length);
    if (end < 0) return text;
    rest = rest.slice(end + CLOSE.length);
  }
  return rest === text ? text : rest.replace(/^\s+/, '');
}
