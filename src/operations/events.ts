// Logging an event by hand (a person at the shell, an agent whose conversation Baton does not
// capture). The event goes to the session at work — one is started when none is — and is
// followed by the automatic checkpoint it calls for: an error at once, other kinds on the
// activity interval.
import type { BatonEvent, EventKind, EventSource, JsonObject, Session } from '../core/index.js';
import type { SessionInput } from '../store/index.js';
import { checkpointAfterWrite } from './checkpoint-triggers.js';
import { requireText } from './validate.js';
import { writingSession } from './which-session.js';
import type { OpsWorld } from './world.js';

export interface LogEventInput {
  projectId: string;
  kind: EventKind;
  text: string;
  data?: JsonObject | null | undefined;
  tool?: string | null | undefined;
  /** Who wrote it: `cli` from the shell, `api` from an agent's tool call. */
  source: EventSource;
  session?: string | undefined;
  /** The session to start when none is named or active. */
  newSession: Omit<SessionInput, 'projectId'>;
}

export interface LoggedEvent {
  session: Session;
  event: BatonEvent;
}

export function logEvent(world: OpsWorld, input: LogEventInput): LoggedEvent {
  const text = requireText(input.text, 'an event');
  const session = writingSession(world, {
    projectId: input.projectId,
    ref: input.session,
    staleEnv: input.source === 'cli' ? 'fail' : 'ignore',
    newSession: input.newSession,
  });
  const { seqs } = world.store.events.append([
    {
      sessionId: session.id,
      ts: world.clock.now(),
      kind: input.kind,
      text,
      data: input.data ?? null,
      tool: input.tool ?? null,
      source: input.source,
    },
  ]);
  const event = world.store.events.get(seqs[0]!)!;
  checkpointAfterWrite(world, session.id, input.kind === 'error' ? 'error' : 'activity');
  return { session, event };
}
