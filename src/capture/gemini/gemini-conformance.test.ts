// Pins the Gemini importer against every real chat in BATON_REAL_FIXTURES (JSONL stream and legacy
// JSON): per file, counts derived here from the raw JSON — messages folded by id, later wins —
// match the store (prompts, replies, tool calls, results, errors); every message and tool call is
// kept; re-import adds nothing; a truncated last JSONL line is read once, on the next run; a
// chat under a legacy hash-named folder gets the project its absolute paths hash to.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../testing/temp-store.js';
import type { TempStore } from '../testing/temp-store.js';
import { discoverChats, importGeminiChat } from './import-chat.js';

const FIXTURES = process.env.BATON_REAL_FIXTURES;

interface Msg {
  id: string;
  type: string;
  content?: unknown;
  displayContent?: unknown;
  toolCalls?: { status?: string; result?: unknown }[];
}

interface Expected {
  prompts: number;
  assistant: number;
  calls: number;
  results: number;
  errors: number;
  /** Records that are neither a message nor a lastUpdated-only patch. */
  others: number;
  messages: number;
}

function recordsOf(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    const { messages, ...meta } = JSON.parse(text) as { messages: Msg[] };
    return [meta, ...(messages as unknown as Record<string, unknown>[])];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function expectedOf(path: string): Expected {
  const folded = new Map<string, Msg>();
  let others = 0;
  for (const r of recordsOf(path)) {
    if (typeof r.id === 'string') folded.set(r.id, r as unknown as Msg);
    else if (!(r.$set && Object.keys(r.$set).every((k) => k === 'lastUpdated'))) others += 1;
  }
  const e: Expected = {
    prompts: 0,
    assistant: 0,
    calls: 0,
    results: 0,
    errors: 0,
    others,
    messages: folded.size,
  };
  for (const m of folded.values()) {
    const shownAsTool =
      Array.isArray(m.displayContent) &&
      m.displayContent.every((p: { functionResponse?: unknown }) => p.functionResponse);
    if (m.type === 'user' && !shownAsTool) e.prompts += 1;
    if (m.type === 'gemini') e.assistant += 1;
    if (m.type === 'error') e.errors += 1;
    for (const c of m.toolCalls ?? []) {
      e.calls += 1;
      if (c.result != null || ['success', 'error', 'cancelled'].includes(c.status ?? ''))
        e.results += 1;
      if (c.status === 'error') e.errors += 1;
    }
  }
  return e;
}

describe.skipIf(!FIXTURES)('Gemini CLI conformance over real chats', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore()));
  afterEach(() => t.cleanup());

  const files = FIXTURES
    ? discoverChats({ env: { HOME: '/nonexistent' }, cwd: FIXTURES }, [
        join(FIXTURES, 'gemini'),
      ]).map((f) => f.path)
    : [];

  it('finds both chat formats under tmp/<project>/chats', () => {
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.jsonl'))).toBe(true);
  });

  it('gives hash-named chats the folder their absolute paths hash to', () => {
    let recovered = 0;
    for (const path of files) {
      const id = basename(dirname(dirname(path)));
      if (!/^[0-9a-f]{64}$/.test(id)) continue;
      // Independently of the importer: every quoted absolute path's ancestors, hashed.
      const quoted = readFileSync(path, 'utf8').match(/"\/[^"\\]+"/g) ?? [];
      const dirs = quoted.flatMap((q) => {
        const parts = q.slice(1, -1).split('/');
        return parts.map((_, i) => parts.slice(0, i + 1).join('/')).filter((d) => d.length > 1);
      });
      const expected = dirs.find((d) => createHash('sha256').update(d).digest('hex') === id);
      importGeminiChat(t.store, { path, role: 'session' });
      const session = t.store.sessions
        .list()
        .find((s) => path.includes(s.agentSessionId?.slice(0, 8) ?? '-'));
      const root = session?.projectId ? t.store.projects.get(session.projectId)?.root : undefined;
      expect(root, basename(path)).toBe(expected);
      if (expected) recovered++;
    }
    expect(recovered).toBeGreaterThan(0);
  });

  for (const path of files) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    it(`${name}: counts match the raw JSON, nothing lost, nothing duplicated`, () => {
      const e = expectedOf(path);
      const r = importGeminiChat(t.store, { path, role: 'session' });
      expect(r.malformed).toEqual([]);
      const [session] = t.store.sessions.list();
      const count = (kind: string) =>
        t.store.events.list({ sessionId: session!.id, kinds: [kind as never] }).length;
      expect(count('user_message')).toBe(e.prompts);
      expect(count('assistant_message')).toBe(e.assistant);
      expect(count('tool_call')).toBe(e.calls);
      expect(
        count('tool_result') +
          t.store.events
            .list({ sessionId: session!.id, kinds: ['error'] })
            .filter((x) => x.data?.callId !== undefined).length,
      ).toBe(e.results);
      expect(count('error')).toBe(e.errors);
      const total = e.messages + e.calls + e.results + e.others;
      expect(r.imported).toBe(total);
      expect(t.store.events.count({ sessionId: session!.id })).toBe(total);
      const ids = new Set(
        t.store.events
          .list({ sessionId: session!.id })
          .map((x) => x.data?.messageId)
          .filter(Boolean),
      );
      expect(ids.size).toBe(e.messages);
      const again = importGeminiChat(t.store, { path, role: 'session' });
      expect(again.imported).toBe(0);
      expect(t.store.events.count({ sessionId: session!.id })).toBe(total);
    });

    if (!path.endsWith('.jsonl')) continue;
    it(`${name}: a truncated last line waits for the next run and is read once`, () => {
      const copy = join(t.dir, name);
      const text = readFileSync(path, 'utf8');
      const e = expectedOf(path);
      const total = e.messages + e.calls + e.results + e.others;
      let cut = text.length;
      for (let i = 0; i < 6; i++) cut = text.lastIndexOf('\n', cut - 2) + 1;
      const half = cut + 40;
      writeFileSync(copy, text.slice(0, half));
      const first = importGeminiChat(t.store, { path: copy, role: 'session' });
      expect(first.malformed).toEqual([]);
      appendFileSync(copy, text.slice(half));
      const second = importGeminiChat(t.store, { path: copy, role: 'session' });
      expect(second.malformed).toEqual([]);
      const [session] = t.store.sessions.list();
      const events = t.store.events.list({ sessionId: session!.id });
      // Split mid-stream, a re-appended message may arrive in the second run: it adds an update
      // or revision of the message, never a second copy of the message or its tools.
      const core = events.filter((x) => !/:(rev|upd):/.test(x.ref ?? ''));
      expect(core).toHaveLength(total);
      expect(new Set(events.map((x) => x.ref)).size).toBe(events.length);
    });
  }
});
