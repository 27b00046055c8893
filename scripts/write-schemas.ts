// Writes schemas/<name>.schema.json from the zod shapes in src/schemas, and schemas/openapi.json
// (the daemon's HTTP API) from its routes' shapes (npm run schemas). Tests fail when they drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../src/daemon/index.js';
import { PUBLISHED_SCHEMAS, jsonSchemaOf } from '../src/schemas/index.js';

const dir = join(import.meta.dirname, '..', 'schemas');
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[]) {
  writeFileSync(
    join(dir, `${name}.schema.json`),
    JSON.stringify(jsonSchemaOf(name), null, 2) + '\n',
  );
}
// The daemon's HTTP API, from the zod shapes its routes parse with.
writeFileSync(join(dir, 'openapi.json'), JSON.stringify(openApiDocument(), null, 2) + '\n');
