// `npm run soak [-- NAME…] [-- --quick]`: runs the long soaks of test/reliability/ (all, or the
// named ones) one after another at their soak sizes, prints each one's figures, and rewrites those
// soaks' sections of RELIABILITY.md (between `<!-- soak:NAME -->` markers). A size set in the
// environment wins over the soak size. `--quick` runs them at CI size and writes nothing: a check
// that the soaks run, not figures. Meant for a quiet machine: the figures are times and counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from '../bench/harness.js';
import { replaceMarkedSection } from './marked-section.js';

interface Soak {
  file: string;
  /** The environment of a long soak, and of a quick check. */
  long: Record<string, string>;
  quick: Record<string, string>;
}

const SOAKS: Record<string, Soak> = {
  // The agents' hooks as the default install wires them (through each agent's MCP server)…
  'hooks-under-load': {
    file: 'test/reliability/hooks-under-load.test.ts',
    long: { BATON_SOAK_HOOKS: 'mcp', BATON_SOAK_SECONDS: '60', BATON_SOAK_SEED: '18' },
    quick: { BATON_SOAK_HOOKS: 'mcp', BATON_SOAK_SECONDS: '8', BATON_SOAK_SEED: '18' },
  },
  // …and as `--no-mcp` wires them: every hook a process of its own.
  'hooks-under-load-command': {
    file: 'test/reliability/hooks-under-load.test.ts',
    long: { BATON_SOAK_HOOKS: 'command', BATON_SOAK_SECONDS: '60', BATON_SOAK_SEED: '18' },
    quick: { BATON_SOAK_HOOKS: 'command', BATON_SOAK_SECONDS: '8', BATON_SOAK_SEED: '18' },
  },
  'spool-kill': {
    file: 'test/reliability/spool-kill.test.ts',
    long: { BATON_SOAK_ITERATIONS: '300', BATON_SOAK_SEED: '18' },
    quick: { BATON_SOAK_ITERATIONS: '4', BATON_SOAK_SEED: '18' },
  },
  'worker-kill': {
    file: 'test/reliability/worker-kill.test.ts',
    long: { BATON_SOAK_ITERATIONS: '200', BATON_SOAK_SEED: '18' },
    quick: { BATON_SOAK_ITERATIONS: '4', BATON_SOAK_SEED: '18' },
  },
  'first-open': {
    file: 'test/reliability/first-open.test.ts',
    long: { BATON_SOAK_PROCESSES: '100' },
    quick: { BATON_SOAK_PROCESSES: '12' },
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
for (const n of names) {
  if (!(n in SOAKS)) {
    process.stderr.write(`soak: no soak "${n}"; the soaks are: ${Object.keys(SOAKS).join(', ')}\n`);
    process.exit(2);
  }
}
const chosen = names.length ? names : Object.keys(SOAKS);

const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'baton-soak-'));
const sections = new Map<string, string>();
let failed = false;
for (const name of chosen) {
  const soak = SOAKS[name]!;
  const figures = join(dir, `${name}.jsonl`);
  const sizes = quick ? soak.quick : soak.long;
  const env: NodeJS.ProcessEnv = { ...sizes, ...process.env };
  env.BATON_SKIP_BUILD = '1';
  env.BATON_SOAK_FIGURES = figures;
  const shown = Object.keys(sizes)
    .map((k) => `${k}=${env[k]}`)
    .join(' ');
  process.stdout.write(`\n== ${name} (${shown})\n`);
  const r = spawnSync('npx', ['vitest', 'run', soak.file], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(figures)) {
    process.stderr.write(
      `soak: ${name} failed (exit ${r.status}); RELIABILITY.md keeps its figures\n`,
    );
    failed = true;
    continue;
  }
  const lines = readFileSync(figures, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  for (const l of lines) process.stdout.write(`${name}: ${l}\n`);
  const when = new Date().toISOString().slice(0, 10);
  sections.set(
    name,
    lines
      .map(
        (l) => `- **${name}** (\`${shown} npm run soak -- ${name}\`, ${when}, ${machine()}): ${l}.`,
      )
      .join('\n'),
  );
}
rmSync(dir, { recursive: true, force: true });

if (!quick && sections.size > 0) {
  const path = join(root, 'RELIABILITY.md');
  let doc = readFileSync(path, 'utf8');
  for (const [name, body] of sections) doc = replaceMarkedSection(doc, 'soak', name, body);
  writeFileSync(path, doc);
  // The lines wrapped the way the rest of the file is (npm run format:check stays clean).
  spawnSync('npx', ['prettier', '--write', 'RELIABILITY.md'], { cwd: root, stdio: 'ignore' });
  process.stdout.write(`\nRELIABILITY.md updated (${sections.size} soak(s)).\n`);
}
process.exit(failed ? 1 : 0);
