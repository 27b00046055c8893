// The hook handler of every agent, without the rest of its adapter (installer, importer), so the
// hook bundle loads only what a hook runs. Keep in step with adapters.ts.
import type { HookHandler } from './adapter.js';
import { handleClaudeHook } from './claude-code/hook-handler.js';
import { handleCodexHook } from './codex/hook-handler.js';
import { handleGeminiHook } from './gemini/hook-handler.js';

const HANDLERS: Readonly<Record<string, HookHandler>> = {
  'claude-code': handleClaudeHook,
  codex: handleCodexHook,
  gemini: handleGeminiHook,
};

export function hookHandlerFor(agent: string): HookHandler | null {
  return Object.hasOwn(HANDLERS, agent) ? HANDLERS[agent]! : null;
}
