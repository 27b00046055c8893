// Pins the recovery menu in a real pseudo-terminal (tmux): it opens on `baton` with no arguments,
// lists checkpoints and the current session, and Load, New, View, Search, Diagnostics and Quit
// all work by arrow keys and by letters; Ctrl-C and Esc leave cleanly. Off a terminal, help.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeResumePoint, createCheckpoint } from '../../src/recover/index.js';
import { BIN, baton, openStore, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';
import { TmuxPane } from './tmux-pane.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
let box: Sandbox;
let pane: TmuxPane | undefined;

beforeEach(() => {
  box = sandbox();
  const { store, project } = openStore(box, T0 + 3_600_000);
  const s = store.sessions.start({
    agent: 'claude-code',
    projectId: project.id,
    startedAt: T0,
    title: 'fix staging',
  });
  const at = (ms: number) => T0 + ms;
  store.events.append([
    {
      sessionId: s.id,
      kind: 'user_message',
      text: 'The deploy to staging is broken, can you look?',
      source: 'api',
      ts: at(0),
    },
    {
      sessionId: s.id,
      kind: 'tool_call',
      tool: 'Bash',
      text: 'kubectl logs deploy/api -n staging',
      source: 'api',
      ts: at(60_000),
    },
  ]);
  createCheckpoint(store, {
    session: s.id,
    trigger: 'manual',
    label: 'before the fix',
    now: at(90_000),
    git: null,
  });
  store.events.append([
    {
      sessionId: s.id,
      kind: 'error',
      tool: 'Bash',
      text: 'Error: DATABASE_URL is not set',
      source: 'api',
      ts: at(120_000),
    },
    {
      sessionId: s.id,
      kind: 'assistant_message',
      text: 'The staging deploy failed because DATABASE_URL was missing; I added it to the CI secrets.',
      source: 'api',
      ts: at(180_000),
    },
  ]);
  createCheckpoint(store, {
    session: s.id,
    trigger: 'manual',
    label: 'after the fix',
    now: at(200_000),
    git: null,
  });
  store.close();
});

/** The checkpoint the project resumes from now, as the recovery module sees it. */
function resumePoint(): string | null {
  const { store, project } = openStore(box);
  try {
    const point = activeResumePoint(store, project.id);
    return point ? store.checkpoints.get(point.checkpointId)!.label : null;
  } finally {
    store.close();
  }
}

afterEach(() => {
  pane?.kill();
  pane = undefined;
  box.dispose();
});

function openMenu(): TmuxPane {
  pane = TmuxPane.start(`${process.execPath} ${BIN}`, {
    cwd: box.project,
    env: { BATON_HOME: box.home, HOME: box.home, TERM: 'xterm-256color', BATON_SESSION: '' },
  });
  return pane;
}

describe('the recovery menu on a terminal', () => {
  it('shows the header, the current session, the checkpoints and the options', async () => {
    const screen = await openMenu().waitFor('[Q] Quit');
    expect(screen).toContain('Baton — recovery menu');
    expect(screen).toMatch(/session {2}SESSION-260302-001 {2}claude-code · active/);
    expect(screen).toContain('Checkpoints (2)');
    expect(screen).toMatch(
      /RECOVERY-SESSION-260302-001-\d{6} {2}4 events {2}[\d.]+ KB {2}after the fix/,
    );
    expect(screen).toMatch(
      /RECOVERY-SESSION-260302-001-\d{6} {2}2 events {2}[\d.]+ KB {2}before the fix/,
    );
    for (const o of [
      '[L] Load checkpoint',
      '[N] New session',
      '[V] View recent messages',
      '[S] Search',
      '[D] Diagnostics',
    ]) {
      expect(screen).toContain(o);
    }
  });

  it('views recent messages by letter and returns with q', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('v');
    const screen = await p.waitFor('assistant');
    expect(screen).toMatch(/you {8}The deploy to staging is broken/);
    expect(screen).toMatch(/▸ Bash {5}kubectl logs/);
    expect(screen).toMatch(/✗ error Bash Error: DATABASE_URL is not set/);
    p.send('q');
    await p.waitFor('[L] Load checkpoint');
  });

  it('moves with the arrow keys and chooses with Enter', async () => {
    const p = openMenu();
    await p.waitFor('› [L] Load checkpoint');
    p.send('Down', 'Down');
    await p.waitFor('› [V] View recent messages');
    p.send('Up');
    await p.waitFor('› [N] New session');
    p.send('Down', 'Enter');
    await p.waitFor('kubectl logs');
    p.send('Escape');
    await p.waitFor('[D] Diagnostics');
  });

  it('searches: types a query, shows highlighted hits, opens one in its context, goes back', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('s');
    await p.waitFor('Search this project:');
    p.type('why did the staging deploy fail');
    await p.waitFor('Search this project: why did the staging deploy fail');
    p.send('Enter');
    const screen = await p.waitFor('why did the staging deploy fail · 1–9 open a hit\n');
    expect(screen).toMatch(/1\. SESSION-260302-001 {2}claude-code .*assistant_message/);
    expect(screen).toContain('The staging deploy failed because DATABASE_URL was missing');
    p.send('1');
    const opened = await p.waitFor('in SESSION-260302-001');
    expect(opened).toMatch(/^> .*assistant_message .*#\d+ SESSION-260302-001#\d+/m);
    p.send('Escape');
    await p.waitFor('1–9 open a hit');
    p.send('Escape');
    await p.waitFor('[S] Search');
  });

  it('widens a search to every project with Tab', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('s');
    await p.waitFor('Search this project:');
    p.send('Tab');
    await p.waitFor('Search all projects:');
    p.type('staging');
    p.send('Enter');
    await p.waitFor('Search (all projects): staging');
    p.send('Escape');
    await p.waitFor('[S] Search');
  });

  it('runs diagnostics', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('d');
    const screen = await p.waitFor('Diagnostics —');
    expect(screen).toMatch(/✓ store +\S+baton\.db/);
    expect(screen).toContain('integrity');
    p.send('q');
    await p.waitFor('[D] Diagnostics');
  });

  it('loads a checkpoint picked with the arrows: it becomes the resume point, its brief printed', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('l');
    await p.waitFor('Load which checkpoint?');
    p.send('Down', 'Enter');
    const screen = await p.waitFor('[exit 0]');
    expect(screen).toMatch(/RECOVERY-SESSION-260302-001-\d{6} is now the resume point/);
    expect(screen).toContain('# Baton recovery brief');
    expect(screen).not.toContain('Baton — recovery menu');
    expect(resumePoint()).toBe('before the fix');
  });

  it('loads a checkpoint by its number', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('l');
    await p.waitFor(' 2. ');
    p.send('1');
    expect(await p.waitFor('[exit 0]')).toContain('is now the resume point');
    expect(resumePoint()).toBe('after the fix');
  });

  it('starts a new session with N', async () => {
    const p = openMenu();
    await p.waitFor('[Q] Quit');
    p.send('n');
    const screen = await p.waitFor('[exit 0]');
    expect(screen).toMatch(/started SESSION-\d{6}-\d{3}/);
    expect(screen).toContain('# Baton recovery brief');
    expect(baton(box, ['session', 'list', '--json']).stdout).toContain(
      'Started from the recovery menu',
    );
  });

  it('quits with Q, with Esc, and leaves cleanly on Ctrl-C', async () => {
    for (const [keys, code] of [
      [['q'], 0],
      [['Escape'], 0],
      [['C-c'], 130],
      [['s', 'C-c'], 130],
    ] as const) {
      const p = openMenu();
      await p.waitFor('[Q] Quit');
      p.send(...keys);
      const screen = await p.waitFor(`[exit ${code}]`);
      expect(screen).not.toContain('recovery menu');
      p.kill();
    }
  });
});

describe('off a terminal', () => {
  it('prints help instead of waiting for input', () => {
    const r = baton(box, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: baton');
    expect(r.stdout).toContain('search');
  });
});
