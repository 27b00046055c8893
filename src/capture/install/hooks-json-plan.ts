// Pure: the new text of a JSON settings file holding hooks in the three-level shape Claude Code,
// Codex (hooks.json) and Gemini CLI (settings.json) share — `hooks.<Event>[group].hooks[handler]` —
// with Baton's handlers added or removed, and one line per entry that changed. Baton adds its own
// matcher-less group per event and touches nothing else, so removing it restores the file byte
// for byte (the edits come from json-settings-edit.ts).
import { getNodeValue } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { BatonError } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import {
  addProperty,
  appendToArray,
  detectStyle,
  nodeAt,
  parseSettings,
  removeValue,
  replaceValue,
} from './json-settings-edit.js';
import { isRec } from '../json-fields.js';
import { preparedStartFallback } from './prepared-start.js';
import { spooledHookOf } from './spool-command.js';

/** One agent's hooks: which events, the handler written for each, and how to know Baton's own. */
export interface HookSet {
  events: readonly string[];
  handlerFor(event: string): JsonObject;
  isBatonHandler(handler: JsonValue): boolean;
  /** Said after the event on a detail line for an added handler, e.g. Claude Code's " (async)". */
  addedNote?(event: string): string;
  /**
   * The matcher of the group Baton writes for `event`, when it runs only for some occurrences
   * (Gemini's PreCompress for `manual` only); absent: a matcher-less group.
   */
  matcherFor?(event: string): string | undefined;
}

export interface HooksPlan {
  text: string;
  details: string[];
}

/** What an install created, so uninstall removes exactly that and leaves e.g. a user's `"Stop": []`. */
export interface CreatedKeys {
  hooksKey: boolean;
  events: string[];
}

export interface HooksInstallPlan extends HooksPlan {
  created: CreatedKeys;
}

interface Found {
  event: string;
  group: number;
  handler: number;
  value: JsonValue;
  /** The group holds nothing but this handler (and the matcher Baton writes): Baton made it. */
  alone: boolean;
  /** The group's matcher, when it has one. */
  matcher: JsonValue | undefined;
}

function findBatonHandlers(root: Node, set: HookSet): Found[] {
  const hooks = nodeAt(root, ['hooks']);
  if (!hooks || hooks.type !== 'object') return [];
  const found: Found[] = [];
  for (const prop of hooks.children ?? []) {
    const event = prop.children?.[0]?.value as string;
    const groups = prop.children?.[1];
    if (groups?.type !== 'array') continue;
    (groups.children ?? []).forEach((group, gi) => {
      const handlers = nodeAt(group, ['hooks']);
      if (handlers?.type !== 'array') return;
      const list = handlers.children ?? [];
      const matcher = nodeAt(group, ['matcher']);
      const matcherValue = matcher ? (getNodeValue(matcher) as JsonValue) : undefined;
      // A group is Baton's when it holds only Baton's handler, and a matcher only if Baton writes one.
      const keys = (group.children ?? []).length - (matcher ? 1 : 0);
      const ours = !matcher || matcherValue === set.matcherFor?.(event);
      list.forEach((h, hi) => {
        const value = getNodeValue(h) as JsonValue;
        const alone = list.length === 1 && keys === 1 && ours;
        if (set.isBatonHandler(value))
          found.push({ event, group: gi, handler: hi, value, alone, matcher: matcherValue });
      });
    });
  }
  return found;
}

/** What a handler runs: its command, or `MCP server/tool` for an `mcp_tool` handler. */
function commandOf(h: JsonValue): string {
  if (!isRec(h)) return '?';
  if (typeof h.command === 'string') {
    // Baton's shell scripts are named by the Node hook they stand for.
    const spooled = spooledHookOf(h.command);
    if (spooled) return `${spooled} (spooled by the shell)`;
    const fallback = preparedStartFallback(h.command);
    if (fallback) return `${fallback} (a prepared brief from the shell when exact)`;
    return h.command.includes('\n') ? '(a script)' : h.command;
  }
  const text = (v: JsonValue | undefined) => (typeof v === 'string' ? v : '?');
  return h.type === 'mcp_tool' ? `MCP ${text(h.server)}/${text(h.tool)}` : '?';
}

const same = (a: JsonValue, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b);

export function planHooksInstall(before: string, file: string, set: HookSet): HooksInstallPlan {
  const style = detectStyle(before);
  let text = before.trim() === '' ? `{}${style.eol}` : before;
  const details: string[] = [];
  const created: CreatedKeys = { hooksKey: false, events: [] };
  for (const event of set.events) {
    const root = parseSettings(text, file);
    const desired = set.handlerFor(event);
    const hooks = nodeAt(root, ['hooks']);
    if (hooks && hooks.type !== 'object')
      throw new BatonError(
        'INVALID_INPUT',
        `"hooks" in ${file} is not an object; nothing was changed`,
      );
    const first = findBatonHandlers(root, set).find((f) => f.event === event);
    const matcher = set.matcherFor?.(event);
    const entry: JsonObject =
      matcher === undefined ? { hooks: [desired] } : { matcher, hooks: [desired] };
    if (first) {
      if (first.alone && first.matcher !== matcher) {
        // Baton's own group, written with another matcher (an older install): written anew.
        text = replaceValue(text, root, ['hooks', event, first.group], entry, style);
        details.push(`~ ${event}: ${commandOf(desired)}`);
      } else if (!same(first.value, desired)) {
        text = replaceValue(
          text,
          root,
          ['hooks', event, first.group, 'hooks', first.handler],
          desired,
          style,
        );
        details.push(`~ ${event}: ${commandOf(desired)}`);
      }
      continue;
    }
    if (!hooks) {
      text = addProperty(text, root, [], 'hooks', { [event]: [entry] }, style);
      created.hooksKey = true;
      created.events.push(event);
    } else {
      const groups = nodeAt(root, ['hooks', event]);
      if (groups && groups.type !== 'array')
        throw new BatonError(
          'INVALID_INPUT',
          `"hooks.${event}" in ${file} is not a list; nothing was changed`,
        );
      if (groups) text = appendToArray(text, root, ['hooks', event], entry, style);
      else {
        text = addProperty(text, root, ['hooks'], event, [entry], style);
        created.events.push(event);
      }
    }
    details.push(`+ ${event}${set.addedNote?.(event) ?? ''}: ${commandOf(desired)}`);
  }
  return { text, details, created };
}

/**
 * Removes Baton's handlers. Containers Baton created go too; without a record of what it created
 * (an agent that keeps none, or an install from before records were kept), a container left empty
 * is taken to be Baton's.
 */
export function planHooksRemoval(
  before: string,
  file: string,
  set: HookSet,
  created: CreatedKeys | null = null,
): HooksPlan {
  let text = before;
  const details: string[] = [];
  for (;;) {
    const root = parseSettings(text, file);
    const last = findBatonHandlers(root, set).pop();
    if (!last) break;
    details.unshift(`- ${last.event}: ${commandOf(last.value)}`);
    if (!last.alone) {
      text = removeValue(text, root, ['hooks', last.event, last.group, 'hooks', last.handler]);
      continue;
    }
    const groups = nodeAt(root, ['hooks', last.event])!;
    const hooks = nodeAt(root, ['hooks'])!;
    const ownsEvent = created ? created.events.includes(last.event) : true;
    const ownsHooks = created ? created.hooksKey : true;
    if ((groups.children ?? []).length > 1 || !ownsEvent)
      text = removeValue(text, root, ['hooks', last.event, last.group]);
    else if ((hooks.children ?? []).length > 1 || !ownsHooks)
      text = removeValue(text, root, ['hooks', last.event]);
    else text = removeValue(text, root, ['hooks']);
  }
  return { text, details };
}

/** Events with Baton's hook registered in this settings text. */
export function batonHookEvents(text: string, file: string, set: HookSet): string[] {
  return [...new Set(findBatonHandlers(parseSettings(text, file), set).map((f) => f.event))];
}

/** A handler Baton installed for `agent`: a command running `… baton… hook <agent>`. */
export function isBatonHookCommand(handler: JsonValue, agent: string): boolean {
  if (!isRec(handler) || typeof handler.command !== 'string') return false;
  return (
    new RegExp(`(^|\\s)hook ${agent}(\\s|$)`).test(handler.command) &&
    /baton/i.test(handler.command)
  );
}
