// Surgical edits to an agent's JSON (or JSONC) settings file: append to an array, add a property,
// replace or remove one value — touching no byte outside the edit. jsonc-parser's own `modify`
// reformats the lines around an insertion (a one-line `{"a":1}` becomes three lines), which would
// make uninstall inexact, so edits are computed here from its parse tree's offsets: an appended
// item is inserted right after the last item, and removing it later deletes exactly that text.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { JSONPath, Node, ParseError } from 'jsonc-parser';
import { BatonError } from '../../core/index.js';
import type { JsonValue } from '../../core/index.js';

export interface JsonStyle {
  /** One level of indentation as the file writes it. */
  unit: string;
  eol: string;
}

export function detectStyle(text: string): JsonStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  return { unit: indented?.[1]?.startsWith('\t') ? '\t' : (indented?.[1] ?? '  '), eol };
}

export function parseSettings(text: string, file: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text.trim() === '' ? '{}' : text, errors, { allowTrailingComma: true });
  if (!root || errors.length > 0 || root.type !== 'object') {
    throw new BatonError('INVALID_INPUT', `${file} is not a JSON object Baton can edit safely`, {
      hint: 'fix the file (or move it away) and run the command again; nothing was changed',
    });
  }
  return root;
}

export const nodeAt = (root: Node, path: JSONPath): Node | undefined =>
  findNodeAtLocation(root, path);

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

function sameLine(text: string, from: number, to: number): boolean {
  return !text.slice(from, to).includes('\n');
}

function render(value: JsonValue, indent: string, style: JsonStyle, compact: boolean): string {
  if (compact) return JSON.stringify(value);
  return JSON.stringify(value, null, style.unit)
    .split('\n')
    .join(style.eol + indent);
}

const splice = (text: string, at: number, remove: number, insert: string) =>
  text.slice(0, at) + insert + text.slice(at + remove);

/** Inserts `piece` (a property `"k": v` or an array item) as the last child of `container`. */
function appendChild(
  text: string,
  container: Node,
  piece: (indent: string, compact: boolean) => string,
  style: JsonStyle,
): string {
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const children = container.children ?? [];
  // One-line containers get one-line additions; an empty one only in a file written on one line.
  const compact =
    sameLine(text, open, close) && (children.length > 0 || !text.trim().includes('\n'));
  const last = children[children.length - 1];
  if (last) {
    const end = last.offset + last.length;
    if (compact) return splice(text, end, 0, `, ${piece('', true)}`);
    const indent = lineIndent(text, last.offset);
    return splice(text, end, 0, `,${style.eol}${indent}${piece(indent, false)}`);
  }
  if (compact) return splice(text, open + 1, close - open - 1, piece('', true));
  const outer = lineIndent(text, open);
  const indent = outer + style.unit;
  return splice(
    text,
    open + 1,
    close - open - 1,
    `${style.eol}${indent}${piece(indent, false)}${style.eol}${outer}`,
  );
}

export function appendToArray(
  text: string,
  root: Node,
  path: JSONPath,
  value: JsonValue,
  style: JsonStyle,
): string {
  const array = nodeAt(root, path);
  if (!array || array.type !== 'array')
    throw new BatonError('INTERNAL', `no array at ${path.join('.')}`);
  return appendChild(
    text,
    array,
    (indent, compact) => render(value, indent, style, compact),
    style,
  );
}

/** Adds `key` to the object at `path` (which must exist), as its last property. */
export function addProperty(
  text: string,
  root: Node,
  path: JSONPath,
  key: string,
  value: JsonValue,
  style: JsonStyle,
): string {
  const object = path.length === 0 ? root : nodeAt(root, path);
  if (!object || object.type !== 'object')
    throw new BatonError('INTERNAL', `no object at ${path.join('.')}`);
  return appendChild(
    text,
    object,
    (indent, compact) => `${JSON.stringify(key)}: ${render(value, indent, style, compact)}`,
    style,
  );
}

export function replaceValue(
  text: string,
  root: Node,
  path: JSONPath,
  value: JsonValue,
  style: JsonStyle,
): string {
  const node = nodeAt(root, path);
  if (!node) throw new BatonError('INTERNAL', `nothing at ${path.join('.')}`);
  const compact = sameLine(text, node.offset, node.offset + node.length);
  return splice(
    text,
    node.offset,
    node.length,
    render(value, lineIndent(text, node.offset), style, compact),
  );
}

/**
 * Removes the value at `path` (an array item, or a property when the path ends in a key) with the
 * separator that joined it: the exact inverse of appending it.
 */
export function removeValue(text: string, root: Node, path: JSONPath): string {
  const value = nodeAt(root, path);
  if (!value) return text;
  const node = value.parent?.type === 'property' ? value.parent : value;
  const container = node.parent;
  if (!container) return text;
  const siblings = container.children ?? [];
  const i = siblings.indexOf(node);
  const prev = siblings[i - 1];
  const next = siblings[i + 1];
  if (prev)
    return splice(
      text,
      prev.offset + prev.length,
      node.offset + node.length - (prev.offset + prev.length),
      '',
    );
  if (next) return splice(text, node.offset, next.offset - node.offset, '');
  const open = container.offset;
  const close = container.offset + container.length - 1;
  return splice(text, open + 1, close - open - 1, '');
}
