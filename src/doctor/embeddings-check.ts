// Optional semantic search: whether it is configured, and how many conversation turns have a
// vector from the configured model. The endpoint itself is not called here (a search that finds
// it down says so in one line and still returns the word matches).
import { result } from './types.js';
import type { CheckResult, DoctorContext } from './types.js';

export function embeddingsCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) return [];
  const settings = ctx.store.settingsWithPrefix('search.embeddings.');
  const text = (key: string) => {
    const v = settings.get(`search.embeddings.${key}`);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const endpoint = text('endpoint');
  const model = text('model');
  const apiKeyEnv = text('apiKeyEnv');
  const title = 'semantic search';
  if (endpoint === null || model === null) {
    return [
      result('search:embeddings', title, 'info', 'off (optional; searches use words only)', {
        fix: endpoint || model ? 'set both search.embeddings.endpoint and .model' : null,
        data: { enabled: false },
      }),
    ];
  }
  const counts = ctx.store.embeddings.counts(model);
  const data = { enabled: true, endpoint, model, turns: counts.turns, embedded: counts.embedded };
  const summary = `${counts.embedded} of ${counts.turns} turns embedded with ${model} at ${endpoint}`;
  if (apiKeyEnv !== null && !ctx.env[apiKeyEnv]) {
    return [
      result('search:embeddings', title, 'warn', `${summary}; ${apiKeyEnv} is not set`, {
        fix: `set ${apiKeyEnv} to the endpoint's API key, or unset search.embeddings.apiKeyEnv`,
        data,
      }),
    ];
  }
  const behind = counts.turns - counts.embedded;
  return [
    result('search:embeddings', title, behind > 0 ? 'info' : 'ok', summary, {
      fix: behind > 0 ? `baton embeddings index (${behind} turns without a vector)` : null,
      data,
    }),
  ];
}
