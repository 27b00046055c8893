// Optional semantic search's index: `baton embeddings index` embeds every conversation turn that
// has no vector from the configured model yet, in batches, with progress; `status` says how far it
// is. The semantic code is loaded only here and when a search has an endpoint configured.
import { BatonError } from '../core/index.js';
import { embeddingsConfig } from './search.js';
import type { OpsWorld } from './world.js';

export type EmbeddingsWorld = Pick<OpsWorld, 'store'> & {
  env: Record<string, string | undefined>;
};

export interface EmbeddingsStatus {
  /** False when no endpoint and model are configured (semantic search off, the default). */
  enabled: boolean;
  endpoint: string | null;
  model: string | null;
  /** Conversation turns that can have a vector. */
  turns: number;
  /** Turns with a vector from the configured model. */
  embedded: number;
  /** Vectors from other models (left from an earlier configuration; replaced when indexed). */
  otherModels: number;
}

export function embeddingsStatus(world: Pick<OpsWorld, 'store'>): EmbeddingsStatus {
  const config = embeddingsConfig(world.store);
  const counts = world.store.embeddings.counts(config?.model ?? '');
  return {
    enabled: config !== null,
    endpoint: config?.endpoint ?? null,
    model: config?.model ?? null,
    turns: counts.turns,
    embedded: config ? counts.embedded : 0,
    otherModels: config ? counts.otherModels : counts.otherModels + counts.embedded,
  };
}

/** Embeds the turns still without a vector; `onProgress` after each batch. */
export async function indexEmbeddings(
  world: EmbeddingsWorld,
  onProgress: (p: { embedded: number; turns: number }) => void = () => {},
): Promise<EmbeddingsStatus & { added: number }> {
  const config = embeddingsConfig(world.store);
  if (config === null) {
    throw new BatonError('USAGE', 'semantic search is off: no embeddings endpoint and model set', {
      hint: 'baton config set search.embeddings.endpoint http://localhost:11434/v1 && baton config set search.embeddings.model nomic-embed-text',
    });
  }
  const { indexEmbeddings: run } = await import('../search/semantic.js');
  const { added } = await run(world.store, config, world.env, onProgress);
  return { ...embeddingsStatus(world), added };
}
