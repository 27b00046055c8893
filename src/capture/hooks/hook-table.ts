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
   * Baton handles the event only if a user wires it.
   */
  install?: { timeout: number; async?: boolean };
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
