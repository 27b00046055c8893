import type { Command } from 'commander';
import { embeddingsStatus, indexEmbeddings } from '../../operations/index.js';
import type { EmbeddingsStatus } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { examples, withJson } from '../options.js';

function describe(s: EmbeddingsStatus): string {
  if (!s.enabled) {
    return 'semantic search is off (set search.embeddings.endpoint and search.embeddings.model)';
  }
  return `${s.embedded} of ${s.turns} turns embedded with ${s.model} at ${s.endpoint}`;
}

export function registerEmbeddings(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('embeddings')
    .description(
      'optional semantic search: embed conversation turns through a configured endpoint',
    );
  examples(cmd, [
    'baton config set search.embeddings.endpoint http://localhost:11434/v1',
    'baton config set search.embeddings.model nomic-embed-text',
    'baton embeddings index      # embed every turn not embedded yet, with progress',
    'baton embeddings status',
  ]);
  const index = cmd
    .command('index')
    .description('embed every conversation turn that has no vector from the configured model yet');
  withJson(index);
  index.action(async (flags: { json?: boolean }) => {
    const world = { store: ctx.store(), env: ctx.world.env };
    const status = await indexEmbeddings(world, (p) => {
      if (!flags.json) ctx.out.error(ctx.out.dim(`embedded ${p.embedded} of ${p.turns} turns`));
    });
    if (flags.json) return ctx.out.json(status);
    ctx.out.line(describe(status));
  });
  const status = cmd.command('status').description('how many turns have a vector');
  withJson(status);
  status.action((flags: { json?: boolean }) => {
    const s = embeddingsStatus({ store: ctx.store() });
    if (flags.json) return ctx.out.json(s);
    ctx.out.line(describe(s));
  });
}
