// Writes schemas/<name>.schema.json from the zod shapes in src/schemas (npm run schemas).
// A test fails when the committed files drift from the code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_SCHEMAS, jsonSchemaOf } from '../src/schemas/index.js';

const dir = join(import.meta.dirname, '..', 'schemas');
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[]) {
  writeFileSync(
    join(dir, `${name}.schema.json`),
    JSON.stringify(jsonSchemaOf(name), null, 2) + '\n',
  );
}
