// Pure: the new text of a Claude Code settings file with Baton's hooks added or removed, and one
// line per entry that changed. Hooks live under `hooks.<Event>[group].hooks[handler]`
// (agent-formats.md §1.2); Baton adds its own matcher-less group per event and touches nothing else.
import { getNodeValue } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { BatonError } from '../../core/index.js';
import type { JsonValue } from '../../core/index.js';
import {
  addProperty,
  appendToArray,
  detectStyle,
  nodeAt,
  parseSettings,
  removeValue,
  replaceValue,
} from '../json-settings-edit.js';
import { CLAUDE_HOOKS, handlerFor, isBatonHandler } from './hook-entries.js';

export interface SettingsPlan {
  text: string;
  details: string[];
}

/** What an install created, so uninstall removes exactly that and leaves e.g. a user's `"Stop": []`. */
export interface CreatedKeys {
  hooksKey: boolean;
  events: string[];
}

export interface InstallPlan extends SettingsPlan {
  created: CreatedKeys;
}

interface Found {
  event: string;
  group: number;
  handler: number;
  value: JsonValue;
  /** The group holds nothing but this handler: Baton made the group. */
  alone: boolean;
}

/** Baton's handlers in the file, in document order. */
export function findBatonHandlers(root: Node): Found[] {
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
      list.forEach((h, hi) => {
        const value = getNodeValue(h) as JsonValue;
        const keys = (group.children ?? []).length;
        if (isBatonHandler(value))
          found.push({
            event,
            group: gi,
            handler: hi,
            value,
            alone: list.length === 1 && keys === 1,
          });
      });
    });
  }
  return found;
}

const same = (a: JsonValue, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b);

const hookCommandOf = (handler: JsonValue): string =>
  handler !== null &&
  typeof handler === 'object' &&
  !Array.isArray(handler) &&
  typeof handler.command === 'string'
    ? handler.command
    : '?';

export function planHookInstall(before: string, file: string, batonCommand: string): InstallPlan {
  const style = detectStyle(before);
  let text = before.trim() === '' ? `{}${style.eol}` : before;
  const details: string[] = [];
  const created: CreatedKeys = { hooksKey: false, events: [] };
  for (const spec of CLAUDE_HOOKS) {
    const root = parseSettings(text, file);
    const desired = handlerFor(spec, batonCommand);
    const hooks = nodeAt(root, ['hooks']);
    if (hooks && hooks.type !== 'object')
      throw new BatonError(
        'INVALID_INPUT',
        `"hooks" in ${file} is not an object; nothing was changed`,
      );
    const ours = findBatonHandlers(root).filter((f) => f.event === spec.event);
    const first = ours[0];
    if (first) {
      if (!same(first.value, desired)) {
        text = replaceValue(
          text,
          root,
          ['hooks', spec.event, first.group, 'hooks', first.handler],
          desired,
          style,
        );
        details.push(`~ ${spec.event}: ${hookCommandOf(desired)}`);
      }
      continue;
    }
    const entry = { hooks: [desired] };
    if (!hooks) {
      text = addProperty(text, root, [], 'hooks', { [spec.event]: [entry] }, style);
      created.hooksKey = true;
      created.events.push(spec.event);
    } else {
      const groups = nodeAt(root, ['hooks', spec.event]);
      if (groups && groups.type !== 'array')
        throw new BatonError(
          'INVALID_INPUT',
          `"hooks.${spec.event}" in ${file} is not a list; nothing was changed`,
        );
      if (groups) text = appendToArray(text, root, ['hooks', spec.event], entry, style);
      else {
        text = addProperty(text, root, ['hooks'], spec.event, [entry], style);
        created.events.push(spec.event);
      }
    }
    details.push(`+ ${spec.event}${spec.async ? ' (async)' : ''}: ${hookCommandOf(desired)}`);
  }
  return { text, details, created };
}

/**
 * Removes Baton's handlers. Containers Baton created go too; without a record of what it created
 * (an install from before records were kept), a container left empty is taken to be Baton's.
 */
export function planHookRemoval(
  before: string,
  file: string,
  created: CreatedKeys | null,
): SettingsPlan {
  let text = before;
  const details: string[] = [];
  for (;;) {
    const root = parseSettings(text, file);
    const last = findBatonHandlers(root).pop();
    if (!last) break;
    details.unshift(`- ${last.event}: ${hookCommandOf(last.value)}`);
    if (!last.alone) {
      text = removeValue(text, root, ['hooks', last.event, last.group, 'hooks', last.handler]);
      continue;
    }
    const groups = nodeAt(root, ['hooks', last.event])!;
    const hooks = nodeAt(root, ['hooks'])!;
    const ownsEvent = created ? created.events.includes(last.event) : true;
    const ownsHooks = created ? created.hooksKey : true;
    if ((groups.children ?? []).length > 1 || !ownsEvent) {
      text = removeValue(text, root, ['hooks', last.event, last.group]);
    } else if ((hooks.children ?? []).length > 1 || !ownsHooks) {
      text = removeValue(text, root, ['hooks', last.event]);
    } else text = removeValue(text, root, ['hooks']);
  }
  return { text, details };
}

/** Events with Baton's hook registered in this settings text. */
export function batonEvents(text: string, file: string): string[] {
  return [...new Set(findBatonHandlers(parseSettings(text, file)).map((f) => f.event))];
}
