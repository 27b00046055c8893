// core: the vocabulary every other module speaks — record types, ids, clocks, errors, handles,
// durations and secret redaction. Pure: it imports nothing of ours and does no I/O.
export {
  DECISION_STATUSES,
  EVENT_KINDS,
  EVENT_SOURCES,
  FACT_PRIORITIES,
  SESSION_STATUSES,
  TODO_PRIORITIES,
  TODO_STATUSES,
  TODO_STATUS_MARKS,
} from './types.js';
export type {
  BatonEvent,
  Checkpoint,
  ComponentState,
  ContextFact,
  Decision,
  DecisionStatus,
  EventKind,
  EventSource,
  FactPriority,
  JsonObject,
  JsonValue,
  Project,
  Session,
  SessionStatus,
  Todo,
  TodoPriority,
  TodoStatus,
} from './types.js';
export { BatonError, UPDATE_BATON, classifyError, isBatonError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { createIdSource, newMachineId } from './ids.js';
export type { IdSource } from './ids.js';
export { HybridLogicalClock, fixedClock, parseHlc, systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { parseDuration, parseTime } from './duration.js';
export { dayKey, formatCheckpointHandle, formatSessionHandle } from './handles.js';
export { createRedactor } from './redact.js';
export type { Redactor } from './redact.js';
