// A damaged store file is salvaged into a new store: with pages of the events table overwritten
// by garbage at several offsets, and with the file cut short, every command that meets the damage
// fails in one line with exit 6 naming the remedies; doctor names salvage; `doctor --salvage`
// copies what is readable table by table into a new file, says per table what was saved and lost,
// and never writes the damaged file; the new store, put in place with restore-backup, is sound and
// holds exactly the readable part of what was there — every salvaged event one of the originals.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { openSync, closeSync, writeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/store/index.js';
import { ok } from '../e2e/cli.js';
import { runBaton, tempHome } from '../e2e/run-baton.js';

const { home: root, cleanup } = tempHome();
afterAll(cleanup);
const EVENTS = 3000;
const SESSIONS = 30;
let pristine: string;
let original: Set<string>;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The store's events as exported (to a file: the export is larger than a pipe buffer). */
function exportedEvents(home: string): string[] {
  const file = join(home, 'export.jsonl');
  ok(['export', '--format', 'events', '--all-projects', '-o', file], { home });
  const text = readFileSync(file, 'utf8');
  rmSync(file);
  return text.split('\n').filter((l) => l.startsWith('{"session"'));
}

interface Report {
  output: string;
  copy: string;
  problems: string[];
  tables: { table: string; saved: number; lost: number | null; damaged: boolean }[];
}

beforeAll(() => {
  const home = join(root, 'source');
  mkdirSync(home);
  const input = Array.from({ length: EVENTS }, (_, i) =>
    JSON.stringify({
      session: `s${i % SESSIONS}`,
      agent: 'codex',
      project: '/w/p',
      ts: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      kind: 'note',
      text: `event ${i} ${'lorem ipsum '.repeat(25)}`,
      ref: `r${i}`,
    }),
  ).join('\n');
  ok(['import', '--format', 'events', '-'], { home, input });
  ok(['todo', 'add', 'keep me', '--project', '/w/p'], { home });
  ok(['decision', 'add', 'use sqlite', '--project', '/w/p'], { home });
  original = new Set(exportedEvents(home));
  expect(original.size).toBe(EVENTS);
  pristine = join(home, 'baton.db');
});

/** A home holding a copy of the sound store, for one kind of damage. */
function homeWithCopy(name: string): { home: string; file: string } {
  const home = join(root, name);
  mkdirSync(home);
  const file = join(home, 'baton.db');
  copyFileSync(pristine, file);
  return { home, file };
}

/** Leaf pages of a table, by SQLite's own page map of the sound file. */
function leafPages(file: string, table: string): { pages: number[]; pageSize: number } {
  const db = new Database(file, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = (
      db
        .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`)
        .all(table) as { pageno: number }[]
    ).map((r) => r.pageno);
    return { pages, pageSize };
  } finally {
    db.close();
  }
}

function salvage(home: string): { code: number; stderr: string; report: Report } {
  const r = runBaton(['doctor', '--salvage', '--json'], { home });
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Report };
}

/** Puts the salvaged store in place and returns its events, checking it is sound. */
function useSalvaged(home: string, report: Report): string[] {
  ok(['restore-backup', report.output, '--yes'], { home });
  const doctor = runBaton(['doctor', '--json'], { home });
  const checks = (
    JSON.parse(doctor.stdout) as { checks: { id: string; status: string; data: unknown }[] }
  ).checks;
  expect(checks.find((c) => c.id === 'integrity')?.status).toBe('ok');
  expect(checks.find((c) => c.id === 'search-index')?.status).toBe('ok');
  const events = exportedEvents(home);
  // The events per kind the new store keeps (counted as its events were copied, not copied from
  // the damaged file's count) are the events it holds.
  expect(checks.find((c) => c.id === 'contents')?.data).toMatchObject({ events: events.length });
  return events;
}

const table = (report: Report, name: string) => report.tables.find((t) => t.table === name)!;

describe('salvaging a damaged store', () => {
  it('pages overwritten with garbage at several offsets: the rest comes back', () => {
    const { home, file } = homeWithCopy('garbage');
    const { pages, pageSize } = leafPages(file, 'events');
    expect(pages.length).toBeGreaterThan(20);
    const hit = [pages[2]!, pages[Math.floor(pages.length / 2)]!, pages[pages.length - 3]!];
    const fd = openSync(file, 'r+');
    for (const page of hit) {
      const garbage = Buffer.alloc(pageSize);
      for (let i = 0; i < pageSize; i++) garbage[i] = (i * 7919 + page) % 251;
      writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
    }
    closeSync(fd);
    const damagedHash = sha(file);

    // Meeting the damage: one line, exit 6, the remedies named.
    const exported = runBaton(['export', '--format', 'events', '--all-projects', '-o', 'x'], {
      home,
    });
    expect(exported.code).toBe(6);
    expect(exported.stderr.trim().split('\n')).toHaveLength(1);
    expect(exported.stderr).toMatch(/^baton: the store is damaged: .*baton doctor --salvage/);
    const doctor = runBaton(['doctor', '--fix', '--json'], { home });
    expect(doctor.code).toBe(1);
    const integrity = (
      JSON.parse(doctor.stdout) as { checks: { id: string; status: string; fix: string | null }[] }
    ).checks.find((c) => c.id === 'integrity');
    expect(integrity).toMatchObject({ status: 'fail' });
    expect(integrity?.fix).toContain('baton doctor --salvage');
    expect(doctor.stderr).toMatch(
      /^baton: --fix leaves integrity to you: .*baton doctor --salvage/m,
    );

    const { code, stderr, report } = salvage(home);
    expect(code).toBe(1); // rows were lost: said, not hidden
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^baton: salvaged what was readable; rows were lost in events/);
    expect(report.problems).toEqual([]);
    expect(sha(file)).toBe(damagedHash); // the damaged file is never written
    expect(sha(report.copy)).toBe(damagedHash);

    const events = table(report, 'events');
    expect(events.damaged).toBe(true);
    expect(events.lost).toBeGreaterThan(0);
    expect(events.saved + events.lost!).toBe(EVENTS);
    // Three leaf pages lost: everything else is back.
    expect(events.saved).toBeGreaterThan(EVENTS - hit.length * 200);
    for (const t of ['sessions', 'todos', 'decisions', 'projects', 'meta']) {
      expect(table(report, t)).toMatchObject({ lost: 0, damaged: false });
    }
    expect(table(report, 'sessions').saved).toBe(SESSIONS);

    const back = useSalvaged(home, report);
    expect(back).toHaveLength(events.saved);
    for (const line of back) expect(original.has(line)).toBe(true);
    expect(JSON.parse(ok(['todo', 'list', '--project', '/w/p', '--json'], { home }))).toEqual([
      expect.objectContaining({ content: 'keep me' }),
    ]);
    // The search index was built again from what came back.
    const refs = new Set(back.map((l) => (JSON.parse(l) as { ref: string }).ref));
    const found = JSON.parse(ok(['search', 'lorem', '--all-projects', '--json'], { home })) as {
      hits: { event: { ref: string } }[];
    };
    expect(found.hits.length).toBeGreaterThan(0);
    for (const h of found.hits) expect(refs.has(h.event.ref)).toBe(true);
  });

  it('a file cut short: what lies before the cut comes back', () => {
    const { home, file } = homeWithCopy('truncated');
    const { pages, pageSize } = leafPages(file, 'events');
    // Cut in the middle of the events' pages.
    const cutPage = pages[Math.floor(pages.length / 2)]!;
    truncateSync(file, (cutPage - 1) * pageSize + 100);
    const cutHash = sha(file);
    const cutSize = statSync(file).size;

    const exported = runBaton(['export', '--format', 'events', '--all-projects', '-o', 'x'], {
      home,
    });
    expect(exported.code).toBe(6);
    expect(exported.stderr.trim().split('\n')).toHaveLength(1);
    expect(exported.stderr).toMatch(/^baton: the store is damaged: /);

    const { code, report } = salvage(home);
    expect(code).toBe(1);
    expect(report.problems).toEqual([]);
    expect(sha(file)).toBe(cutHash);
    expect(statSync(file).size).toBe(cutSize);
    const events = table(report, 'events');
    expect(events.damaged).toBe(true);
    expect(events.saved).toBeGreaterThan(0);
    expect(events.saved).toBeLessThan(EVENTS);

    const back = useSalvaged(home, report);
    expect(back).toHaveLength(events.saved);
    for (const line of back) expect(original.has(line)).toBe(true);
  });

  it('a file whose first page is garbage: one line, exit 6, the backup named', () => {
    const { home, file } = homeWithCopy('header');
    const bytes = readFileSync(file);
    bytes.fill(0x41, 0, 4096);
    writeFileSync(file, bytes);
    const r = runBaton(['doctor', '--salvage'], { home });
    expect(r.code).toBe(6);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^baton: nothing in .* can be read: .*baton restore-backup/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
