// Pins the published JSON Schema files: they match the zod shapes the code validates with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SCHEMAS, jsonSchemaOf } from './index.js';

const dir = join(import.meta.dirname, '..', '..', 'schemas');

describe('published schemas', () => {
  for (const name of Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[]) {
    it(`schemas/${name}.schema.json is current (npm run schemas)`, () => {
      const onDisk = JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as unknown;
      expect(onDisk).toEqual(jsonSchemaOf(name));
    });
  }
});
