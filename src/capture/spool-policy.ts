// Which hook events take the spool path: those that fire on every tool call or prompt and print
// nothing. Lifecycle events (and anything unknown) go to the store directly, after a drain.
const SPOOLED: Readonly<Record<string, ReadonlySet<string>>> = {
  'claude-code': new Set([
    'PreToolUse',
    'PostToolUse',
    'PostToolUseFailure',
    'UserPromptSubmit',
    'Notification',
  ]),
  // Codex waits for every hook (it skips async ones), so its per-tool hooks must be this cheap.
  codex: new Set(['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'PermissionRequest']),
  // Gemini waits too; its tool hooks only ask for the chat file to be read, which the next
  // lifecycle hook's drain does.
  gemini: new Set(['BeforeAgent', 'BeforeTool', 'AfterTool', 'Notification']),
};

export function isSpooledEvent(agent: string, event: string): boolean {
  return SPOOLED[agent]?.has(event) ?? false;
}
