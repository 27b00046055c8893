// Checks of the store file itself: that it opens, how big it is, its schema, its integrity, its
// permissions, the disk under it and whether there is a recent backup.
import { existsSync, statSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, listBackups, withRestoreHint } from '../store/index.js';
import { result } from './types.js';
import type { CheckResult, DoctorContext } from './types.js';

const MB = 1e6;
const DAY = 86_400_000;
const fmtMb = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / MB).toFixed(1)} MB`;

export function storeFileCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null) {
    const error = ctx.storeError ? withRestoreHint(ctx.storeError, ctx.home) : null;
    return [
      result('store', 'store', 'fail', error?.message ?? `cannot open ${ctx.storePath}`, {
        fix: error?.hint ?? null,
        data: { path: ctx.storePath },
      }),
    ];
  }
  const { main, wal } = ctx.store.maintenance.fileSizes();
  const version = ctx.store.info.schemaVersion;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  const data = {
    path: ctx.storePath,
    bytes: main,
    walBytes: wal,
    schemaVersion: version,
    latestSchemaVersion: latest,
  };
  const summary = `${ctx.storePath} · ${fmtMb(main)}${wal ? ` (+${fmtMb(wal)} WAL)` : ''} · schema v${version}`;
  const found = [
    result('store', 'store', version === latest ? 'ok' : 'warn', summary, {
      data,
      ...(version !== latest && {
        fix: 'run any baton command that writes (e.g. baton session list) to upgrade it',
      }),
    }),
  ];
  if (wal > 256 * MB) {
    found.push(
      result('wal', 'write-ahead log', 'warn', `the WAL has grown to ${fmtMb(wal)}`, {
        fix: 'a long-running reader keeps it from being folded back; close idle viewers, then run baton doctor again',
        data: { walBytes: wal },
      }),
    );
  }
  return found;
}

/**
 * SQLite's own check of every page. It reads the whole file (seconds on a big store), so it runs on
 * a worker thread with a connection of its own: the daemon's thread answers other requests
 * meanwhile, whichever face asked.
 */
export async function integrityCheck(ctx: DoctorContext): Promise<CheckResult[]> {
  if (ctx.store === null || ctx.skipSlow) return [];
  const kind = ctx.thorough ? 'integrity_check' : 'quick_check';
  let problems: string[];
  try {
    problems = await ctx.store.maintenance.integrityCheckApart(!ctx.thorough);
  } catch (error) {
    // SQLite may stop the check itself at a page it cannot read: that is damage too.
    const code = (error as { code?: unknown }).code;
    if (code !== 'STORE_CORRUPT' && code !== 'SQLITE_CORRUPT') throw error;
    problems = [(error as Error).message];
  }
  if (problems.length === 0) return [result('integrity', 'integrity', 'ok', `${kind}: ok`)];
  const [newest] = listBackups(ctx.home);
  return [
    result('integrity', 'integrity', 'fail', `${kind} found ${problems.length} problem(s)`, {
      details: problems.slice(0, 10),
      // A backup of a damaged file is refused (it would copy the damage): salvage reads around it.
      fix: newest
        ? `copy what the file still holds into a new store (baton doctor --salvage), or restore the newest backup: baton restore-backup ${newest.path}`
        : 'copy what the file still holds into a new store: baton doctor --salvage (then put it in place with baton restore-backup NEW-FILE)',
    }),
  ];
}

/** The full-text indexes, by FTS5's own check (thorough runs only: it reads the whole index). */
export function searchIndexCheck(ctx: DoctorContext): CheckResult[] {
  if (ctx.store === null || !ctx.thorough) return [];
  const problems = ctx.store.maintenance.searchIndexProblems();
  if (problems.length === 0) return [result(SEARCH_INDEX, 'search index', 'ok', 'sound')];
  return [
    result(SEARCH_INDEX, 'search index', 'fail', 'the search index is damaged', {
      details: problems.slice(0, 5),
      fix: 'baton doctor --fix (rebuilds it from the events; nothing is lost)',
    }),
  ];
}

export const SEARCH_INDEX = 'search-index';

/** A write-ahead log that was found cut when the store was opened: committed writes are gone. */
export function walCutCheck(ctx: DoctorContext): CheckResult[] {
  const cut = ctx.store?.maintenance.walCut() ?? null;
  if (cut === null) return [];
  const [newest] = listBackups(ctx.home);
  const lost = cut.committed - cut.present;
  return [
    result(
      'wal-cut',
      'write-ahead log',
      'fail',
      `the write-ahead log was found cut on ${new Date(cut.at).toISOString()}: ${lost} of ${cut.committed} committed frames were missing, and what they held is lost`,
      {
        details: [`the cut log was kept as ${cut.keptAt}`],
        fix: newest
          ? `if the newest backup holds what was lost, restore it: baton restore-backup ${newest.path}`
          : 're-import what was lost from its source (baton import), or restore an older copy with baton restore-backup PATH',
        data: { ...cut },
      },
    ),
  ];
}

export function permissionsCheck(ctx: DoctorContext): CheckResult[] {
  if (!existsSync(ctx.storePath)) return [];
  const loose: string[] = [];
  const fileMode = statSync(ctx.storePath).mode & 0o777;
  const dirMode = statSync(dirname(ctx.storePath)).mode & 0o777;
  if (fileMode & 0o077) loose.push(`chmod 600 ${ctx.storePath}`);
  if (dirMode & 0o077) loose.push(`chmod 700 ${dirname(ctx.storePath)}`);
  const data = { fileMode: fileMode.toString(8), folderMode: dirMode.toString(8) };
  if (loose.length === 0)
    return [result('permissions', 'permissions', 'ok', 'store readable by you only', { data })];
  return [
    result('permissions', 'permissions', 'warn', 'others on this machine can read the store', {
      fix: loose.join(' && '),
      data,
    }),
  ];
}

export function diskCheck(ctx: DoctorContext): CheckResult[] {
  let free: number;
  try {
    const st = statfsSync(dirname(ctx.storePath));
    free = st.bavail * st.bsize;
  } catch {
    return [];
  }
  const status = free < 100 * MB ? 'fail' : free < 500 * MB ? 'warn' : 'ok';
  return [
    result('disk', 'disk space', status, `${fmtMb(free)} free where the store lives`, {
      data: { freeBytes: free },
      ...(status !== 'ok' && {
        fix: 'free some space: captures stop being kept when the disk is full',
      }),
    }),
  ];
}

export function backupCheck(ctx: DoctorContext): CheckResult[] {
  const [newest] = listBackups(ctx.home);
  if (!newest) {
    return [
      result('backup', 'backups', 'info', 'no backup in the default folder yet', {
        fix: 'baton backup',
      }),
    ];
  }
  const age = Math.floor((ctx.now - newest.modifiedAt) / DAY);
  return [
    result(
      'backup',
      'backups',
      'info',
      `newest ${age === 0 ? 'today' : `${age} day(s) ago`}: ${newest.path}`,
      {
        data: { path: newest.path, ageDays: age },
        ...(age > 30 && { fix: 'baton backup' }),
      },
    ),
  ];
}
