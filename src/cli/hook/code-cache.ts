// Node 20 has no module compile cache (module.enableCompileCache arrives in 22.1): every
// SessionStart compiled the whole full hook (dist/hook-full.cjs) again, and each function it ran
// too. This loads one CommonJS file as v8-compile-cache did, with V8's code cache, written once
// after a first run (so it holds the functions that ran, compiled) and read by the next ones.
// The cache lives in Baton's home — the user's own folder: cached code is code, and a shared tmp
// would let another user plant it. Its name carries Node's version, the platform and the file's
// size and mtime; V8 itself rejects a cache made for other source or flags, and it is then
// written anew.
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CodeCached {
  exports: unknown;
  /** True when V8 took the cached code; else `save` writes it (call it once the code has run). */
  hit: boolean;
  save(): void;
}

type CommonJsWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

export function requireWithCodeCache(file: string, cacheDir: string): CodeCached {
  const stat = statSync(file);
  const name = basename(file);
  const key = `${name}-${process.version}-${process.platform}-${process.arch}`;
  const cacheFile = join(cacheDir, `${key}-${stat.size}-${Math.trunc(stat.mtimeMs)}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet: compiled from source below, and saved after the run.
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    ...(cachedData && { cachedData }),
  });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as CommonJsWrapper;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const hit = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    hit,
    save: () => {
      if (hit) return;
      try {
        mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        for (const old of readdirSync(cacheDir)) {
          // unlinkSync, not rmSync: Node 20's rmSync loads its rimraf module.
          if (old.startsWith(`${key}-`)) unlinkQuietly(join(cacheDir, old));
        }
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cacheFile);
      } catch {
        // A cache is only ever an optimisation: the next run compiles from source again.
      }
    },
  };
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Removed meanwhile (another hook saving its cache).
  }
}
