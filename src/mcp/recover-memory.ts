// What the MCP server's memory tools call: the search module's search, and the recovery module's
// brief, recovery prompt, checkpoints and checkpoint triggers — the same functions the CLI uses.
import {
  autoTriggerOf,
  createCheckpoint,
  listCheckpoints,
  onTrigger,
  restoreCheckpoint,
  resumeBrief,
} from '../recover/index.js';
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

  checkpoints: {
    create: (store, o) =>
      createCheckpoint(store, {
        session: o.sessionId,
        // The MCP tool says `user` for a checkpoint an agent asked for; Baton calls it `manual`.
        trigger: o.trigger === 'user' ? 'manual' : o.trigger,
        label: o.label,
        now: o.now,
      }),
    list: (store, o) =>
      listCheckpoints(store, {
        projectId: o.projectId,
        ...(o.sessionId !== undefined && { session: o.sessionId }),
        limit: o.offset + o.limit,
      }).slice(o.offset),
    restore: (store, o) => {
      const r = restoreCheckpoint(store, { checkpoint: o.ref, rollback: o.rollback, now: o.now });
      return {
        checkpoint: r.checkpoint,
        rolledBack: r.rolledBack !== null,
        undoCheckpoint: r.undo,
      };
    },
  },

  onTrigger(store, e) {
    const trigger = autoTriggerOf(e.trigger);
    if (e.sessionId === null || trigger === null) return;
    onTrigger(store, { sessionId: e.sessionId, trigger, now: e.now });
  },
};
