// The recovery menu as a pure state machine: a screen and a key in, the next screen and what to
// do out. Arrow keys (and j/k) move, Enter chooses, each item's letter chooses it directly, Esc
// goes back, Ctrl-C leaves from anywhere. No I/O here, so every path is tested without a terminal.

export const MENU_ITEMS = [
  { letter: 'l', label: 'Load checkpoint', action: 'load' },
  { letter: 'n', label: 'New session', action: 'new' },
  { letter: 'v', label: 'View recent messages', action: 'view' },
  { letter: 's', label: 'Search', action: 'search' },
  { letter: 'd', label: 'Diagnostics', action: 'doctor' },
  { letter: 'q', label: 'Quit', action: 'quit' },
] as const;

type MenuAction = (typeof MENU_ITEMS)[number]['action'];

export type Screen =
  | { name: 'main'; cursor: number; notice: string | null }
  | { name: 'pick'; cursor: number }
  | { name: 'input'; text: string; all: boolean }
  | {
      name: 'output';
      title: string;
      lines: string[];
      top: number;
      /** The events of the hits listed, in order: key 1–9 opens that hit in its context. */
      hits?: number[] | undefined;
      /** Where Esc goes (the search results, from a hit opened); the main screen if none. */
      back?: Screen | undefined;
    };

/** A key as node:readline's keypress event describes it. */
export interface Key {
  name?: string | undefined;
  sequence?: string | undefined;
  ctrl?: boolean | undefined;
  meta?: boolean | undefined;
}

export type Effect =
  | { type: 'none' }
  | { type: 'quit'; interrupted: boolean }
  | { type: 'load'; index: number }
  | { type: 'new' }
  | { type: 'view' }
  | { type: 'search'; query: string; all: boolean }
  | { type: 'show'; seq: number; from: Screen }
  | { type: 'doctor' };

export interface Limits {
  checkpoints: number;
  /** Lines of output visible at once, for paging. */
  page: number;
}

interface Step {
  screen: Screen;
  effect: Effect;
}

const NONE: Effect = { type: 'none' };
export const MAIN: Screen = { name: 'main', cursor: 0, notice: null };
const stay = (screen: Screen): Step => ({ screen, effect: NONE });
const wrapAround = (i: number, n: number) => (n === 0 ? 0 : (i + n) % n);
const isUp = (k: Key) => k.name === 'up' || (k.name === 'k' && !k.ctrl);
const isDown = (k: Key) => k.name === 'down' || (k.name === 'j' && !k.ctrl);
const isBack = (k: Key) => k.name === 'escape' || k.name === 'left' || k.name === 'backspace';

export function step(screen: Screen, key: Key, limits: Limits): Step {
  if (key.ctrl && (key.name === 'c' || key.name === 'd')) {
    return { screen, effect: { type: 'quit', interrupted: key.name === 'c' } };
  }
  switch (screen.name) {
    case 'main':
      return onMain(screen, key, limits);
    case 'pick':
      return onPick(screen, key, limits);
    case 'input':
      return onInput(screen, key);
    case 'output':
      return onOutput(screen, key, limits);
  }
}

function choose(action: MenuAction, limits: Limits, cursor: number): Step {
  const at = MENU_ITEMS.findIndex((i) => i.action === action);
  switch (action) {
    case 'load':
      return limits.checkpoints === 0
        ? stay({ name: 'main', cursor: at, notice: 'No checkpoints in this project yet.' })
        : stay({ name: 'pick', cursor: 0 });
    case 'search':
      return stay({ name: 'input', text: '', all: false });
    case 'quit':
      return {
        screen: { name: 'main', cursor, notice: null },
        effect: { type: 'quit', interrupted: false },
      };
    default:
      return { screen: { name: 'main', cursor: at, notice: null }, effect: { type: action } };
  }
}

function onMain(screen: Extract<Screen, { name: 'main' }>, key: Key, limits: Limits): Step {
  const n = MENU_ITEMS.length;
  if (isUp(key))
    return stay({ name: 'main', cursor: wrapAround(screen.cursor - 1, n), notice: null });
  if (isDown(key))
    return stay({ name: 'main', cursor: wrapAround(screen.cursor + 1, n), notice: null });
  if (key.name === 'return')
    return choose(MENU_ITEMS[screen.cursor]!.action, limits, screen.cursor);
  if (key.name === 'escape') return { screen, effect: { type: 'quit', interrupted: false } };
  const letter = key.name?.toLowerCase();
  const item = MENU_ITEMS.find((i) => i.letter === letter);
  return item && !key.ctrl && !key.meta ? choose(item.action, limits, screen.cursor) : stay(screen);
}

function onPick(screen: Extract<Screen, { name: 'pick' }>, key: Key, limits: Limits): Step {
  const n = limits.checkpoints;
  if (isUp(key)) return stay({ name: 'pick', cursor: wrapAround(screen.cursor - 1, n) });
  if (isDown(key)) return stay({ name: 'pick', cursor: wrapAround(screen.cursor + 1, n) });
  if (key.name === 'return' || key.name === 'l') {
    return { screen: MAIN, effect: { type: 'load', index: screen.cursor } };
  }
  const digit = Number(key.sequence);
  if (key.sequence && /^[1-9]$/.test(key.sequence) && digit <= n) {
    return { screen: MAIN, effect: { type: 'load', index: digit - 1 } };
  }
  if (isBack(key) || key.name === 'q') return stay(MAIN);
  return stay(screen);
}

function onInput(screen: Extract<Screen, { name: 'input' }>, key: Key): Step {
  if (key.name === 'escape') return stay(MAIN);
  if (key.name === 'return') {
    const query = screen.text.trim();
    return query
      ? { screen: MAIN, effect: { type: 'search', query, all: screen.all } }
      : stay(MAIN);
  }
  // Tab widens the search to every project, and back.
  if (key.name === 'tab') return stay({ ...screen, all: !screen.all });
  if (key.name === 'backspace')
    return stay({ ...screen, text: [...screen.text].slice(0, -1).join('') });
  if (key.ctrl && key.name === 'u') return stay({ ...screen, text: '' });
  const s = key.sequence ?? '';
  const printable =
    !key.ctrl && !key.meta && s.length > 0 && [...s].every((ch) => ch >= ' ' && ch !== '\u007f');
  return printable ? stay({ ...screen, text: screen.text + s }) : stay(screen);
}

function onOutput(screen: Extract<Screen, { name: 'output' }>, key: Key, limits: Limits): Step {
  const last = Math.max(0, screen.lines.length - limits.page);
  const to = (top: number) => stay({ ...screen, top: Math.min(last, Math.max(0, top)) });
  if (isUp(key)) return to(screen.top - 1);
  if (isDown(key)) return to(screen.top + 1);
  if (key.name === 'pageup') return to(screen.top - limits.page);
  if (key.name === 'pagedown' || key.name === 'space') return to(screen.top + limits.page);
  if (key.name === 'home') return to(0);
  if (key.name === 'end') return to(last);
  const hit =
    key.sequence && /^[1-9]$/.test(key.sequence)
      ? screen.hits?.[Number(key.sequence) - 1]
      : undefined;
  if (hit !== undefined && hit > 0)
    return { screen, effect: { type: 'show', seq: hit, from: screen } };
  if (isBack(key) || key.name === 'q' || key.name === 'return') return stay(screen.back ?? MAIN);
  return stay(screen);
}
