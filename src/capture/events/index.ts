// capture/events: Events JSONL v1, Baton's portable interchange format
// (schemas/events-v1.schema.json): import with per-line validation and idempotence by ref, and
// byte-stable export.
export { importEvents } from './import-events.js';
export { TimeSlicer } from './time-slices.js';
export type { EventsImportResult } from './import-events.js';
export { exportEvents } from './export-events.js';
export type { EventsExportFilter } from './export-events.js';
export { exportRecords, RECORD_VERSIONS } from './record-lines.js';
export type { RecordType } from './record-lines.js';
