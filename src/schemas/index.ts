// schemas: the published data shapes — Events JSONL v1 and the `--json` output of every read
// command — as zod schemas, from which the JSON Schema files in schemas/ are generated. Kept out
// of core so the hook path never loads zod.
import { z } from 'zod';
import { briefShape } from './brief.js';
import { eventLineV1 } from './events-v1.js';
import {
  checkpointShape,
  componentShape,
  contextFactShape,
  decisionShape,
  eventShape,
  projectShape,
  sessionShape,
  todoShape,
} from './records.js';
import { doctorReportShape } from './doctor.js';
import { searchHitShape, searchResultShape } from './search.js';

export { eventLineV1 } from './events-v1.js';
export type { EventLineV1 } from './events-v1.js';
export {
  checkpointShape,
  componentShape,
  contextFactShape,
  decisionShape,
  eventShape,
  projectShape,
  sessionShape,
  todoShape,
} from './records.js';
export { briefShape } from './brief.js';
export { doctorReportShape } from './doctor.js';
export { searchHitShape, searchResultShape } from './search.js';

/** Every published shape, by the file name its JSON Schema is written to. */
export const PUBLISHED_SCHEMAS = {
  'events-v1': eventLineV1,
  event: eventShape,
  session: sessionShape,
  project: projectShape,
  todo: todoShape,
  decision: decisionShape,
  'context-fact': contextFactShape,
  component: componentShape,
  checkpoint: checkpointShape,
  brief: briefShape,
  'search-hit': searchHitShape,
  'search-result': searchResultShape,
  'doctor-report': doctorReportShape,
} as const;

export function jsonSchemaOf(name: keyof typeof PUBLISHED_SCHEMAS): object {
  return {
    $id: `urn:baton:schema:${name}`,
    ...z.toJSONSchema(PUBLISHED_SCHEMAS[name], { target: 'draft-2020-12' }),
  };
}
