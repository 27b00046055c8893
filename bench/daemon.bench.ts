// The daemon as a real process (`bin/baton.js daemon run`, built by `npm run bench`):
// - POST /v1/events throughput, acknowledged after commit, beside the same lines imported in this
//   process with no HTTP (`importEvents`, the path `baton import --format events` takes);
// - how soon an event is visible on the live stream (SSE) after the hook that wrote it returned
//   (a spooled PostToolUse), beside an event POSTed to the API;
// - resident memory at rest, under the POST load, and after tailing a large Claude Code
//   transcript, beside a bare `node` process.
// - a soak after the tailing: a session keeps writing to its transcript (a prompt and a tool call
//   with its result every so often) while the daemon tails it, and resident memory is sampled
//   throughout: it must stay flat (the end beside the start of the soak).
// Sizes: BATON_BENCH_DAEMON_EVENTS (POSTed, default 200,000), BATON_BENCH_DAEMON_TAIL (transcript
// records tailed, default 1,000,000), BATON_BENCH_DAEMON_SAMPLES (latency samples, default 20),
// BATON_BENCH_DAEMON_SOAK_S (soak seconds, default 30; 3600 for the hour the target names).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importEvents } from '../src/capture/index.js';
import { eventLineV1 } from '../src/schemas/index.js';
import { SqliteStore } from '../src/store/index.js';
import {
  assistant,
  jsonl,
  prompt,
  text,
  toolResult,
  toolUse,
} from '../test/helpers/claude-records.js';
import { BIN, openStream, peakRss, rssMb, sleep, startDaemon } from './daemon-process.js';
import type { BenchDaemon } from './daemon-process.js';
import type { Benchmark, Figure } from './harness.js';
import { median, percentile } from './harness.js';

const EVENTS = Number(process.env.BATON_BENCH_DAEMON_EVENTS ?? 200_000);
const TAIL = Number(process.env.BATON_BENCH_DAEMON_TAIL ?? 1_000_000);
const SAMPLES = Number(process.env.BATON_BENCH_DAEMON_SAMPLES ?? 20);
const SOAK_S = Number(process.env.BATON_BENCH_DAEMON_SOAK_S ?? 30);
const BATCH = 5_000;
const words = 'the daemon keeps every session while agents come and go'.split(' ');

function eventLines(n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      session: `${tag}-s${i % 50}`,
      agent: 'cli',
      project: 'bench',
      ts: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      kind: i % 3 ? 'note' : 'tool_call',
      text: `${words[i % words.length]} ${i} ${words.join(' ')} src/daemon/file-${i % 97}.ts`,
      ref: `${tag}-${i}`,
    }),
  );
}

/**
 * POSTs lines, asking again once when the connection is dropped under it (a kept-alive socket the
 * server closed as it was reused): lines carry refs, so a second delivery adds nothing.
 */
async function post(d: BenchDaemon, body: string): Promise<Response> {
  try {
    return await fetch(`${d.url}/v1/events`, { method: 'POST', headers: d.headers, body });
  } catch {
    return fetch(`${d.url}/v1/events`, { method: 'POST', headers: d.headers, body });
  }
}

async function postAll(d: BenchDaemon, lines: string[]): Promise<number> {
  const started = performance.now();
  const batches: string[] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(lines.slice(i, i + BATCH).join('\n'));
  let next = 0;
  const client = async () => {
    while (next < batches.length) {
      const body = batches[next++]!;
      const r = await post(d, body);
      if (r.status !== 200) throw new Error(`POST /v1/events: ${r.status} ${await r.text()}`);
    }
  };
  await Promise.all([client(), client()]);
  return (performance.now() - started) / 1000;
}

async function inProcess(home: string, lines: string[]): Promise<number> {
  const store = SqliteStore.open({ path: join(home, 'baseline.db') });
  const started = performance.now();
  const r = await importEvents(store, Readable.from([lines.join('\n')]), {
    schema: eventLineV1,
    workerUrl: new URL('../dist/events-worker.js', import.meta.url),
  });
  const secs = (performance.now() - started) / 1000;
  store.close();
  if (r.imported !== lines.length) throw new Error(`baseline imported ${r.imported}`);
  return secs;
}

function hook(env: NodeJS.ProcessEnv, cwd: string, payload: object): void {
  const r = spawnSync(process.execPath, [BIN, 'hook', 'claude-code'], {
    input: JSON.stringify(payload),
    env,
    cwd,
  });
  if (r.status !== 0) throw new Error(`hook exited ${r.status}: ${r.stderr.toString()}`);
}

async function latencies(d: BenchDaemon, env: NodeJS.ProcessEnv, cwd: string) {
  const session = { session_id: 'bench-latency', transcript_path: join(cwd, 'none.jsonl'), cwd };
  hook(env, cwd, { ...session, hook_event_name: 'SessionStart', source: 'startup' });
  const stream = await openStream(d);
  const viaHook: number[] = [];
  const viaApi: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const marker = `hook-marker-${i}-${Date.now()}`;
    const arrived = stream.waitFor(marker);
    hook(env, cwd, {
      ...session,
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_input: { command: `echo ${marker}` },
      tool_response: { stdout: marker, stderr: '', interrupted: false },
      tool_use_id: `toolu_latency_${i}`,
    });
    const returned = performance.now();
    viaHook.push((await arrived) - returned);
    const line = eventLines(1, `api-marker-${i}`)[0]!;
    const seen = stream.waitFor(`api-marker-${i}-0`);
    const sent = performance.now();
    await post(d, line);
    viaApi.push((await seen) - sent);
    await sleep(50);
  }
  await stream.close();
  return { viaHook, viaApi };
}

/** Claude Code records as a session writes them: a prompt, then tool calls and their results. */
function transcriptRecords(from: number, n: number): unknown[] {
  return Array.from({ length: n }, (_, j) => {
    const k = from + j;
    const id = `toolu_tail_${k - (k % 2)}`;
    if (k % 40 === 0) return prompt(`tail ${k} ${words.join(' ')}`);
    if (k % 2) {
      return assistant(`msg_tail_${k}`, [
        text(`step ${k}: ${words.join(' ')}`),
        toolUse(id, 'Bash', { command: `npm test -- src/file-${k % 97}.ts` }),
      ]);
    }
    return toolResult(id, `ok ${k}\n${words.join(' ')}\n`.repeat(3));
  });
}

/** Appends TAIL records to one transcript; resolves once the daemon has read the last one. */
async function tail(d: BenchDaemon, home: string): Promise<number> {
  const dir = join(home, '.claude', 'projects', '-bench-tail');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '99999999-2222-3333-4444-555555555555.jsonl');
  const started = performance.now();
  for (let i = 0; i < TAIL; i += 10_000) {
    appendFileSync(file, jsonl(transcriptRecords(i, Math.min(10_000, TAIL - i))));
  }
  appendFileSync(file, jsonl([prompt('taildonemarker')]));
  await searchable(d, 'taildonemarker');
  return (performance.now() - started) / 1000;
}

/**
 * Waits until a search finds `marker`. A request the daemon's busy thread let time out on a kept-
 * alive socket is asked again; a daemon that exited fails the run.
 */
async function searchable(d: BenchDaemon, marker: string): Promise<void> {
  for (;;) {
    if (d.child.exitCode !== null) throw new Error(`the daemon exited (${d.child.exitCode})`);
    try {
      const r = await fetch(`${d.url}/v1/search?q=${marker}`, { headers: d.headers });
      if (((await r.json()) as { hits: unknown[] }).hits.length > 0) return;
    } catch {
      // Asked again below.
    }
    await sleep(200);
  }
}

interface Soak {
  records: number;
  /** RSS at the soak's start, its highest, and at its end. */
  start: number;
  peak: number;
  end: number;
}

/**
 * Keeps a session writing to a transcript of its own for SOAK_S seconds, about 50 records a
 * second in bursts, the daemon tailing it; RSS sampled every second. Resolves once the daemon has
 * read the last record.
 */
async function soak(d: BenchDaemon, home: string): Promise<Soak> {
  const dir = join(home, '.claude', 'projects', '-bench-soak');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '99999999-6666-7777-8888-999999999999.jsonl');
  const pid = d.child.pid!;
  const start = rssMb(pid);
  let peak = start;
  let records = 0;
  const until = performance.now() + SOAK_S * 1000;
  while (performance.now() < until) {
    appendFileSync(file, jsonl(transcriptRecords(TAIL + records, 50)));
    records += 50;
    await sleep(1000);
    peak = Math.max(peak, rssMb(pid));
  }
  appendFileSync(file, jsonl([prompt('soakdonemarker')]));
  await searchable(d, 'soakdonemarker');
  await sleep(2000);
  const end = rssMb(pid);
  return { records, start, peak: Math.max(peak, end), end };
}

function bareNodeRss(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return sleep(1000).then(() => {
    const mb = rssMb(child.pid!);
    child.kill();
    return mb;
  });
}

const bench: Benchmark = {
  name: 'daemon',
  async run() {
    const home = mkdtempSync(join(tmpdir(), 'baton-bench-daemon-'));
    const { CLAUDE_CONFIG_DIR: _c, ...rest } = process.env;
    const env = { ...rest, BATON_HOME: home, HOME: home, BATON_DAEMON_PORT: '0' };
    const cwd = join(home, 'project');
    mkdirSync(cwd);
    const node = await bareNodeRss();
    const d = await startDaemon(env);
    try {
      await sleep(1000);
      const atRest = rssMb(d.child.pid!);
      const lines = eventLines(EVENTS, 'post');
      const baseSecs = await inProcess(home, eventLines(EVENTS, 'base'));
      const [postSecs, postPeak] = await peakRss(d.child.pid!, () => postAll(d, lines));
      const lat = await latencies(d, env, cwd);
      const [tailSecs, tailPeak] = await peakRss(d.child.pid!, () => tail(d, home));
      await sleep(2000);
      const afterTail = rssMb(d.child.pid!);
      const soaked = await soak(d, home);
      return figures({
        node,
        atRest,
        postSecs,
        postPeak,
        baseSecs,
        lat,
        tailSecs,
        tailPeak,
        afterTail,
        soaked,
      });
    } finally {
      await d.stop();
      rmSync(home, { recursive: true, force: true });
    }
  },
};

function figures(m: {
  node: number;
  atRest: number;
  postSecs: number;
  postPeak: number;
  baseSecs: number;
  lat: { viaHook: number[]; viaApi: number[] };
  tailSecs: number;
  tailPeak: number;
  afterTail: number;
  soaked: Soak;
}): Figure[] {
  const rate = EVENTS / m.postSecs;
  const hook = median(m.lat.viaHook);
  const mem = (metric: string, value: number): Figure => ({
    metric,
    value,
    unit: 'MB RSS',
    baseline: 'a bare `node` process at rest',
    baselineValue: m.node,
    baselineUnit: 'MB RSS',
    target: '≤ 100 MB',
    met: value <= 100,
  });
  return [
    {
      metric: `POST /v1/events, ${EVENTS.toLocaleString('en-US')} events in requests of ${BATCH.toLocaleString('en-US')}, 2 clients, acknowledged after commit`,
      value: rate,
      unit: 'events/s',
      baseline: 'the same number of lines imported in-process (importEvents, no HTTP)',
      baselineValue: EVENTS / m.baseSecs,
      baselineUnit: 'events/s',
      target: '≥ 20,000 events/s',
      met: rate >= 20_000,
    },
    {
      metric: `hook returned → event on the live stream (spooled PostToolUse), median of ${SAMPLES} (p95 ${percentile(m.lat.viaHook, 95).toFixed(0)} ms)`,
      value: hook,
      unit: 'ms',
      baseline: 'POST /v1/events sent → on the live stream, median',
      baselineValue: median(m.lat.viaApi),
      baselineUnit: 'ms',
      target: '≤ 200 ms',
      met: hook <= 200,
    },
    mem('daemon at rest, after start', m.atRest),
    mem('daemon peak while taking the POST load', m.postPeak),
    mem(
      `daemon peak while tailing a ${TAIL.toLocaleString('en-US')}-record Claude Code transcript (written and read in ${m.tailSecs.toFixed(1)} s)`,
      m.tailPeak,
    ),
    mem('daemon at rest after the tailing', m.afterTail),
    mem(
      `daemon at the end of a ${SOAK_S}-second soak (a session writing ${m.soaked.records.toLocaleString('en-US')} records meanwhile; RSS ${m.soaked.start.toFixed(0)} MB at its start, ${m.soaked.peak.toFixed(0)} MB at its highest)`,
      m.soaked.end,
    ),
    {
      metric: 'daemon RSS growth over the soak (end − start)',
      value: m.soaked.end - m.soaked.start,
      unit: 'MB',
      baseline: 'RSS at the soak’s start',
      baselineValue: m.soaked.start,
      baselineUnit: 'MB RSS',
      target: 'flat (≤ 5 MB)',
      met: m.soaked.end - m.soaked.start <= 5,
    },
  ];
}

export default bench;
