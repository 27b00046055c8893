// `npm run bench [-- NAME…]`: runs bench/*.bench.ts (or the named ones), prints each figure beside
// its baseline, and rewrites those benchmarks' sections of BENCHMARKS.md.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, Figure } from './harness.js';
import { fmt, machine } from './harness.js';
import { replaceMarkedSection } from '../scripts/marked-section.js';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const row = (f: Figure) =>
  `| ${f.metric} | ${fmt(f.value)} ${f.unit} | ${f.baseline}: ${fmt(f.baselineValue)} ${f.baselineUnit} | ${f.target} | ${f.met === undefined ? '—' : f.met ? 'yes' : '**no**'} |`;

// Figures from another Node major than the machine's default (20) get sections of their own.
const major = Number(process.versions.node.split('.')[0]);
const sectionName = (name: string) => (major === 20 ? name : `${name} (Node ${major})`);
const sections = new Map<string, string>();
for (const file of files) {
  const bench = ((await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark })
    .default;
  process.stdout.write(`\n== ${bench.name}\n`);
  const figures = await bench.run();
  const lines = [
    `### ${sectionName(bench.name)}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
    '',
    '| metric | value | baseline (same run) | target | met |',
    '|---|---|---|---|---|',
    ...figures.map(row),
  ];
  for (const l of lines.slice(4)) process.stdout.write(l + '\n');
  sections.set(sectionName(bench.name), lines.join('\n'));
}

const path = join(here, '..', 'BENCHMARKS.md');
let doc = existsSync(path)
  ? readFileSync(path, 'utf8')
  : '# Benchmarks\n\nProduced by `npm run bench`; every figure sits beside a baseline measured in the same run.\n';
for (const [name, body] of sections) doc = replaceMarkedSection(doc, 'bench', name, body);
writeFileSync(path, doc);
process.stdout.write(`\nBENCHMARKS.md updated (${sections.size} section(s)).\n`);
