// capture/gemini: Gemini CLI's chat recordings and hooks → Baton (agent-formats.md §4). A pure
// chat parser for both formats (chat-parser, message-record, legacy-chat), the project-folder
// mapping, the incremental importer, the hook handler, the settings installer and its status.
export { gemini, geminiStatus, geminiPresent } from './adapter.js';
export { handleGeminiHook } from './hook-handler.js';
export { discoverChats, importGeminiChat } from './import-chat.js';
export { geminiInstaller, geminiSettingsFor } from './installer.js';
export type { JsonEntryPlanner } from './installer.js';
export { GEMINI_HOOK_EVENTS } from './hook-entries.js';
export { geminiHome } from './paths.js';
export { GeminiChatParser } from './chat-parser.js';
export { projectHashOf, resolveProjectRoot } from './project-map.js';
