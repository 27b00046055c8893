// Pure: whether Codex will run Baton's hooks. Codex runs a hook from hooks.json only once the user
// has trusted it; trusting writes `[hooks.state."<hooks.json>:<event>:<group>:<handler>"]` with
// `trusted_hash = "sha256:<hex>"` into the user's config.toml. The hash is SHA-256 over the
// compact, key-sorted JSON of the handler's identity (event name in snake case, the matcher when
// there is one, and the handler with Codex's defaults filled in), so a changed command or timeout
// needs trusting again. Codex skips an untrusted hook without a word, so install and doctor say so.
import { createHash } from 'node:crypto';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { isRec } from '../json-fields.js';
import type { HookSet } from '../install/hooks-json-plan.js';

export type HookTrustState = 'trusted' | 'untrusted' | 'changed';

export interface HookTrust {
  /** Codex's key for the handler: `<hooks.json path>:<event_name>:<group>:<handler>`. */
  key: string;
  event: string;
  state: HookTrustState;
  /** The hash Codex expects in `trusted_hash` for the handler as it is now. */
  currentHash: string;
}

/** Codex's default for a command handler's timeout a file leaves out, in seconds. */
const DEFAULT_TIMEOUT_SECONDS = 600;
/** Codex caps a SessionEnd handler's timeout (0.171), and hashes the capped value. */
const SESSION_END_MAX_SECONDS = 3;

function effectiveTimeout(event: string, timeout: unknown): number {
  const t = typeof timeout === 'number' ? timeout : DEFAULT_TIMEOUT_SECONDS;
  return event === 'SessionEnd' ? Math.min(t, SESSION_END_MAX_SECONDS) : t;
}

const snakeCase = (event: string) => event.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The `sha256:<hex>` Codex compares with `trusted_hash` for one command handler. */
export function codexHookHash(
  event: string,
  handler: Record<string, unknown>,
  matcher: string | undefined,
): string {
  const identity = {
    event_name: snakeCase(event),
    matcher,
    hooks: [
      {
        type: 'command',
        command: handler.command,
        timeout: effectiveTimeout(event, handler.timeout),
        async: handler.async === true,
        statusMessage:
          typeof handler.statusMessage === 'string' ? handler.statusMessage : undefined,
      },
    ],
  };
  return `sha256:${createHash('sha256').update(canonicalJson(identity)).digest('hex')}`;
}

/** `trusted_hash` per key from config.toml's `[hooks.state]`; unreadable TOML trusts nothing. */
function trustedHashes(configToml: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!configToml) return out;
  let state: unknown;
  try {
    state = (parseToml(configToml.replace(/^\uFEFF/, '')) as { hooks?: { state?: unknown } }).hooks
      ?.state;
  } catch {
    return out;
  }
  if (!isRec(state)) return out;
  for (const [key, entry] of Object.entries(state))
    if (isRec(entry) && typeof entry.trusted_hash === 'string') out.set(key, entry.trusted_hash);
  return out;
}

/** Each of Baton's handlers in a hooks.json, with whether Codex trusts it as it is now. */
export function codexHookTrust(
  hooksJsonPath: string,
  hooksJson: string | null,
  configToml: string | null,
  set: HookSet,
): HookTrust[] {
  const root = hooksJson ? (parseJsonc(hooksJson) as unknown) : null;
  const hooks = isRec(root) && isRec(root.hooks) ? root.hooks : {};
  const trusted = trustedHashes(configToml);
  const out: HookTrust[] = [];
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group: unknown, g) => {
      if (!isRec(group) || !Array.isArray(group.hooks)) return;
      const matcher = typeof group.matcher === 'string' ? group.matcher : undefined;
      group.hooks.forEach((handler: unknown, h) => {
        if (!isRec(handler) || !set.isBatonHandler(handler)) return;
        const key = `${hooksJsonPath}:${snakeCase(event)}:${g}:${h}`;
        const currentHash = codexHookHash(event, handler, matcher);
        const had = trusted.get(key);
        const state = had === undefined ? 'untrusted' : had === currentHash ? 'trusted' : 'changed';
        out.push({ key, event, state, currentHash });
      });
    });
  }
  return out;
}

/** What to tell the user when some of Baton's hooks will not run; null when all are trusted. */
export function trustAdvice(trust: readonly HookTrust[]): string | null {
  const untrusted = trust.filter((t) => t.state === 'untrusted').length;
  const changed = trust.filter((t) => t.state === 'changed').length;
  if (untrusted + changed === 0) return null;
  const what = [
    untrusted ? `${untrusted} not yet trusted` : '',
    changed ? `${changed} changed since you trusted them` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    `Codex skips hooks it does not trust, silently: ${what} of Baton's ${trust.length}. ` +
    'Start `codex`, type /hooks, and trust every hook whose command holds `hook codex` ' +
    '(for a single `codex exec` run: --dangerously-bypass-hook-trust). ' +
    'Until then Codex sessions start without the brief and are recorded only turn by turn, through `notify`.'
  );
}
