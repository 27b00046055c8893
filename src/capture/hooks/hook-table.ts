// The shape of an agent's hook table: every hook event Baton handles for that agent, which of the
// two paths it takes, what it records, and whether `baton install` registers it. The spooled and
// lifecycle sets are read off these tables, never kept by hand. Type-only, so the hot hook bundle
// that reads the tables stays free of imports.

export interface HookEventSpec {
  /** The agent's `hook_event_name`. */
  event: string;
  /**
   * `spooled`: fires on every tool call or prompt and prints nothing, so the hot path writes the
   * payload to the spool and returns; `lifecycle`: handled against the store at once, after the
   * spool is drained (it may print a reply or end a session).
   */
  path: 'spooled' | 'lifecycle';
  /** What Baton records or does for it. */
  mapsTo: string;
  /**
   * Registered by `baton install`, with the agent's timeout (in the agent's own unit); absent when
   * Baton handles the event only if a user wires it. `matcher`: registered for those occurrences
   * only (the agent does not even start the hook for the others).
   */
  install?: { timeout: number; async?: boolean; matcher?: string };
  /**
   * A lifecycle event whose answer the agent needs nothing from (or a fixed one): the hook spools
   * the payload, prints `reply` (when the agent requires an answer) and returns, and a detached
   * background process (spool-background.ts) replays it against the store — so the agent never
   * waits for a transcript sweep. `skip` names payloads that need no handling at all. `brief`:
   * the reply is the project's brief (SessionStart), read from the store read-only once the
   * payload is spooled, so the hook never waits for the write lock (hook-brief-path.ts).
   */
  background?: {
    reply?: string;
    skip?: (payload: Record<string, unknown>) => boolean;
    brief?: boolean;
    /**
     * What the hook process notes about itself when it spools the payload (only it can see its
     * parent processes); the background replay hands it to the handler as `HookContext.noted`.
     */
    note?: (env: NodeJS.ProcessEnv) => Record<string, unknown>;
  };
}

export type HookTable = readonly HookEventSpec[];

/** The events of `table` that take `path`. */
export function eventsOn(table: HookTable, path: HookEventSpec['path']): ReadonlySet<string> {
  return new Set(table.filter((e) => e.path === path).map((e) => e.event));
}

/** The events `baton install` registers, in the order they are written. */
export function installedEvents(table: HookTable): string[] {
  return table.filter((e) => e.install !== undefined).map((e) => e.event);
}

/** The events of `table` handled in the background, with what each prints. */
export function backgroundEvents(
  table: HookTable,
): ReadonlyMap<string, HookEventSpec['background']> {
  return new Map(table.filter((e) => e.background).map((e) => [e.event, e.background]));
}
