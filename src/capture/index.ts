// capture: turning what agents and people do into Baton events — one folder per source (events/
// for the portable JSONL format; one per agent as they arrive), each with a pure parser, a reader
// and, for agents, the hook handler and installer.
export * from './events/index.js';
export { readJsonLines } from './jsonl-lines.js';
export * from './mcp-config/index.js';
