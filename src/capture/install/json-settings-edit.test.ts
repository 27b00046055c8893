// Pins the property uninstall relies on: whatever the file's layout, removing what was appended
// gives back the original text byte for byte, and the edited text stays valid JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../core/index.js';
import {
  addProperty,
  appendToArray,
  detectStyle,
  parseSettings,
  removeValue,
  replaceValue,
} from './json-settings-edit.js';

// Through JSON once, so -0 and the like compare as they serialise.
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
const layouts = fc.constantFrom<(v: unknown) => string>(
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2) + '\n',
  (v) => JSON.stringify(v, null, 4),
  (v) => JSON.stringify(v, null, '\t') + '\n',
  (v) => JSON.stringify(v, null, 2).replace(/\n/g, '\r\n') + '\r\n',
);

describe('json settings edits', () => {
  it('removing an appended property restores the file exactly', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), json, { maxKeys: 5 }),
        layouts,
        json,
        (obj, layout, value) => {
          const original = layout(obj);
          const key = 'baton-key-not-in-obj';
          const edited = addProperty(
            original,
            parseSettings(original, 'f'),
            [],
            key,
            value,
            detectStyle(original),
          );
          expect((JSON.parse(edited) as Record<string, unknown>)[key]).toEqual(value);
          expect(removeValue(edited, parseSettings(edited, 'f'), [key])).toBe(original);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('removing an appended array item restores the file exactly', () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 4 }), layouts, json, (items, layout, value) => {
        const original = layout({ list: items });
        const edited = appendToArray(
          original,
          parseSettings(original, 'f'),
          ['list'],
          value,
          detectStyle(original),
        );
        const list = (JSON.parse(edited) as { list: unknown[] }).list;
        expect(list).toEqual([...items, value]);
        expect(removeValue(edited, parseSettings(edited, 'f'), ['list', items.length])).toBe(
          original,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps comments and replaces a value in place', () => {
    const text = '{\n  // keep me\n  "a": { "b": 1 }, /* and me */\n  "c": 2\n}\n';
    const edited = replaceValue(
      text,
      parseSettings(text, 'f'),
      ['a', 'b'],
      { x: true },
      detectStyle(text),
    );
    expect(edited).toBe('{\n  // keep me\n  "a": { "b": {"x":true} }, /* and me */\n  "c": 2\n}\n');
  });

  it('rejects what is not a JSON object', () => {
    expect(() => parseSettings('[1]', 'f')).toThrow(/not a JSON object/);
    expect(() => parseSettings('{"a": }', 'f')).toThrow(/not a JSON object/);
    expect(parseSettings('', 'f').type).toBe('object');
  });
});
