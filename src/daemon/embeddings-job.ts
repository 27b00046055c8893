// While the daemon runs and semantic search is configured (search.embeddings.endpoint and .model),
// the turns recorded since the last pass are embedded every few minutes, so `baton embeddings
// index` is needed only once, for the history before. An endpoint that is down fails the pass with
// one log line (runDueJobs) and the next pass catches up.
import { embeddingsConfig, indexEmbeddings } from '../operations/index.js';
import type { PeriodicJob } from './recorder-jobs.js';

const EVERY_MS = 5 * 60_000;

export const embeddingsJob: PeriodicJob = {
  name: 'embeddings',
  every(store) {
    return embeddingsConfig(store) !== null ? EVERY_MS : null;
  },
  async run(world) {
    const r = await indexEmbeddings({ store: world.store, env: world.env });
    return r.added > 0
      ? `embeddings: ${r.added} turn(s) embedded, ${r.embedded} of ${r.turns} in all`
      : null;
  },
};
