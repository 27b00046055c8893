// Pins the Gemini chat importer on a temporary ~/.gemini: a subagent's chat under
// chats/<parent id>/ is linked to its parent session, sessions get their project from the
// `.project_root` marker, and a re-run with nothing appended is a no-op.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../testing/temp-store.js';
import type { TempStore } from '../testing/temp-store.js';
import { discoverChats, importGeminiChat } from './import-chat.js';
import { projectHashOf } from './project-map.js';

const PARENT = 'aaaaaaaa-1111-4222-8333-444455556666';
const CHILD = 'bbbbbbbb-1111-4222-8333-444455556666';
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('importGeminiChat', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore()));
  afterEach(() => t.cleanup());

  it('gives a legacy hash-named chat the project its tool calls name', () => {
    const root = join(t.dir, 'work', 'shop');
    const chats = join(t.dir, '.gemini', 'tmp', projectHashOf(root), 'chats');
    mkdirSync(chats, { recursive: true });
    const ts = '2025-10-05T07:11:00.000Z';
    writeFileSync(
      join(chats, 'session-2025-10-05T07-11-cccccccc.json'),
      JSON.stringify({
        sessionId: 'cccccccc-1111-4222-8333-444455556666',
        projectHash: projectHashOf(root),
        startTime: ts,
        lastUpdated: ts,
        messages: [
          { id: 'u1', timestamp: ts, type: 'user', content: 'fix the cart total' },
          {
            id: 'g1',
            timestamp: ts,
            type: 'gemini',
            content: '',
            toolCalls: [
              {
                id: 'read-1',
                name: 'read_file',
                args: { absolute_path: join(root, 'src', 'cart.ts') },
                status: 'success',
                timestamp: ts,
              },
            ],
          },
        ],
      }),
    );
    const [file] = discoverChats({ env: { HOME: t.dir }, cwd: t.dir });
    importGeminiChat(t.store, file!);
    const session = t.store.sessions.get('cccccccc-1111-4222-8333-444455556666')!;
    expect(session.projectId).not.toBeNull();
    expect(t.store.projects.get(session.projectId!)!.root).toBe(root);
  });

  it('links a subagent chat to its parent and both to the project of .project_root', () => {
    const projectDir = join(t.dir, '.gemini', 'tmp', 'api');
    mkdirSync(join(projectDir, 'chats', PARENT), { recursive: true });
    writeFileSync(join(projectDir, '.project_root'), join(t.dir, 'api'));
    writeFileSync(
      join(projectDir, 'chats', `session-2026-09-01T10-00-${PARENT.slice(0, 8)}.jsonl`),
      jsonl(
        {
          sessionId: PARENT,
          projectHash: 'h',
          startTime: '2026-09-01T10:00:00Z',
          lastUpdated: '2026-09-01T10:00:00Z',
          kind: 'main',
        },
        { id: 'u1', type: 'user', content: 'audit the API', timestamp: '2026-09-01T10:00:01Z' },
      ),
    );
    writeFileSync(
      join(projectDir, 'chats', PARENT, `${CHILD}.jsonl`),
      jsonl(
        {
          sessionId: CHILD,
          projectHash: 'h',
          startTime: '2026-09-01T10:00:02Z',
          lastUpdated: '2026-09-01T10:00:02Z',
          kind: 'subagent',
        },
        { id: 'g1', type: 'gemini', content: 'found 3 routes', timestamp: '2026-09-01T10:00:03Z' },
      ),
    );
    const files = discoverChats({ env: { HOME: t.dir }, cwd: t.dir });
    expect(files.map((f) => f.role)).toEqual(['session', 'subagent']);
    for (const f of files) expect(importGeminiChat(t.store, f).imported).toBe(2);
    const parent = t.store.sessions.get(PARENT)!;
    const child = t.store.sessions.get(CHILD)!;
    expect(child.parentId).toBe(parent.id);
    expect(child.parentKind).toBe('subagent');
    expect(t.store.projects.get(parent.projectId!)!.root).toBe(join(t.dir, 'api'));
    expect(child.projectId).toBe(parent.projectId);
    expect(parent.title).toBe('audit the API');
    for (const f of files) expect(importGeminiChat(t.store, f).unchanged).toBe(true);
  });

  it('a parent read after its subagent turns the placeholder into the real, ended session', () => {
    const projectDir = join(t.dir, '.gemini', 'tmp', 'api');
    mkdirSync(join(projectDir, 'chats', PARENT), { recursive: true });
    const child = join(projectDir, 'chats', PARENT, `${CHILD}.jsonl`);
    writeFileSync(
      child,
      jsonl(
        { sessionId: CHILD, projectHash: 'h', kind: 'subagent' },
        { id: 'g1', type: 'gemini', content: 'x' },
      ),
    );
    importGeminiChat(t.store, { path: child, role: 'subagent' });
    expect(t.store.sessions.get(PARENT)!.meta.placeholder).toBe(true);
    const main = join(projectDir, 'chats', `session-2026-09-01T10-00-${PARENT.slice(0, 8)}.jsonl`);
    writeFileSync(
      main,
      jsonl(
        { sessionId: PARENT, projectHash: 'h', kind: 'main' },
        { id: 'u1', type: 'user', content: 'go' },
      ),
    );
    importGeminiChat(t.store, { path: main, role: 'session' });
    const parent = t.store.sessions.get(PARENT)!;
    expect(parent.status).toBe('ended');
    expect(parent.meta.placeholder).toBeUndefined();
    expect(parent.title).toBe('go');
  });
});

describe('a chat started with gemini --session-file', () => {
  const FORK = 'ffffffff-1111-4222-8333-444455556666';
  const ts = (s: number) => `2026-09-01T10:00:${String(s).padStart(2, '0')}Z`;
  const context = { id: 'ctx', type: 'user', content: [{ text: '<session_context>\nGemini CLI' }] };
  const parentMessages = [
    { id: 'u1', timestamp: ts(1), type: 'user', content: [{ text: 'fix the cart total' }] },
    {
      id: 'g1',
      timestamp: ts(2),
      type: 'gemini',
      content: '',
      toolCalls: [
        { id: 'read-1', name: 'read_file', args: { path: 'cart.ts' }, status: 'success' },
      ],
    },
    { id: 'g2', timestamp: ts(3), type: 'gemini', content: 'fixed' },
  ];
  let t: TempStore;
  let chats: string;
  beforeEach(() => {
    t = tempStore();
    chats = join(t.dir, '.gemini', 'tmp', 'shop', 'chats');
    mkdirSync(chats, { recursive: true });
  });
  afterEach(() => t.cleanup());

  /** The parent's chat, and the fork's as Gemini 0.61 writes it: copies (ids kept), then its own. */
  function write(parentOnDisk: boolean): { parent: string; fork: string } {
    const parent = join(chats, `session-2026-09-01T10-00-${PARENT.slice(0, 8)}.jsonl`);
    const meta = { projectHash: 'h', startTime: ts(0), lastUpdated: ts(0), kind: 'main' };
    if (parentOnDisk)
      writeFileSync(
        parent,
        jsonl({ sessionId: PARENT, ...meta }, { $set: { messages: [context] } }, ...parentMessages),
      );
    const fork = join(chats, `session-1788256810000-${FORK.slice(0, 8)}.jsonl`);
    writeFileSync(
      fork,
      jsonl(
        { sessionId: FORK, ...meta, startTime: ts(10), lastUpdated: ts(10), messageCount: 4 },
        {
          id: 'import-1',
          timestamp: ts(10),
          type: 'info',
          content: `Imported session from ${parent}`,
        },
        context,
        ...parentMessages,
        { $set: { sessionId: FORK } },
        { $set: { messages: [context, ...parentMessages] } },
        { id: 'u2', timestamp: ts(11), type: 'user', content: [{ text: 'make it louder' }] },
        { id: 'g3', timestamp: ts(12), type: 'gemini', content: 'louder' },
      ),
    );
    return { parent, fork };
  }

  const kinds = (sessionId: string) =>
    t.store.events.list({ sessionId }).map((e) => `${e.kind}:${e.text?.slice(0, 20) ?? ''}`);

  it('is linked to the session it was made from, its copied messages left to that session', () => {
    const { parent, fork } = write(true);
    importGeminiChat(t.store, { path: parent, role: 'session' });
    importGeminiChat(t.store, { path: fork, role: 'session' });
    const p = t.store.sessions.get(PARENT)!;
    const f = t.store.sessions.get(FORK)!;
    expect(f).toMatchObject({ parentId: p.id, parentKind: 'fork', title: 'make it louder' });
    expect(f.startedAt).toBe(Date.parse(ts(10)));
    expect(kinds(f.id)).toEqual([
      'system:',
      expect.stringMatching(/^system:Imported session/),
      'system:',
      'system:',
      'user_message:make it louder',
      'assistant_message:louder',
    ]);
    expect(t.store.events.list({ sessionId: f.id, kinds: ['compaction'] })).toEqual([]);
    expect(importGeminiChat(t.store, { path: fork, role: 'session' }).unchanged).toBe(true);
  });

  it('keeps the copies as its own when the chat it was made from is gone', () => {
    const { fork } = write(false);
    importGeminiChat(t.store, { path: fork, role: 'session' });
    const f = t.store.sessions.get(FORK)!;
    expect(f.parentId).toBeNull();
    expect(f.title).toBe('make it louder');
    const prompts = t.store.events.list({ sessionId: f.id, kinds: ['user_message'] });
    expect(prompts.map((e) => e.text)).toEqual([
      '<session_context>\nGemini CLI',
      'fix the cart total',
      'make it louder',
    ]);
    expect(t.store.events.list({ sessionId: f.id, kinds: ['tool_call'] })).toHaveLength(1);
  });
});

describe('an empty Gemini chat', () => {
  let t: TempStore;
  beforeEach(() => (t = tempStore()));
  afterEach(() => t.cleanup());

  it.each(['session-2026-09-01T10-00-empty001.json', 'session-2026-09-01T10-00-empty002.jsonl'])(
    '%s: nothing imported, nothing malformed, no session',
    (name) => {
      const chats = join(t.dir, '.gemini', 'tmp', 'api', 'chats');
      mkdirSync(chats, { recursive: true });
      writeFileSync(join(chats, name), '');
      const [file] = discoverChats({ env: { HOME: t.dir }, cwd: t.dir });
      const r = importGeminiChat(t.store, file!);
      expect(r.malformed).toEqual([]);
      expect(r.imported).toBe(0);
      expect(t.store.sessions.list()).toEqual([]);
    },
  );
});
