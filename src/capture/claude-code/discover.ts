// Finds Claude Code transcripts: every `*.jsonl` under the projects folder (or the paths given),
// main sessions before subagents so parents are usually known first. Large tool outputs spilled
// to `tool-results/` are not transcripts.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BatonError } from '../../core/index.js';
import type { AgentEnv, TranscriptFile } from '../adapter.js';
import { claudeProjectsDir, describeTranscriptPath } from './paths.js';

const SKIP_DIRS = new Set(['tool-results', 'node_modules', '.git']);

export function discoverTranscripts(env: AgentEnv, paths: string[] = []): TranscriptFile[] {
  const found: string[] = [];
  if (paths.length === 0) {
    walk(claudeProjectsDir(env.env), found, false);
  } else {
    for (const p of paths) {
      const abs = resolve(env.cwd, p);
      let isDir: boolean;
      try {
        isDir = statSync(abs).isDirectory();
      } catch (error) {
        throw new BatonError('IO', `cannot read ${p}: ${(error as Error).message}`);
      }
      if (isDir) walk(abs, found, true);
      else found.push(abs);
    }
  }
  const files = [...new Set(found)].map((path) => ({
    path,
    role:
      describeTranscriptPath(path).agentId === null ? ('session' as const) : ('subagent' as const),
  }));
  return files.sort((a, b) =>
    a.role === b.role
      ? a.path < b.path
        ? -1
        : a.path > b.path
          ? 1
          : 0
      : a.role === 'session'
        ? -1
        : 1,
  );
}

function walk(dir: string, out: string[], mustExist: boolean): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (!mustExist && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BatonError('IO', `cannot read ${dir}: ${(error as Error).message}`);
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(path, out, true);
    } else if (e.isFile() && e.name.endsWith('.jsonl')) {
      out.push(path);
    }
  }
}
