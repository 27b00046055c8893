// Pins the sealed versioned entries mechanism on its own, with a made-up entry kind (named notes)
// between two real SQLite stores through a real PostgreSQL vault: a push sends a version of each
// entry that changed since it last synced, sealed under a keyed id, and nothing for an entry held
// as a conflict; a pull notes the newest version of each machine; stamps sort after everything
// seen; and the seen-clock helpers the kinds' reconciles use.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HybridLogicalClock, fixedClock } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { SqliteStore } from '../../store/index.js';
import { testServerUrl } from '../postgres/testing/test-database.js';
import { syncSuite } from '../postgres/testing/sync-fixture.js';
import type { SyncFixture } from '../postgres/testing/sync-fixture.js';
import type { SealedRecord, SyncTarget } from '../sync-target.js';
import { seal } from '../vault-crypto.js';
import { SealedEntries, joinSeen, newer, newestFirst, sealedId, takeSeen } from './index.js';
import type { EntriesWorld, EntryDraft, EntryState, EntryVersion } from './index.js';

interface NoteVersion extends EntryVersion {
  name: string;
  text: string;
}
interface NoteState extends EntryState {
  touched: number;
}
interface NoteConflict extends JsonObject {
  theirs: string;
}

const NOTES = new SealedEntries<NoteVersion, NoteState, NoteConflict>({
  kind: 'note',
  setting: 'test.notes',
  keyOf: (v) => v.name,
  idParts: (v) => [v.name],
  blank: () => ({ hash: '', seen: {}, touched: 0 }),
  accepts: (v) => !v.name.startsWith('private-'),
});

/** Drafts of the notes "on the machine"; counts the records sealed alongside. */
function drafts(notes: Record<string, string>, sealedAlongside: string[] = []) {
  return Object.entries(notes).map(([name, text]): EntryDraft<NoteVersion> => ({
    key: name,
    hash: `h:${text}`,
    fields: { name, text },
    alongside: (): SealedRecord[] => {
      sealedAlongside.push(name);
      return [];
    },
  }));
}

const server = testServerUrl();

describe.skipIf(!server)('sealed versioned entries through PostgreSQL', () => {
  const fixture = syncSuite(server);
  let fx: SyncFixture;

  const machine = async (name: string) => {
    const store: SqliteStore = fx.store(name);
    const target: SyncTarget = await fx.target();
    const world: EntriesWorld = {
      store,
      target,
      key: fx.key,
      vault: fx.vault,
      machine: store.info.machineId,
    };
    /** What the vault holds that this machine did not write, after `seq`. */
    const fetch = (seq = 0) => target.pull(seq, 100, world.machine);
    return { store, world, fetch };
  };

  it('sends a version of each entry that changed since it last synced, sealed, once', async () => {
    fx = await fixture();
    const a = await machine('a');
    const alongside: string[] = [];
    expect(await NOTES.push(a.world, drafts({ x: 'first x', y: 'first y' }, alongside))).toBe(2);
    expect(alongside).toEqual(['x', 'y']);
    expect(await NOTES.push(a.world, drafts({ x: 'first x', y: 'first y' }, alongside))).toBe(0);
    expect(alongside).toEqual(['x', 'y']);

    const states = NOTES.states(a.store);
    const remote = NOTES.remote(a.store);
    const sentY = remote.y![a.world.machine]!;
    expect(sentY).toMatchObject({ name: 'y', text: 'first y', hash: 'h:first y', seen: {} });
    // The state keeps what the kind adds to it (here a blank's `touched`) and notes the version.
    expect(states.y).toEqual({
      hash: 'h:first y',
      seen: { [a.world.machine]: sentY.hlc },
      touched: 0,
    });

    // An edit goes out with the seen-clock of the state it was made from.
    expect(await NOTES.push(a.world, drafts({ x: 'first x', y: 'second y' }, alongside))).toBe(1);
    expect(alongside).toEqual(['x', 'y', 'y']);
    const editY = NOTES.remote(a.store).y![a.world.machine]!;
    expect(editY.hlc > sentY.hlc).toBe(true);
    expect(editY.seen).toEqual({ [a.world.machine]: sentY.hlc });

    // The server holds one row per entry and machine, under a keyed id, with no plaintext.
    const c = new pg.Client({ connectionString: fx.url });
    await c.connect();
    const rows = await c.query<{ id: string; kind: string; ciphertext: Buffer }>(
      "SELECT id, kind, ciphertext FROM baton.records WHERE vault = $1 AND kind = 'note'",
      [fx.vault],
    );
    await c.end();
    expect(rows.rows.map((r) => r.id).sort()).toEqual(
      [sealedId(fx.key, 'note', 'x'), sealedId(fx.key, 'note', 'y')].sort(),
    );
    for (const r of rows.rows) expect(r.ciphertext.toString('latin1')).not.toMatch(/first|second/);
  });

  it('notes on pull the newest version of each machine, and only the versions it accepts', async () => {
    fx = await fixture();
    const a = await machine('a');
    const b = await machine('b');
    await NOTES.push(a.world, drafts({ x: 'one', 'private-z': 'secret' }));
    const first = await b.fetch();
    expect(first).toHaveLength(2);
    await NOTES.push(a.world, drafts({ x: 'two', 'private-z': 'secret' }));
    const second = await b.fetch(first.at(-1)!.seq);
    expect(second).toHaveLength(1);

    NOTES.notePulled(b.store, fx.key, fx.vault, second);
    // An older version arriving late does not replace the newer one.
    NOTES.notePulled(b.store, fx.key, fx.vault, first);
    const remote = NOTES.remote(b.store);
    expect(Object.keys(remote)).toEqual(['x']);
    expect(remote.x![a.world.machine]).toEqual(NOTES.remote(a.store).x![a.world.machine]);
    expect(remote.x![a.world.machine]!.text).toBe('two');
    // Noting changes nothing taken here: that is the kind's reconcile.
    expect(NOTES.states(b.store)).toEqual({});
  });

  it('holds back an entry held as a conflict, and stamps after every stamp it has seen', async () => {
    fx = await fixture();
    const b = await machine('b');
    // A version from a machine whose clock runs a day ahead, sealed as a push would seal it.
    const ahead = new HybridLogicalClock('m-ahead', fixedClock(Date.now() + 86_400_000)).tick();
    const id = sealedId(fx.key, 'note', 'x');
    const version: NoteVersion = {
      name: 'x',
      text: 'from ahead',
      hash: 'h:from ahead',
      seen: {},
      hlc: ahead,
      machine: 'm-ahead',
    };
    NOTES.notePulled(b.store, fx.key, fx.vault, [
      {
        id,
        ciphertext: seal(
          fx.key,
          { vault: fx.vault, kind: 'note', id },
          Buffer.from(JSON.stringify(version)),
        ),
      },
    ]);
    NOTES.save(b.store, { y: NOTES.blank() }, { y: { theirs: 'their y' } });
    expect(await NOTES.push(b.world, drafts({ x: 'mine', y: 'my y' }))).toBe(1);
    const sent = NOTES.remote(b.store).x![b.world.machine]!;
    expect(sent.hlc > ahead).toBe(true);
    expect(NOTES.remote(b.store).y).toBeUndefined();
    expect(NOTES.conflicts(b.store)).toEqual({ y: { theirs: 'their y' } });

    // Once released, the held entry goes out, stamped after a seen-clock from the future too.
    const later = new HybridLogicalClock('m-later', fixedClock(Date.now() + 2 * 86_400_000)).tick();
    NOTES.save(
      b.store,
      { ...NOTES.states(b.store), y: { hash: '', seen: { 'm-later': later }, touched: 3 } },
      {},
    );
    expect(await NOTES.push(b.world, drafts({ x: 'mine', y: 'my y' }))).toBe(1);
    const y = NOTES.remote(b.store).y![b.world.machine]!;
    expect(y.hlc > later).toBe(true);
    expect(y.seen).toEqual({ 'm-later': later });
    expect(NOTES.states(b.store).y).toEqual({
      hash: 'h:my y',
      seen: { 'm-later': later, [b.world.machine]: y.hlc },
      touched: 3,
    });
  });
});

describe('seen-clock helpers', () => {
  const v = (machine: string, hlc: string, seen: Record<string, string> = {}): EntryVersion => ({
    hash: `h${hlc}`,
    seen,
    hlc,
    machine,
  });

  it('join two clocks machine by machine, keeping the later stamp', () => {
    expect(joinSeen({ a: '2', b: '5' }, { b: '3', c: '1' })).toEqual({ a: '2', b: '5', c: '1' });
    expect(joinSeen({ a: '2' }, { a: '4' })).toEqual({ a: '4' });
    expect(newer(undefined, '1')).toBe(false);
    expect(newer('1', '1')).toBe(true);
    expect(newer('1', '2')).toBe(false);
  });

  it('take a version: what its writer had seen, and itself', () => {
    expect(takeSeen({ a: '3', c: '1' }, v('b', '7', { a: '4', c: '0' }))).toEqual({
      a: '4',
      b: '7',
      c: '1',
    });
  });

  it('sort versions newest first without touching the input', () => {
    const input = [v('a', '2'), v('b', '9'), v('c', '5')];
    expect(newestFirst(input).map((x) => x.machine)).toEqual(['b', 'c', 'a']);
    expect(input.map((x) => x.machine)).toEqual(['a', 'b', 'c']);
  });

  it('name a record by a keyed hash of its kind and names, as vaults already hold them', () => {
    const key = Buffer.alloc(32, 7);
    const mac = (text: string) =>
      createHmac('sha256', key).update(text).digest('base64url').slice(0, 32);
    expect(sealedId(key, 'file', '~/.claude/CLAUDE.md')).toBe(
      `file:${mac('file\0~/.claude/CLAUDE.md')}`,
    );
    expect(sealedId(key, 'mcp', 'codex', 'docs')).toBe(`mcp:${mac('mcp\0codex\0docs')}`);
    expect(sealedId(key, 'blob', 'abc')).toBe(`blob:${mac('blob\0abc')}`);
    expect(sealedId(Buffer.alloc(32, 8), 'mcp', 'codex', 'docs')).not.toBe(
      sealedId(key, 'mcp', 'codex', 'docs'),
    );
  });
});
