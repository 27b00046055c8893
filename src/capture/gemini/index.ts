// capture/gemini: Gemini CLI's chat recordings and hooks → Baton (formats in docs/agents.md). A
// pure chat parser for both formats (chat-parser, message-record, legacy-chat), the project-folder
// mapping, the incremental importer, the hook table and handler, the settings installer and its
// status.
export { gemini } from './adapter.js';
