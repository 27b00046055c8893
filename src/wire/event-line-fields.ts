// Events JSONL v1's fields in the order they are written, so exports are byte-stable.
export const EVENT_LINE_FIELDS = [
  'session',
  'agent',
  'project',
  'ts',
  'kind',
  'role',
  'text',
  'tool',
  'data',
  'ref',
  'title',
] as const;
