// capture/events: Events JSONL v1, the portable interchange format (DESIGN §5) — import with
// per-line validation and idempotence by ref, and byte-stable export.
export { importEvents } from './import-events.js';
export type { EventsImportOptions, EventsImportResult, LineProblem } from './import-events.js';
export { exportEvents } from './export-events.js';
export type { EventsExportFilter } from './export-events.js';
export { parseEventLine } from './parse-event-line.js';
export type { EventLineSchema, LineResult } from './parse-event-line.js';
