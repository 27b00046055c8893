// What a hook costs the agent that starts it, apart from the hook itself. Claude Code and Gemini
// CLI are Node.js programs, and Node starts a child process with fork() then exec() on Linux:
// after the fork every page of the agent's memory is shared with the child, write-protected,
// and the agent's next write to each page faults (the kernel gives the page back to the agent
// alone). So a hook that does nothing still costs the agent one page fault for each page it
// writes afterwards — cheap on bare metal, not on a virtual machine where a page fault costs
// several microseconds. Measured here in a Node process standing in for the agent: it holds N MB
// it writes, starts `/bin/sh -c :` (a hook doing nothing) and writes its memory again; the
// baseline is writing its memory again with no child started, in the same process.
import { spawnSync } from 'node:child_process';
import type { Benchmark, Figure } from './harness.js';

const TINY = process.env.BATON_BENCH_TINY === '1';
const SIZES_MB = TINY ? [4] : [10, 50, 100];
const ROUNDS = TINY ? 3 : 9;

/** Runs in a fresh Node process: prints the median times and page faults, as JSON. */
const AGENT = `
const { spawnSync } = require('node:child_process');
const [mb, rounds] = process.argv.slice(1).map(Number);
const held = [];
for (let i = 0; i < mb; i++) held.push(Buffer.alloc(1 << 20, 1));
const write = () => { for (const b of held) for (let j = 0; j < b.length; j += 4096) b[j]++; };
write();
const faults = () => process.resourceUsage().minorPageFault;
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const once = (spawn) => {
  const f = faults();
  const t = performance.now();
  if (spawn) spawnSync('/bin/sh', ['-c', ':']);
  write();
  return [performance.now() - t, faults() - f];
};
const run = (spawn) => {
  const rs = Array.from({ length: rounds }, () => once(spawn));
  return { ms: median(rs.map((r) => r[0])), faults: median(rs.map((r) => r[1])) };
};
const quiet = run(false);
const hook = run(true);
process.stdout.write(JSON.stringify({ quiet, hook }));
`;

interface Measured {
  quiet: { ms: number; faults: number };
  hook: { ms: number; faults: number };
}

function measure(): Figure[] {
  const figures: Figure[] = [];
  for (const mb of SIZES_MB) {
    const r = spawnSync(process.execPath, ['-e', AGENT, String(mb), String(ROUNDS)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`spawn-cost child: ${r.stderr}`);
    const m = JSON.parse(r.stdout) as Measured;
    figures.push({
      metric: `a Node process holding ${mb} MB starts a hook that does nothing (\`sh -c :\`) and writes its memory again (${m.hook.faults.toLocaleString('en-US')} page faults, median of ${ROUNDS})`,
      value: m.hook.ms,
      unit: 'ms',
      baseline: `writing its memory again, no hook started (${m.quiet.faults} page faults)`,
      baselineValue: m.quiet.ms,
      baselineUnit: 'ms',
      target: '— (what each hook costs a Node agent on this machine)',
    });
  }
  return figures;
}

const bench: Benchmark = {
  name: 'spawn-cost',
  run: () => Promise.resolve(measure()),
};

export default bench;
