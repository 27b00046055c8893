// Pins the menu's key handling without a terminal: arrows wrap, letters choose, Enter chooses the
// highlighted item, Esc goes back (or leaves from the top), Ctrl-C leaves from anywhere, typing
// edits the search line, and output pages scroll within bounds.
import { describe, expect, it } from 'vitest';
import { MAIN, MENU_ITEMS, step } from './menu-model.js';
import type { Key, Screen } from './menu-model.js';

const limits = { checkpoints: 3, page: 5 };
const key = (name: string, extra: Partial<Key> = {}): Key => ({
  name,
  sequence: name.length === 1 ? name : undefined,
  ...extra,
});
const run = (keys: Key[], from: Screen = MAIN, l = limits) => {
  let screen = from;
  const effects: string[] = [];
  for (const k of keys) {
    const next = step(screen, k, l);
    screen = next.screen;
    if (next.effect.type !== 'none') effects.push(JSON.stringify(next.effect));
  }
  return { screen, effects };
};

describe('main screen', () => {
  it('moves with arrows and j/k, wrapping around', () => {
    expect(run([key('up')]).screen).toMatchObject({ name: 'main', cursor: MENU_ITEMS.length - 1 });
    expect(run([key('down'), key('j'), key('k')]).screen).toMatchObject({ cursor: 1 });
  });

  it('chooses the highlighted item with Enter, and any item by its letter, in either case', () => {
    expect(run([key('down'), key('down'), key('return')]).effects).toEqual(['{"type":"view"}']);
    expect(run([key('d')]).effects).toEqual(['{"type":"doctor"}']);
    expect(run([key('N', { sequence: 'N' })]).effects).toEqual(['{"type":"new"}']);
    expect(run([key('q')]).effects).toEqual(['{"type":"quit","interrupted":false}']);
    expect(run([key('escape')]).effects).toEqual(['{"type":"quit","interrupted":false}']);
  });

  it('opens the checkpoint picker, or says there are none', () => {
    expect(run([key('l')]).screen).toEqual({ name: 'pick', cursor: 0 });
    expect(run([key('l')], MAIN, { checkpoints: 0, page: 5 }).screen).toEqual({
      name: 'main',
      cursor: 0,
      notice: 'No checkpoints in this project yet.',
    });
  });

  it('leaves on Ctrl-C from any screen, marked as interrupted', () => {
    for (const from of [
      MAIN,
      { name: 'pick', cursor: 1 },
      { name: 'input', text: 'x', all: false },
      { name: 'output', title: '', lines: [], top: 0 },
    ] as Screen[]) {
      expect(run([key('c', { ctrl: true })], from).effects).toEqual([
        '{"type":"quit","interrupted":true}',
      ]);
    }
  });
});

describe('checkpoint picker', () => {
  it('loads the highlighted checkpoint, or one by its number', () => {
    expect(run([key('l'), key('down'), key('down'), key('return')]).effects).toEqual([
      '{"type":"load","index":2}',
    ]);
    expect(run([key('l'), key('up'), key('return')]).effects).toEqual([
      '{"type":"load","index":2}',
    ]);
    expect(run([key('l'), key('2')]).effects).toEqual(['{"type":"load","index":1}']);
    expect(run([key('l'), key('9')]).screen).toEqual({ name: 'pick', cursor: 0 });
  });

  it('goes back with Esc', () => {
    expect(run([key('l'), key('escape')]).screen).toEqual(MAIN);
  });
});

describe('search line', () => {
  it('edits text and searches on Enter; an empty line goes back', () => {
    const typed = [...'dep loy'].map((c) => key(c === ' ' ? 'space' : c, { sequence: c }));
    expect(
      run([key('s'), ...typed, key('backspace'), key('y', { sequence: 'y' }), key('return')])
        .effects,
    ).toEqual(['{"type":"search","query":"dep loy","all":false}']);
    expect(run([key('s'), key('return')]).screen).toEqual(MAIN);
    expect(
      run([key('s'), key('x', { sequence: 'x' }), key('u', { ctrl: true, sequence: '\u0015' })])
        .screen,
    ).toEqual({ name: 'input', text: '', all: false });
    expect(run([key('s'), key('q', { sequence: 'q' })]).screen).toEqual({
      name: 'input',
      text: 'q',
      all: false,
    });
  });

  it('widens to every project with Tab, and back with Tab again', () => {
    const x = key('x', { sequence: 'x' });
    expect(run([key('s'), key('tab'), x, key('return')]).effects).toEqual([
      '{"type":"search","query":"x","all":true}',
    ]);
    expect(run([key('s'), key('tab'), key('tab'), x, key('return')]).effects).toEqual([
      '{"type":"search","query":"x","all":false}',
    ]);
  });
});

describe('search results', () => {
  const results: Screen = { name: 'output', title: 'r', lines: ['a', 'b'], top: 0, hits: [727, 0] };
  it('open a hit by its number, and come back to the results from it', () => {
    const opened = run([key('1', { sequence: '1' })], results);
    expect(opened.effects).toEqual([JSON.stringify({ type: 'show', seq: 727, from: results })]);
    const shown: Screen = { name: 'output', title: 's', lines: [], top: 0, back: results };
    expect(run([key('escape')], shown).screen).toEqual(results);
    expect(run([key('escape')], results).screen).toEqual(MAIN);
  });

  it('open nothing for a record hit or a number past the list', () => {
    expect(run([key('2', { sequence: '2' })], results).effects).toEqual([]);
    expect(run([key('3', { sequence: '3' })], results).effects).toEqual([]);
  });
});

describe('output pages', () => {
  const output: Screen = {
    name: 'output',
    title: 't',
    lines: Array.from({ length: 12 }, (_, i) => `l${i}`),
    top: 0,
  };
  it('scroll within bounds and go back', () => {
    expect(run([key('down'), key('down')], output).screen).toMatchObject({ top: 2 });
    expect(run([key('pagedown'), key('pagedown'), key('pagedown')], output).screen).toMatchObject({
      top: 7,
    });
    expect(run([key('up')], output).screen).toMatchObject({ top: 0 });
    expect(run([key('end'), key('home')], output).screen).toMatchObject({ top: 0 });
    expect(run([key('q')], output).screen).toEqual(MAIN);
  });
});
