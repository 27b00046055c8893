// The hook handler of every agent, without the rest of its adapter (installer, importer), so the
// hook bundle loads only what a hook runs (hook-tables.test.ts checks this list against
// adapters.ts). Every handler loads on first call: a spooled tool event only asks whether the agent
// is known, and must not pay for parsing (or for the crypto, git and redaction code that handlers
// bring with them).
import type { HookHandler } from '../adapter.js';

const handleClaudeHook: HookHandler = async (payload, ctx) =>
  (await import('../claude-code/hook-handler.js')).handleClaudeHook(payload, ctx);

const handleCodexHook: HookHandler = async (payload, ctx) =>
  (await import('../codex/hook-handler.js')).handleCodexHook(payload, ctx);

const handleGeminiHook: HookHandler = async (payload, ctx) =>
  (await import('../gemini/hook-handler.js')).handleGeminiHook(payload, ctx);

const HANDLERS: Readonly<Record<string, HookHandler>> = {
  'claude-code': handleClaudeHook,
  codex: handleCodexHook,
  gemini: handleGeminiHook,
};

export function hookHandlerFor(agent: string): HookHandler | null {
  return Object.hasOwn(HANDLERS, agent) ? HANDLERS[agent]! : null;
}
