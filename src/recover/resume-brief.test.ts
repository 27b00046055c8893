// Pins resumeBrief end to end over a real SQLite store and a real git repository: what changed
// after a session (commits, branch switch, edits) appears, a todo naming a changed file raises a
// warning, crashes are detected and said first, the asking session is never the one described,
// a restored checkpoint is the resume point, full mode has a timeline, and --todo focuses.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commit, git, makeRepo, tempWorld } from './__fixtures__/world.js';
import type { TempWorld } from './__fixtures__/world.js';
import { createCheckpoint } from './checkpoints/checkpoints.js';
import { restoreCheckpoint } from './checkpoints/restore-checkpoint.js';
import { resumeBrief, sessionStartBrief } from './resume-brief.js';
import { createGitRunner } from '../git/index.js';

let w: TempWorld;
let repo: string;
beforeEach(() => {
  w = tempWorld();
  repo = w.project.root;
  git(w.dir, 'init', '-q', repo);
});
afterEach(() => w.cleanup());

const brief = (opts: Partial<Parameters<typeof resumeBrief>[1]> = {}) =>
  resumeBrief(w.store, {
    projectId: w.project.id,
    now: w.clock.now(),
    isAlive: () => true,
    ...opts,
  });

function recordSession(head: string | null) {
  const s = w.store.sessions.start({
    agent: 'claude-code',
    projectId: w.project.id,
    cwd: repo,
    gitBranch: 'main',
    gitHeadStart: head,
    title: 'Fix checkout rounding',
  });
  w.store.events.append([
    { sessionId: s.id, kind: 'user_message', text: 'fix the rounding in cart.ts', source: 'hook' },
    {
      sessionId: s.id,
      kind: 'tool_call',
      tool: 'Edit',
      data: { tool_input: { file_path: join(repo, 'cart.ts') } },
      source: 'hook',
    },
    {
      sessionId: s.id,
      kind: 'tool_call',
      tool: 'Bash',
      data: { tool_input: { command: 'npm test' } },
      source: 'hook',
    },
    {
      sessionId: s.id,
      kind: 'error',
      tool: 'Bash',
      text: 'expected 10.01, got 10.00',
      source: 'hook',
    },
    {
      sessionId: s.id,
      kind: 'assistant_message',
      text: 'I will use integer cents.',
      source: 'hook',
    },
  ]);
  const todo = w.store.todos.add({
    projectId: w.project.id,
    content: 'Fix rounding in cart.ts',
    status: 'in_progress',
  });
  w.store.todos.add({ projectId: w.project.id, content: 'Update README.md' });
  return { s, todo };
}

describe('resumeBrief', () => {
  it('shows commits, the branch switch and edits made after the session, and warns about the todo', async () => {
    const head = makeRepo(repo, { 'cart.ts': 'a\n', 'README.md': 'r\n' });
    const { s } = recordSession(head);
    w.store.sessions.update(s.id, {
      status: 'ended',
      endedAt: w.clock.now(),
      endReason: 'done',
      gitHeadEnd: head,
    });
    // After the session (file times are real; the session's last activity is T0 in 2026-03).
    w.clock.set(Date.now() - 60_000);
    w.store.sessions.update(s.id, { lastActivityAt: w.clock.now() });
    git(repo, 'checkout', '-q', '-b', 'hotfix');
    commit(repo, { 'cart.ts': 'b\n' }, 'Hotfix the cart');
    writeFileSync(join(repo, 'README.md'), 'edited\n');
    w.clock.set(Date.now());

    const { text, json } = await brief();
    expect(text).toContain(`- Session: ${s.handle} · claude-code · ended (done)`);
    expect(text).toContain('- Branch switched: `main` → `hotfix`');
    expect(text).toMatch(
      /- 1 new commit since [0-9a-f]{7} \(HEAD is now [0-9a-f]{7}\):\n {2}- [0-9a-f]{7} Hotfix the cart — Ada/,
    );
    expect(text).toContain('- Committed since: `cart.ts` (M)');
    expect(text).toContain('- Edited after the session: `README.md`');
    expect(text).toContain(
      '- Todo #1 names `cart.ts`, which changed since — re-read before continuing it.',
    );
    expect(text).toContain('- Todo #2 names `README.md`');
    expect(text).toContain('- You are on `hotfix`, but the work was on `main`.');
    expect(text).toContain('- Files touched: `cart.ts`');
    expect(text).toContain('- Failed (Bash) 03-04 09:00: `npm test`: "expected 10.01, got 10.00"');
    expect(text).toContain('- Last test run: `npm test` failed (09:00)');
    expect((json.changes as { commits: unknown[] }).commits).toHaveLength(1);
  });

  it('outside a repository, says it could not check', async () => {
    w.store.projects.ensure({ key: 'path:/nowhere', root: '/nowhere', remoteUrl: null, name: 'x' });
    recordSession(null);
    const { text } = await brief({ cwd: w.dir });
    expect(text).toContain('- Not checked: not a git repository.');
  });

  it('detects a crashed session first and says so at the top', async () => {
    makeRepo(repo, { 'cart.ts': 'a\n' });
    const { s } = recordSession(null);
    w.store.sessions.update(s.id, { pid: 999_999 });
    const r = await brief({ isAlive: () => false });
    expect(r.crashes.map((c) => c.session.id)).toEqual([s.id]);
    expect(r.text.split('\n')[1]).toMatch(
      /^\*\*The last session crashed\*\* \(agent process 999999 is gone\)/,
    );
    expect(r.text).toContain('crashed (agent process 999999 is gone)');
  });

  it('never describes the session asking for the brief', async () => {
    const { s } = recordSession(null);
    w.clock.advance(60_000);
    const asking = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id });
    w.store.events.append([
      { sessionId: asking.id, kind: 'system', text: 'SessionStart', source: 'hook' },
    ]);
    const r = await brief({ excludeSessionId: asking.id, git: null });
    expect(r.data.session?.id).toBe(s.id);
    const base = { projectId: w.project.id, now: w.clock.now(), git: null, sessionId: asking.id };
    expect(await sessionStartBrief(w.store, { ...base, source: 'startup' })).toContain(s.handle);
    // A compacted or resumed session goes on: it is the one described.
    w.store.events.append([
      { sessionId: asking.id, kind: 'user_message', text: 'hi', source: 'hook' },
    ]);
    expect(await sessionStartBrief(w.store, { ...base, source: 'compact' })).toContain(
      asking.handle,
    );
  });

  it('starts from a restored checkpoint until new work is recorded', async () => {
    const { s, todo } = recordSession(null);
    const c = createCheckpoint(w.store, {
      session: s.id,
      trigger: 'manual',
      label: 'good state',
      now: w.clock.now(),
      git: null,
    });
    w.store.todos.update(todo.id, { status: 'completed' });
    restoreCheckpoint(w.store, { checkpoint: c.handle, now: w.clock.now(), git: null });
    const r = await brief({ git: null });
    expect(r.text).toContain(`- Resuming from checkpoint ${c.handle} "good state"`);
    expect(r.text).toContain('#1 [in progress] Fix rounding in cart.ts');
    expect(r.text).toContain('1 todo(s) changed');
    w.store.events.append([
      { sessionId: s.id, kind: 'user_message', text: 'new work', source: 'hook' },
    ]);
    const after = await brief({ git: null });
    expect(after.text).not.toContain('Resuming from checkpoint');
  });

  it('full mode reconstructs across sessions with a timeline', async () => {
    const first = recordSession(null).s;
    createCheckpoint(w.store, {
      session: first.id,
      trigger: 'session-end',
      now: w.clock.now(),
      git: null,
    });
    w.store.sessions.update(first.id, {
      status: 'ended',
      endedAt: w.clock.now(),
      endReason: 'clear',
    });
    w.clock.advance(3_600_000);
    const second = w.store.sessions.start({
      agent: 'codex',
      projectId: w.project.id,
      parentId: first.id,
      parentKind: 'clear',
    });
    w.store.events.append([
      { sessionId: second.id, kind: 'user_message', text: 'carry on', source: 'hook' },
    ]);
    const r = await brief({ mode: 'full', git: null });
    expect(r.text).toContain('## Timeline of recent sessions');
    expect(r.text).toMatch(new RegExp(`${first.handle} claude-code, cleared, 5 events, 1 error`));
    expect(r.text).toContain(`${second.handle} codex, active, 1 event`);
    expect(r.text).toMatch(/checkpoint RECOVERY-.* \(session-end\)/);
    // Prompts from both sessions, errors from the earlier one: reconstructed across them.
    expect(r.text).toContain('"carry on"');
    expect(r.text).toContain('expected 10.01, got 10.00');
  });

  it('focuses on one todo: the events that mention it and its checkpoint', async () => {
    const { s, todo } = recordSession(null);
    w.store.events.append([
      {
        sessionId: s.id,
        kind: 'tool_call',
        tool: 'TodoWrite',
        text: 'Fix rounding in cart.ts: in_progress',
        source: 'hook',
      },
      { sessionId: s.id, kind: 'note', text: 'todo 1 needs the money helper', source: 'cli' },
    ]);
    createCheckpoint(w.store, { session: s.id, trigger: 'manual', now: w.clock.now(), git: null });
    const r = await brief({ todoRef: String(todo.number), git: null });
    expect(r.text).toContain('## Task #1: Fix rounding in cart.ts');
    expect(r.text).toContain(`- Sessions that worked on it: ${s.handle}`);
    expect(r.text).toContain('TodoWrite: "Fix rounding in cart.ts: in_progress"');
    expect(r.text).toContain('note: "todo 1 needs the money helper"');
    expect(r.text).toMatch(/- Last checkpoint with it: RECOVERY-.*where it was in progress/);
    expect(r.text).toContain('- What remains: this task; then #2 "Update README.md"');
    await expect(brief({ todoRef: '99', git: null })).rejects.toThrow(/no todo "99"/);
  });

  it('gives JSON and the recovery prompt on request, and rejects unknown references', async () => {
    recordSession(null);
    const json = await brief({ format: 'json', git: null });
    expect(JSON.parse(json.text)).toMatchObject({ version: 1, mode: 'quick' });
    const prompt = await brief({ prompt: true, git: null });
    expect(prompt.text).toMatch(/^You are resuming work from SESSION-/);
    expect(prompt.text).toContain('# Instructions');
    await expect(brief({ sessionRef: 'SESSION-000101-001' })).rejects.toThrow(/no session/);
    await expect(brief({ checkpointRef: 'RECOVERY-X' })).rejects.toThrow(/no checkpoint/);
  });
});

describe('changes since an imported session', () => {
  /** A commit whose author and committer time is `at`. */
  function commitAt(files: Record<string, string>, message: string, at: number): string {
    const date = new Date(at).toISOString();
    for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
    git(repo, 'add', '-A');
    execFileSync('git', ['commit', '-q', '-m', message], {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ada',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    });
    return git(repo, 'rev-parse', 'HEAD');
  }

  it('compares against HEAD as it was when the session ended, not at import', async () => {
    const end = w.clock.now();
    commitAt({ 'cart.ts': 'a\n' }, 'Start the cart', end - 7_200_000);
    const during = commitAt({ 'cart.ts': 'b\n' }, 'Round in cents', end - 60_000);
    // A transcript read later: no HEAD recorded at its start or end, no checkpoint.
    const s = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id, cwd: repo });
    w.store.events.append([
      { sessionId: s.id, kind: 'user_message', text: 'round the cart', source: 'transcript' },
    ]);
    w.store.sessions.update(s.id, { status: 'ended', endedAt: end, endReason: 'imported' });
    commitAt({ 'cart.ts': 'c\n' }, 'Add the tax line', end + 3_600_000);
    commitAt({ 'tax.ts': 't\n' }, 'Tax rates', end + 3_700_000);
    w.clock.set(end + 86_400_000);

    const r = await brief({ sessionRef: s.handle, git: createGitRunner(), cwd: repo });
    const changes = r.data.changes!;
    expect(changes.base.head).toBe(during);
    expect(changes.commits.map((c) => c.subject)).toEqual(['Tax rates', 'Add the tax line']);
    expect(changes.commitCount).toBe(2);
    expect(r.text).toContain(`2 new commits since ${during.slice(0, 7)}`);
  });

  it('says nothing changed when every commit came before the session ended', async () => {
    const end = w.clock.now();
    const last = commitAt({ 'cart.ts': 'a\n' }, 'Start the cart', end - 60_000);
    const s = w.store.sessions.start({ agent: 'codex', projectId: w.project.id, cwd: repo });
    w.store.events.append([
      { sessionId: s.id, kind: 'user_message', text: 'look at the cart', source: 'transcript' },
    ]);
    w.store.sessions.update(s.id, { status: 'ended', endedAt: end, endReason: 'imported' });
    w.clock.set(end + 86_400_000);
    const r = await brief({ sessionRef: s.handle, git: createGitRunner(), cwd: repo });
    expect(r.data.changes!.base.head).toBe(last);
    expect(r.data.changes!.commitCount).toBe(0);
  });
});

describe('a Claude Code compaction summary', () => {
  it('puts the agent’s own summary under where things stand, the latest one only', async () => {
    const { s } = recordSession(null);
    const summary = (text: string) => ({
      sessionId: s.id,
      kind: 'compaction' as const,
      role: 'user',
      text,
      data: { subtype: 'summary' },
      source: 'transcript' as const,
    });
    w.store.events.append([
      summary('Summary one: the cart was read.'),
      { sessionId: s.id, kind: 'compaction', text: 'Conversation compacted', source: 'transcript' },
      summary('Summary two: totals moved to integer cents; next, deploy to staging.'),
      { sessionId: s.id, kind: 'compaction', text: 'Conversation compacted', source: 'transcript' },
    ]);
    const r = await brief({ git: null });
    expect(r.text).toContain(
      'The agent\'s summary at its last compaction, 09:00: "Summary two: totals moved to integer cents; next, deploy to staging."',
    );
    expect(r.text).not.toContain('Summary one');
  });
});
