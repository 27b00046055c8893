// core: the vocabulary every other module speaks — record types, ids, clocks, errors, handles,
// durations and secret redaction. Pure: it imports nothing of ours and does no I/O.
export * from './types.js';
export { BatonError, ERROR_CODES, classifyError, isBatonError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { createIdSource, newMachineId } from './ids.js';
export type { IdSource } from './ids.js';
export { HybridLogicalClock, fixedClock, formatHlc, parseHlc, systemClock } from './clock.js';
export type { Clock, HlcParts } from './clock.js';
export { parseDuration, parseTime } from './duration.js';
export {
  SESSION_HANDLE_RE,
  dayKey,
  formatCheckpointHandle,
  formatSessionHandle,
} from './handles.js';
export { createRedactor } from './redact.js';
export type { Redactor } from './redact.js';
