// The `--json` output of Baton's records: plain mappers from store records to the published
// shapes (times as ISO-8601 strings). Zod-free on purpose — every command prints through these,
// and loading zod costs every command start-up; the shapes themselves live in src/schemas.
import type { z } from 'zod';
import type {
  BatonEvent,
  Checkpoint,
  ComponentState,
  ContextFact,
  Decision,
  Project,
  Session,
  Todo,
} from '../core/index.js';
import type {
  checkpointShape,
  componentShape,
  contextFactShape,
  decisionShape,
  eventShape,
  projectShape,
  sessionShape,
  todoShape,
} from '../schemas/index.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const toJson = {
  project: (p: Project): z.infer<typeof projectShape> => ({ ...p, createdAt: iso(p.createdAt) }),
  session: (s: Session): z.infer<typeof sessionShape> => {
    const { meta: _meta, pid: _pid, ...rest } = s;
    return {
      ...rest,
      startedAt: iso(s.startedAt),
      lastActivityAt: iso(s.lastActivityAt),
      endedAt: isoOrNull(s.endedAt),
    };
  },
  event: (e: BatonEvent): z.infer<typeof eventShape> => ({ ...e, ts: iso(e.ts) }),
  todo: (t: Todo): z.infer<typeof todoShape> => ({
    ...t,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    startedAt: isoOrNull(t.startedAt),
    completedAt: isoOrNull(t.completedAt),
  }),
  decision: (d: Decision): z.infer<typeof decisionShape> => ({
    ...d,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  }),
  fact: (f: ContextFact, now: number): z.infer<typeof contextFactShape> => ({
    ...f,
    scope: f.projectId === null ? 'global' : 'project',
    expiresAt: isoOrNull(f.expiresAt),
    expired: f.expiresAt !== null && f.expiresAt <= now,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  }),
  component: (c: ComponentState): z.infer<typeof componentShape> => ({
    ...c,
    lastChecked: iso(c.lastChecked),
    updatedAt: iso(c.updatedAt),
  }),
  checkpoint: (c: Checkpoint): z.infer<typeof checkpointShape> => ({
    ...c,
    createdAt: iso(c.createdAt),
  }),
};
