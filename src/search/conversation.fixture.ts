// A conversation written for the search tests: two projects, three sessions, two agents, the
// usual mix of questions, answers, tool calls, results and an error — realistic enough that
// bm25's statistics mean something, small enough to read. Times are fixed.
import type { EventInput, Store } from '../store/index.js';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-03-02T09:00:00Z');

type Line = Omit<EventInput, 'sessionId' | 'source' | 'ts'> & { key?: string };

const SESSION_A: Line[] = [
  {
    kind: 'user_message',
    text: 'The deploy to staging is broken since this morning, can you look into it?',
  },
  {
    key: 'kubectl',
    kind: 'tool_call',
    tool: 'Bash',
    text: 'kubectl logs deploy/webshop-api -n staging',
    data: { command: 'kubectl logs deploy/webshop-api -n staging' },
  },
  {
    kind: 'tool_result',
    tool: 'Bash',
    text: 'Error: environment variable DATABASE_URL is not set\n    at loadConfig (src/config/loadConfig.ts:14)',
  },
  {
    key: 'deployAnswer',
    kind: 'assistant_message',
    text: 'Found it: the staging deployment failed because DATABASE_URL is not set in the CI secrets, so loadConfig throws at startup. I added the secret to the staging environment and re-ran the pipeline; the rollout is green now.',
  },
  { kind: 'user_message', text: 'Great. Also the login test keeps failing randomly on CI.' },
  {
    key: 'readSession',
    kind: 'tool_call',
    tool: 'Read',
    text: 'Read',
    data: { file_path: 'src/auth/useSession.ts' },
  },
  {
    key: 'editLoginTest',
    kind: 'tool_call',
    tool: 'Edit',
    text: 'Edit: inject the clock',
    data: { file_path: 'test/login.test.ts', old_string: 'Date.now()', new_string: 'clock.now()' },
  },
  {
    key: 'flakyAnswer',
    kind: 'assistant_message',
    text: 'The login test was flaky because useSession compared token expiry against the real system clock; tests now inject a fixed clock, so it passes every run.',
  },
  { key: 'runLoginTest', kind: 'tool_call', tool: 'Bash', text: 'npm test -- test/login.test.ts' },
  { kind: 'tool_result', tool: 'Bash', text: 'Tests: 12 passed, 12 total' },
  {
    kind: 'user_message',
    text: 'Which port does the dev server use? My browser shows nothing on 3000.',
  },
  {
    key: 'portAnswer',
    kind: 'assistant_message',
    text: "The dev server listens on port 5173, Vite's default; 3000 was the old webpack setup, so open http://localhost:5173 instead.",
  },
  { kind: 'user_message', text: "Let's add rate limiting to the public API." },
  {
    key: 'writeRateLimit',
    kind: 'tool_call',
    tool: 'Write',
    text: 'Write src/server/rateLimit.ts',
    data: { file_path: 'src/server/rateLimit.ts' },
  },
  {
    key: 'rateAnswer',
    kind: 'assistant_message',
    text: 'Rate limiting now lives in src/server/rateLimit.ts: a token bucket of 100 requests per minute per API key, applied as middleware before the router.',
  },
  {
    key: 'crash',
    kind: 'error',
    tool: 'Bash',
    text: "TypeError: Cannot read properties of undefined (reading 'headers') at rateLimit (src/server/rateLimit.ts:22)",
  },
  {
    kind: 'assistant_message',
    text: 'Fixed the crash: the middleware read req.headers before the request object was bound; moved the lookup inside the handler.',
  },
  { key: 'centsNote', kind: 'note', text: 'checkout totals use integer cents' },
];

const SESSION_B: Line[] = [
  { kind: 'user_message', text: 'Upgrade the database driver to the latest version.' },
  { kind: 'tool_call', tool: 'Bash', text: 'npm install pg@8.13' },
  {
    key: 'driverAnswer',
    kind: 'assistant_message',
    text: 'Upgraded pg to 8.13; the connection pool settings in src/db/pool.ts are unchanged and the migration tests pass.',
  },
  { kind: 'user_message', text: 'Why is the checkout page slow?' },
  {
    key: 'slowAnswer',
    kind: 'assistant_message',
    text: 'The checkout page was slow because every cart item triggered its own price lookup query; I batched them into one query with WHERE id IN (...), which cut page load from 2.4 s to 300 ms.',
  },
  {
    key: 'editPrices',
    kind: 'tool_call',
    tool: 'Edit',
    text: 'Edit: batch the price lookups',
    data: { file_path: 'src/checkout/prices.ts' },
  },
  { kind: 'user_message', text: 'Deploy the new checkout to staging please.' },
  { kind: 'tool_call', tool: 'Bash', text: 'npm run deploy -- --env staging' },
  {
    key: 'deployedResult',
    kind: 'tool_result',
    tool: 'Bash',
    text: 'deployed webshop-api to staging (revision 42)',
  },
];

const SESSION_C: Line[] = [
  { key: 'blogAsk', kind: 'user_message', text: 'Write a post about deploying static sites.' },
  {
    key: 'blogAnswer',
    kind: 'assistant_message',
    text: 'Drafted posts/deploying-static-sites.md about deploying with a CDN.',
  },
];

export interface Conversation {
  webshop: string;
  blog: string;
  sessionA: { id: string; handle: string };
  sessionB: { id: string; handle: string };
  sessionC: { id: string; handle: string };
  /** Event id by the key given above. */
  ids: Record<string, string>;
  records: { decision: string; todo: string; fact: string; globalFact: string };
}

function append(
  store: Store,
  sessionId: string,
  lines: Line[],
  start: number,
  ids: Record<string, string>,
) {
  const { seqs } = store.events.append(
    lines.map(({ key: _key, ...line }, i) => ({
      ...line,
      sessionId,
      source: 'api',
      ts: start + i * 60_000,
    })),
  );
  lines.forEach((line, i) => {
    if (line.key) ids[line.key] = store.events.get(seqs[i]!)!.id;
  });
}

export function loadConversation(store: Store): Conversation {
  const webshop = store.projects.ensure({
    key: 'path:/work/webshop',
    root: '/work/webshop',
    remoteUrl: null,
    name: 'webshop',
  }).id;
  const blog = store.projects.ensure({
    key: 'path:/work/blog',
    root: '/work/blog',
    remoteUrl: null,
    name: 'blog',
  }).id;
  const a = store.sessions.start({
    agent: 'claude-code',
    agentSessionId: 'cc-1111',
    projectId: webshop,
    startedAt: T0,
  });
  const b = store.sessions.start({
    agent: 'codex',
    agentSessionId: 'cx-2222',
    projectId: webshop,
    startedAt: T0 + 2 * DAY,
  });
  const c = store.sessions.start({
    agent: 'claude-code',
    agentSessionId: 'cc-3333',
    projectId: blog,
    startedAt: T0 + 3 * DAY,
  });
  const ids: Record<string, string> = {};
  append(store, a.id, SESSION_A, T0, ids);
  append(store, b.id, SESSION_B, T0 + 2 * DAY, ids);
  append(store, c.id, SESSION_C, T0 + 3 * DAY, ids);
  const decision = store.decisions.add({
    projectId: webshop,
    decision: 'Store money as integer cents',
    reasoning: 'floats lose cents in checkout totals',
    files: ['src/checkout/prices.ts'],
    sessionId: a.id,
  }).id;
  const todo = store.todos.add({
    projectId: webshop,
    content: 'Add a property test for checkout totals',
    originSessionId: b.id,
  }).id;
  const fact = store.facts.set({
    projectId: webshop,
    key: 'deploy.target',
    value: 'staging',
    sessionId: b.id,
  }).id;
  const globalFact = store.facts.set({
    projectId: null,
    key: 'editor',
    value: 'vim for quick edits',
  }).id;
  const pick = (s: { id: string; handle: string }) => ({ id: s.id, handle: s.handle });
  return {
    webshop,
    blog,
    sessionA: pick(a),
    sessionB: pick(b),
    sessionC: pick(c),
    ids,
    records: { decision, todo, fact, globalFact },
  };
}
