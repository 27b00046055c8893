// Pins doctor's spool check: waiting payloads are fine; a claim left by a killed drain and a
// payload parked in spool/failed/ are reported, with what to do.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spoolHook } from '../capture/index.js';
import type { DoctorContext } from '../doctor/index.js';
import { spoolCheck } from './diagnostics.js';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function context(): DoctorContext {
  const home = mkdtempSync(join(tmpdir(), 'baton-spool-check-'));
  homes.push(home);
  return {
    store: null,
    storeError: null,
    storePath: join(home, 'baton.db'),
    home,
    now: 0,
    env: {},
    cwd: home,
    thorough: false,
  };
}

describe('doctor spool check', () => {
  it('reports claimed and failed payloads, and is fine with waiting ones', async () => {
    const ctx = context();
    spoolHook(ctx.home, 'claude-code', '{}', 1, 1);
    expect((await spoolCheck(ctx))[0]).toMatchObject({ status: 'ok', data: { waiting: 1 } });
    const claimed = spoolHook(ctx.home, 'claude-code', '{}', 2, 1);
    renameSync(claimed, `${claimed}.claimed-999999`);
    const failed = spoolHook(ctx.home, 'claude-code', '{}', 3, 1);
    mkdirSync(join(ctx.home, 'spool', 'failed'));
    renameSync(failed, join(ctx.home, 'spool', 'failed', basename(failed)));
    const [r] = await spoolCheck(ctx);
    expect(r).toMatchObject({ status: 'warn', data: { waiting: 1, claimed: 1, failed: 1 } });
    expect(r!.fix).toMatch(/baton import/);
  });
});
