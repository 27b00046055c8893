// Gemini CLI's hook events (see docs/agents.md). Gemini waits for every hook; its timeouts are
// milliseconds. BeforeTool is not registered: it names no tool-call id, so recording it would
// duplicate the chat file's own record of the call (the handler still accepts it if a user wires
// it). The tool hooks only ask for the chat file to be read, which the next lifecycle hook's drain
// does. AfterAgent, PreCompress and SessionEnd print nothing: their hook spools the payload and a
// background process sweeps the chat (SessionStart spools its start too and reads only the brief);
// PreCompress with `trigger: auto` (before every model
// request, with nothing compressed) is not even spooled.
import type { HookTable } from '../hooks/hook-table.js';

export const GEMINI_HOOK_TABLE: HookTable = [
  {
    event: 'SessionStart',
    path: 'lifecycle',
    mapsTo: 'session active again, chat sweep; prints the brief',
    install: { timeout: 15_000 },
    background: { brief: true },
  },
  { event: 'BeforeAgent', path: 'spooled', mapsTo: 'user_message', install: { timeout: 10_000 } },
  {
    event: 'AfterAgent',
    path: 'lifecycle',
    mapsTo: 'chat sweep, turn complete',
    install: { timeout: 30_000 },
    background: {},
  },
  { event: 'AfterTool', path: 'spooled', mapsTo: 'chat sweep', install: { timeout: 10_000 } },
  {
    event: 'PreCompress',
    path: 'lifecycle',
    mapsTo: 'manual: chat sweep, compaction, pre_compaction checkpoint; auto: nothing',
    // Gemini fires `auto` before every model request with nothing compressed; a lifecycle matcher
    // is compared with the trigger, so Gemini starts no hook process for those.
    install: { timeout: 30_000, matcher: 'manual' },
    background: { skip: (payload) => payload.trigger !== 'manual' },
  },
  { event: 'Notification', path: 'spooled', mapsTo: 'system', install: { timeout: 10_000 } },
  {
    event: 'SessionEnd',
    path: 'lifecycle',
    mapsTo: 'chat sweep, session ended with its reason, session_end checkpoint',
    install: { timeout: 10_000 },
    background: {},
  },
  { event: 'BeforeTool', path: 'spooled', mapsTo: 'session noted (the chat file has the call)' },
];
