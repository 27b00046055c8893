// How V8 tiers up the code of a `baton search` process. A search's scoring loops (bm25.ts,
// rank-events.ts) get hot after a few hundred candidates, and V8 then optimises them with
// TurboFan on a background thread: 5–30 ms of compiling per function, measured on a 1M-event
// store, in a process whose search is over in about as long. On a two-core machine those
// compiles slowed the very search they were for. So a search asks for TurboFan eight times later
// than V8's default, and not at once for small functions: a short search stays on the baseline
// code (Sparkplug), a long one — a broad query over long tool outputs — is still optimised, and
// ran as fast or faster than before (docs/performance.md). Applied only where it was measured:
// V8 11, Node 20. Newer V8s (Node 22, 24) tier up through Maglev, a faster middle compiler, under
// other flags, and keep their defaults.

/** V8 flags for a search process on this V8 (`process.versions.v8`); none where not measured. */
export function searchTieringFlags(v8Version: string): string[] {
  return v8Version.startsWith('11.')
    ? ['--ticks-before-optimization=24', '--max-bytecode-size-for-early-opt=0']
    : [];
}
