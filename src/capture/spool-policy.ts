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
};

export function isSpooledEvent(agent: string, event: string): boolean {
  return SPOOLED[agent]?.has(event) ?? false;
}
