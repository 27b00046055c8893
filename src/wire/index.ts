// wire: what Baton writes out for scripts — the `--json` mappers of every record and the field
// order of Events JSONL v1 — without loading zod. The published shapes these follow, and the
// validation of what comes in, are in src/schemas.
export { toJson } from './to-json.js';
export { EVENT_LINE_FIELDS } from './event-line-fields.js';
export { searchResultToJson } from './search-json.js';
export { doctorReportToJson } from './doctor-json.js';
