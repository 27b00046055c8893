// Claude Code hooks answered by Baton's running MCP server instead of a process of their own.
// Claude Code accepts hook handlers of `type: "mcp_tool"`: at the event it calls a tool of an
// already-connected MCP server, with arguments taken from the hook's input by `${field}`
// interpolation (an object field arrives JSON-stringified; a missing one as ""). Baton's server
// (`baton mcp`) answers that tool itself, without loading the full server, by spooling the rebuilt
// payload exactly as the hook process does (spoolHotEvent), so the agent waits for one fsync'd
// write in a process that is already running rather than for a Node start. The tool is never
// listed in `tools/list`, so no model is offered it. If the server is not connected (it failed to
// start, or Claude Code has already closed it), Claude Code skips the call; the session's end
// still imports the transcript, which holds the prompts, tool calls and results.
// Pure and import-free: the small MCP entry bundles it.

/** The tool Baton's MCP server answers for hook events (not listed to models). */
export const HOOK_TOOL = 'hook_event';

/** The MCP server the handlers name: the one `baton install` registers. */
export const HOOK_SERVER = 'baton';

/** The hook input fields Baton reads, taken into the tool's arguments by interpolation. */
export const HOOK_TOOL_FIELDS = [
  'hook_event_name',
  'session_id',
  'transcript_path',
  'cwd',
  'permission_mode',
  'prompt',
  'tool_name',
  'tool_input',
  'tool_response',
  'tool_use_id',
  'error',
  'is_interrupt',
  'duration_ms',
  'stop_hook_active',
  'agent_id',
  'agent_type',
  'agent_transcript_path',
  'message',
  'title',
  'notification_type',
  'trigger',
  'custom_instructions',
  'compact_summary',
] as const;

/** Fields Claude Code sends as JSON values other than strings (they arrive stringified). */
const JSON_FIELDS: ReadonlySet<string> = new Set([
  'tool_input',
  'tool_response',
  'is_interrupt',
  'duration_ms',
  'stop_hook_active',
]);

/** The `input` of Baton's `mcp_tool` handler: every field Baton reads, by interpolation. */
export function hookToolInput(): Record<string, string> {
  return Object.fromEntries(HOOK_TOOL_FIELDS.map((f) => [f, `\${${f}}`]));
}

/**
 * The hook payload rebuilt from the tool's arguments: empty fields (absent from the hook's input)
 * are left out, and the fields Claude Code sends as objects, numbers or booleans are parsed back.
 * Undefined when the arguments are not a hook's (no event name).
 */
export function payloadFromToolArguments(args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    if (value === '' || value === undefined || value === null) continue;
    payload[key] = typeof value === 'string' && JSON_FIELDS.has(key) ? parsed(value) : value;
  }
  return typeof payload.hook_event_name === 'string' && payload.hook_event_name !== ''
    ? JSON.stringify(payload)
    : undefined;
}

/** A JSON value written out by the interpolation; a plain string stays as it is. */
function parsed(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && text !== 'true' && text !== 'false' && !/^-?\d/.test(text))
    return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The hook payload of a whole JSON-RPC `tools/call` line of the hook tool, as Baton's shell front
 * of the MCP server spools it (src/cli/mcp-entry/mcp-sh.ts): the same payload the Node front
 * spools for that call. Undefined when the line is not such a call.
 */
export function payloadFromHookCall(line: string): string | undefined {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return undefined;
  const { method, params } = m as {
    method?: unknown;
    params?: { name?: unknown; arguments?: unknown };
  };
  if (method !== 'tools/call' || typeof params !== 'object' || params === null) return undefined;
  return params.name === HOOK_TOOL ? payloadFromToolArguments(params.arguments) : undefined;
}
