// Pins opening a search hit in its context from the shell: `baton search` says how once, and
// `baton show` takes the number a hit shows (with or without `#`) or SESSION#N, prints the
// session's turns around it, and --json gives the same window; an unknown event exits 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, T0, loadConversation } from '../../src/search/conversation.fixture.js';
import type { Conversation } from '../../src/search/conversation.fixture.js';
import { baton, openStore, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

let box: Sandbox;
let c: Conversation;
let seq: number;

beforeAll(() => {
  box = sandbox();
  const { store } = openStore(box, T0 + 4 * DAY);
  c = loadConversation(store);
  seq = store.events.get(c.ids.deployAnswer!)!.seq;
  store.close();
});
afterAll(() => box.dispose());

interface ShownJson {
  anchor: number;
  position: number;
  session: { id: string };
  events: { seq: number; sessionId: string }[];
}

function shownJson(args: string[]): ShownJson {
  const r = baton(box, ['show', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ShownJson;
}

describe('baton show', () => {
  it('is named once at the end of a search, with the first hit', () => {
    const r = baton(box, ['search', 'staging', 'deployment', '--all-projects']);
    expect(r.code).toBe(0);
    const hints = r.stdout.split('\n').filter((l) => l.includes('baton show'));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/^open a hit in its context: baton show \d+$/);
  });

  it('opens a hit by the number search printed, the event marked among its neighbours', () => {
    for (const ref of [String(seq), `#${seq}`]) {
      const r = baton(box, ['show', ref, '-n', '1']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const marked = r.stdout.split('\n').filter((l) => l.startsWith('>'));
      expect(marked).toHaveLength(1);
      expect(marked[0]).toContain(`#${seq} ${c.sessionA.handle}#`);
      expect(r.stdout).toContain(c.sessionA.handle);
    }
  });

  it('opens SESSION#N and gives the same window as --json', () => {
    const byNumber = shownJson([String(seq)]);
    const place = `${c.sessionA.handle}#${byNumber.position}`;
    const shown = shownJson([place, '--before', '1', '--after', '0']);
    expect(shown.anchor).toBe(seq);
    expect(shown.session.id).toBe(c.sessionA.id);
    const seqs = byNumber.events.map((e) => e.seq);
    expect(shown.events.map((e) => e.seq)).toEqual(
      seqs.slice(seqs.indexOf(seq) - 1, seqs.indexOf(seq) + 1),
    );
    expect(shown.events.every((e) => e.sessionId === c.sessionA.id)).toBe(true);
  });

  it('exits 3 with one line for an event that is not there', () => {
    const r = baton(box, ['show', '#999999']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no event "#999999"/);
  });
});
