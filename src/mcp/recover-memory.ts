// What the MCP server's memory tools call: the search module's search, and the recovery module's
// brief and recovery prompt — the same functions the CLI uses.
import { resumeBrief } from '../recover/index.js';
import { searchEvents } from '../search/index.js';
import type { MemoryFunctions } from './deps.js';

const refs = (o: { sessionRef?: string | undefined; checkpointRef?: string | undefined }) => ({
  ...(o.sessionRef !== undefined && { sessionRef: o.sessionRef }),
  ...(o.checkpointRef !== undefined && { checkpointRef: o.checkpointRef }),
});

export const recoverMemory: MemoryFunctions = {
  search: searchEvents,

  async resumeBrief(store, o) {
    const r = await resumeBrief(store, {
      projectId: o.projectId,
      mode: o.mode,
      format: o.format,
      now: o.now,
      ...refs(o),
      ...(o.budget !== undefined && { budget: o.budget }),
    });
    return {
      text: r.text,
      mode: o.mode,
      sessionHandle: r.data.session?.handle ?? null,
      checkpointHandle: r.data.checkpoint?.handle ?? null,
      truncated: r.omitted.length > 0,
    };
  },

  async recoveryPrompt(store, o) {
    const r = await resumeBrief(store, {
      projectId: o.projectId,
      now: o.now,
      prompt: true,
      ...refs(o),
      ...(o.budget !== undefined && { budget: o.budget }),
    });
    return r.text;
  },
};
