// Large, deterministic benchmark inputs, generated once and cached under .baton-bench/:
// an Events JSONL v1 file of 1M events across 10,000 sessions in 50 projects, and a store built
// from it (plus todos, decisions and facts per project). Text is varied on purpose — prose,
// camelCase identifiers, paths, commands and error messages — so search and FTS costs are real.
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  writeSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importEvents } from '../src/capture/index.js';
import { eventLineV1 } from '../src/schemas/index.js';
import { SqliteStore } from '../src/store/index.js';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.baton-bench');
export const BIG = { events: 1_000_000, sessions: 10_000, projects: 50 } as const;

/** Project names in the big store; the events name them, so `store.projects.get(name)` finds them. */
export const projectName = (i: number) => `bench-project-${String(i).padStart(2, '0')}`;

/** A small, fast, seeded PRNG (mulberry32) so every run generates the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a to of and in for is on that with this it we be as by not are from at or can should will ' +
  'fix add update remove refactor test deploy build migrate rename handle check parse render cache ' +
  'retry timeout request response session user token config database query index schema table ' +
  'component service handler router middleware client server worker queue event stream buffer ' +
  'failing passing broken flaky slow fast missing invalid expected actual because then after before ' +
  'login checkout payment invoice cart order customer account profile search filter sort page ' +
  'rounding currency locale timezone upload download image thumbnail email notification webhook'
).split(' ');
const IDENTS = [
  'useSession',
  'fetchUserProfile',
  'parseConfigFile',
  'CheckoutController',
  'retryWithBackoff',
  'InvoiceRenderer',
  'normalizeCurrency',
  'handleWebhookEvent',
  'buildSearchIndex',
  'OrderRepository',
  'validateToken',
  'computeCartTotal',
  'ImageThumbnailer',
  'scheduleNotification',
  'migrateSchema',
];
const PATHS = [
  'src/store/sqlite.ts',
  'src/api/checkout.ts',
  'src/components/Cart.tsx',
  'lib/payments/stripe.ts',
  'tests/cart.test.ts',
  'db/migrations/012_orders.sql',
  'src/auth/session.ts',
  'package.json',
  'src/search/index.ts',
  'README.md',
  'src/workers/email.ts',
  'config/deploy.yml',
];
const COMMANDS = [
  'npm test',
  'npm run build',
  'git status',
  'pnpm lint',
  'cargo test',
  'pytest -q',
  'make deploy',
];
const ERRORS = [
  "TypeError: Cannot read properties of undefined (reading 'total')",
  'Error: connect ECONNREFUSED 127.0.0.1:5432',
  'FAIL tests/cart.test.ts: expected 10.01, received 10',
  'SyntaxError: Unexpected token } in JSON at position 42',
  'Timeout of 5000ms exceeded waiting for webhook',
];
const KINDS: [string, number][] = [
  ['user_message', 0.1],
  ['assistant_message', 0.3],
  ['tool_call', 0.27],
  ['tool_result', 0.27],
  ['error', 0.03],
  ['note', 0.03],
];
const AGENTS = ['claude-code', 'codex', 'gemini'];

function sentence(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.08) out.push(IDENTS[Math.floor(r() * IDENTS.length)]!);
    else if (x < 0.14) out.push(PATHS[Math.floor(r() * PATHS.length)]!);
    else out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  }
  return out.join(' ');
}

function pickKind(r: () => number): string {
  let x = r();
  for (const [k, p] of KINDS) {
    if ((x -= p) < 0) return k;
  }
  return 'note';
}

interface GeneratedEvent {
  kind: string;
  role?: string;
  text: string;
  tool?: string;
  data?: Record<string, unknown>;
}

function generateEvent(r: () => number): GeneratedEvent {
  const kind = pickKind(r);
  switch (kind) {
    case 'user_message':
      return { kind, role: 'user', text: `Please ${sentence(r, 8 + Math.floor(r() * 20))}?` };
    case 'assistant_message':
      return { kind, role: 'assistant', text: sentence(r, 20 + Math.floor(r() * 60)) + '.' };
    case 'tool_call': {
      if (r() < 0.5) {
        const command = COMMANDS[Math.floor(r() * COMMANDS.length)]!;
        return { kind, tool: 'Bash', text: command, data: { input: { command } } };
      }
      const file = PATHS[Math.floor(r() * PATHS.length)]!;
      return {
        kind,
        tool: r() < 0.5 ? 'Read' : 'Edit',
        text: file,
        data: { input: { file_path: file } },
      };
    }
    case 'tool_result':
      return { kind, role: 'tool', text: sentence(r, 10 + Math.floor(r() * 40)) };
    case 'error':
      return { kind, tool: 'Bash', text: ERRORS[Math.floor(r() * ERRORS.length)]! };
    default:
      return { kind, text: sentence(r, 12) };
  }
}

/** Writes (once) the 1M-event Events JSONL v1 file and returns its path. */
export function ensureEventsFile(): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `events-${BIG.events}.jsonl`);
  if (existsSync(path)) return path;
  const r = prng(42);
  const perSession = BIG.events / BIG.sessions;
  const start = Date.parse('2026-06-01T00:00:00Z');
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let chunk = '';
  for (let s = 0; s < BIG.sessions; s++) {
    const session = `bench-${String(s).padStart(5, '0')}`;
    const agent = AGENTS[s % AGENTS.length]!;
    const project = projectName(s % BIG.projects);
    let ts = start + s * 12 * 60_000;
    for (let i = 0; i < perSession; i++) {
      ts += 1000 + Math.floor(r() * 20_000);
      const e = generateEvent(r);
      chunk +=
        JSON.stringify({
          session,
          agent,
          project,
          ts: new Date(ts).toISOString(),
          ...e,
          ref: `e${i}`,
          title: `Bench session ${s}`,
        }) + '\n';
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(tmp, path);
  return path;
}

/** The TypeScript files (tests left out) under a folder, in a stable order. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * What the big store's bytes depend on: the store's code (schema, how texts are packed, the
 * index) and the events import that fills it. A store built by other code is built again — one
 * kept from before a change to how events are stored measured that change's cost as nothing.
 */
function storeCodeKey(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  for (const file of ['src/store', 'src/capture/events'].flatMap((d) => sources(join(root, d)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 10);
}

/** Builds (once per storeCodeKey) the 1M-event store and returns its path. Open it with SqliteStore.open. */
export async function ensureBigStore(): Promise<string> {
  const name = `store-${BIG.events}`;
  const path = join(BENCH_DIR, `${name}-${storeCodeKey()}.db`);
  const done = `${path}.done`;
  if (existsSync(done)) return path;
  mkdirSync(BENCH_DIR, { recursive: true });
  // Stores built by other code: half a gigabyte each.
  for (const f of readdirSync(BENCH_DIR))
    if (f.startsWith(`${name}`)) rmSync(join(BENCH_DIR, f), { force: true });
  const events = ensureEventsFile();
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  const store = SqliteStore.open({ path });
  try {
    await importEvents(store, createReadStream(events), { batchSize: 5000, schema: eventLineV1 });
    const r = prng(7);
    for (let p = 0; p < BIG.projects; p++) {
      const project = store.projects.get(projectName(p))!;
      for (let i = 0; i < 20; i++) {
        const t = store.todos.add({
          projectId: project.id,
          content: `Todo ${i}: ${sentence(r, 8)}`,
        });
        const roll = r();
        if (roll < 0.5) store.todos.update(t.id, { status: 'completed' });
        else if (roll < 0.6) store.todos.update(t.id, { status: 'in_progress' });
        else if (roll < 0.65)
          store.todos.update(t.id, { status: 'blocked', blockedReason: sentence(r, 5) });
      }
      for (let i = 0; i < 10; i++) {
        store.decisions.add({
          projectId: project.id,
          decision: sentence(r, 10),
          reasoning: sentence(r, 15),
        });
      }
      for (let i = 0; i < 5; i++) {
        store.facts.set({
          projectId: project.id,
          key: `fact.${i}`,
          value: sentence(r, 6),
          priority: i === 0 ? 'critical' : 'normal',
        });
      }
      store.components.set({ projectId: project.id, name: 'api', status: 'up', health: 90 });
    }
  } finally {
    store.close();
  }
  closeSync(openSync(done, 'w'));
  return path;
}
