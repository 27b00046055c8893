import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { examples } from '../options.js';

export function registerSchema(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('schema')
    .description('print the JSON Schema of a published shape (Events JSONL v1, --json outputs)')
    .argument('[name]', 'a schema name; `baton schema` lists them');
  examples(cmd, [
    'baton schema            # list them',
    'baton schema events-v1 > events-v1.schema.json',
  ]);
  cmd.action(async (name?: string) => {
    // Loaded on use: the shapes are zod schemas, which no other common command needs.
    const { PUBLISHED_SCHEMAS, jsonSchemaOf } = await import('../../schemas/index.js');
    if (name === undefined) {
      for (const n of Object.keys(PUBLISHED_SCHEMAS)) ctx.out.line(n);
      return;
    }
    if (!(name in PUBLISHED_SCHEMAS)) {
      throw new BatonError('NOT_FOUND', `no schema "${name}"`, {
        hint: 'run `baton schema` to list them',
      });
    }
    ctx.out.json(jsonSchemaOf(name as keyof typeof PUBLISHED_SCHEMAS));
  });
}
