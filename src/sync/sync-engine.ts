// Push and pull between a store and a vault. Each batch is sealed or opened, sent or applied, and
// only then is the position moved past it, in the same local transaction as the apply: a push or
// pull cut at any point and run again repeats at most one batch, which upserts make harmless.
import { BatonError } from '../core/index.js';
import type { Store, SyncConflict, SyncEntry } from '../store/index.js';
import type { SealedRecord, SyncTarget } from './sync-target.js';
import { seal, verifyKey } from './vault-crypto.js';
import { planPull } from './pull-plan.js';
import { openBatch } from './pull-batch.js';
import { pushStreams, remoteId, resealPack } from './push-streams.js';
import type { PushStream } from './push-streams.js';
import { FILES, pushFiles, trackedPaths } from './files/file-sync.js';
import type { FilesWorld } from './files/file-sync.js';
import { reconcileFiles } from './files/file-reconcile.js';
import { MCP, pushMcp, reconcileMcp } from './mcp/mcp-sync.js';
import type { McpConfigs, McpReport, McpWorld } from './mcp/mcp-sync.js';
import { pathMap } from './mcp/mcp-paths.js';

export interface SyncProgress {
  phase: 'push-records' | 'push-events' | 'push-checkpoints' | 'push-tombstones' | 'pull';
  done: number;
}

export interface SyncEngineOptions {
  store: Store;
  target: SyncTarget;
  key: Buffer;
  vault: string;
  /** Names this remote in the store's sync positions (one set of positions per remote vault). */
  remoteName: string;
  batchSize?: number;
  onProgress?: (p: SyncProgress) => void;
  /** The user's home folder, where chosen files are read and written; without it they stay out. */
  userHome?: string;
  /**
   * The agents' own MCP config files, for the MCP server entries chosen with `baton sync mcp add`
   * (needs `userHome`); without it those entries stay out.
   */
  mcpConfigs?: McpConfigs;
  /** Audit a push or pull that moved nothing (the commands do; auto-sync's idle rounds do not). */
  auditIdle?: boolean;
}

export interface PushReport {
  records: number;
  events: number;
  checkpoints: number;
  tombstones: number;
  files: number;
  /** MCP server entries sent (added, changed or removed here). */
  mcp: number;
  batches: number;
}

export interface PullReport {
  records: number;
  events: number;
  checkpoints: number;
  /** Events, sessions and checkpoints removed because another machine forgot them. */
  removed: number;
  conflicts: number;
  files: number;
  /** Chosen files changed on two machines at once: the other version, kept beside. */
  keptBeside: string[];
  /** MCP server entries written, removed, held as conflicts, or waiting for a project. */
  mcp: McpReport;
  batches: number;
}

export interface SyncStatus {
  pendingRecords: number;
  pendingEvents: number;
  remoteChanges: number;
  openConflicts: number;
}

export class SyncEngine {
  private readonly batch: number;
  private readonly machine: string;
  private keyChecked = false;

  constructor(private readonly o: SyncEngineOptions) {
    this.batch = o.batchSize ?? 2000;
    this.machine = o.store.info.machineId;
  }

  private position(direction: string, fallback: string): string {
    return this.o.store.sync.position(this.o.remoteName, direction) ?? fallback;
  }

  /** Fails before anything moves when the key does not open this vault. */
  async checkKey(): Promise<void> {
    if (this.keyChecked) return;
    const vault = await this.o.target.vault();
    if (!vault) {
      throw new BatonError('NOT_FOUND', `no vault ${this.o.vault} on the sync server`, {
        hint: 'create it with `baton sync init --remote URL --vault NAME`',
      });
    }
    verifyKey(this.o.key, this.o.vault, vault.keyCheck);
    this.keyChecked = true;
  }

  /**
   * Whether a push has anything to look at: a changed record, an event, checkpoint or deletion of
   * this machine — or, with `files`, chosen files to compare (which means reading them).
   */
  hasLocalChanges(files = false): boolean {
    const { sync } = this.o.store;
    if (files && this.o.userHome && trackedPaths(this.o.store).length > 0) return true;
    return (
      sync.changedRecords(this.position('push-records', ''), 1).length > 0 ||
      this.streams().some((s) => s.next(this.position(s.phase, s.start), 1) !== null)
    );
  }

  /** Whether the vault has changes this store has not pulled (one small query). */
  async hasRemoteChanges(): Promise<boolean> {
    return (await this.o.target.lastSeq()) > Number(this.position('pull', '0'));
  }

  private streams(): PushStream[] {
    const { store, key, vault } = this.o;
    return pushStreams({ store, key, vault, machine: this.machine });
  }

  async push(): Promise<PushReport> {
    await this.checkKey();
    const report: PushReport = {
      records: 0,
      events: 0,
      checkpoints: 0,
      tombstones: 0,
      files: 0,
      mcp: 0,
      batches: 0,
    };
    const { store, target } = this.o;
    for (;;) {
      const entries = store.sync.changedRecords(this.position('push-records', ''), this.batch);
      if (entries.length === 0) break;
      const mine = entries.filter((e) => this.contributed(e));
      await target.push(mine.map((e) => this.sealEntry(e)));
      store.sync.setPosition(this.o.remoteName, 'push-records', entries.at(-1)!.state.hlc);
      report.records += mine.length;
      report.batches += 1;
      this.o.onProgress?.({ phase: 'push-records', done: report.records });
    }
    const counts = { 'push-events': 0, 'push-checkpoints': 0, 'push-tombstones': 0 };
    for (const stream of this.streams()) {
      let next = stream.next(this.position(stream.phase, stream.start), this.batch);
      while (next) {
        const current = next;
        const sending = target.push(current.sealed);
        // Seal the next batch while the server writes this one.
        next = stream.next(current.last, this.batch);
        await sending;
        // A forgotten event leaves the packs that hold it before the position moves past it.
        if (stream.phase === 'push-tombstones') await this.scrubPacks(current.sealed);
        store.sync.setPosition(this.o.remoteName, stream.phase, current.last);
        counts[stream.phase] += current.count;
        report.batches += 1;
        this.o.onProgress?.({ phase: stream.phase, done: counts[stream.phase] });
      }
    }
    report.events = counts['push-events'];
    report.checkpoints = counts['push-checkpoints'];
    report.tombstones = counts['push-tombstones'];
    if (this.o.userHome) report.files = await pushFiles(this.filesWorld(this.o.userHome));
    const mcp = this.mcpWorld();
    if (mcp) report.mcp = await pushMcp(mcp);
    await this.audit('push', { ...report });
    return report;
  }

  /**
   * Seals again, without them, every pack (whichever machine sent it) that holds one of the events
   * these tombstones forget, so the server keeps no copy of their content.
   */
  private async scrubPacks(tombstones: readonly SealedRecord[]): Promise<void> {
    const events = tombstones.filter((t) => t.kind === 'event');
    if (events.length === 0) return;
    const gone = new Set(events.map((t) => t.id));
    let newest = '';
    for (const t of events) if (t.hlc > newest) newest = t.hlc;
    const packs = await this.o.target.packsHolding([...gone]);
    if (packs.length === 0) return;
    const { store, key, vault } = this.o;
    const sealer = { store, key, vault, machine: this.machine };
    await this.o.target.push(
      // The rewrite must be newer than the pack it replaces, or the server keeps the old one.
      packs.map((p) => resealPack(sealer, p, gone, newest > p.hlc ? newest : `${p.hlc}+`)),
    );
  }

  /**
   * Whether this machine wrote to the record. One it only pulled is on the server already, in
   * the versions of the machines that wrote it; sending it back would only repeat them.
   */
  private contributed(e: SyncEntry): boolean {
    return e.state.vv[this.machine] !== undefined;
  }

  private sealEntry(e: SyncEntry) {
    const id = remoteId(this.o.key, e.kind, e.id);
    return {
      id,
      machine: this.machine,
      kind: e.kind,
      hlc: e.state.hlc,
      tombstone: e.state.deleted,
      ciphertext: seal(this.o.key, { vault: this.o.vault, kind: e.kind, id }, toBytes(e)),
    };
  }

  async pull(): Promise<PullReport> {
    await this.checkKey();
    const report: PullReport = {
      records: 0,
      events: 0,
      checkpoints: 0,
      removed: 0,
      conflicts: 0,
      files: 0,
      keptBeside: [],
      mcp: { written: 0, removed: 0, conflicts: 0, waiting: [] },
      batches: 0,
    };
    const { store, target } = this.o;
    const pullFrom = (seq: number) => target.pull(seq, this.batch, this.machine, PULL_BYTES);
    let fetching = pullFrom(Number(this.position('pull', '0')));
    for (;;) {
      const rows = await fetching;
      if (rows.length === 0) break;
      // Fetch the next batch while this one is opened and applied; if applying fails, the
      // fetched batch is dropped and its error (if any) is not the one to report.
      fetching = pullFrom(rows.at(-1)!.seq);
      fetching.catch(() => undefined);
      // Open everything before writing anything: one bad record stops the batch whole.
      const opened = openBatch(this.o.key, this.o.vault, rows);
      store.transaction(() => {
        const plan = planPull(
          opened.items,
          (keys) => store.sync.states(keys),
          openConflicts(store),
        );
        store.sync.applyRecords(plan.write);
        store.sync.addConflicts(plan.conflicts);
        for (const id of plan.settled) store.sync.settleConflict(id, 'superseded');
        const applied = store.sync.applyEvents(plan.events);
        const checkpoints = store.sync.applyCheckpoints(opened.checkpoints);
        // Last: a deletion wins over anything the same batch brought.
        const gone = store.sync.applyTombstones(opened.tombstones);
        if (gone.removed > 0) store.audit('sync-forget', this.o.vault, { removed: gone.removed });
        FILES.notePulled(store, this.o.key, this.o.vault, opened.files);
        MCP.notePulled(store, this.o.key, this.o.vault, opened.mcp);
        store.sync.setPosition(this.o.remoteName, 'pull', String(rows.at(-1)!.seq));
        report.records += plan.write.length;
        report.events += applied.inserted;
        report.checkpoints += checkpoints.written;
        report.removed += gone.removed;
        report.conflicts += plan.conflicts.length;
      });
      report.batches += 1;
      this.o.onProgress?.({ phase: 'pull', done: report.records + report.events });
    }
    const files = this.o.userHome ? await reconcileFiles(this.filesWorld(this.o.userHome)) : null;
    report.files = files?.written ?? 0;
    report.keptBeside = files?.keptBeside ?? [];
    const mcp = this.mcpWorld();
    if (mcp) report.mcp = reconcileMcp(mcp);
    const { keptBeside, mcp: entries, ...counts } = report;
    await this.audit('pull', {
      ...counts,
      keptBeside: keptBeside.length,
      mcpWritten: entries.written + entries.removed,
      mcpConflicts: entries.conflicts,
    });
    return report;
  }

  private filesWorld(home: string): FilesWorld {
    const { store, target, key, vault } = this.o;
    return { store, target, key, vault, machine: this.machine, home };
  }

  /** The world of MCP entry sync, when the caller gave the agents' config files and a home. */
  private mcpWorld(): McpWorld | null {
    const { store, target, key, vault, mcpConfigs, userHome } = this.o;
    if (!mcpConfigs || !userHome) return null;
    return {
      store,
      target,
      key,
      vault,
      machine: this.machine,
      configs: mcpConfigs,
      paths: pathMap(userHome, store.projects.folders()),
    };
  }

  /** The records the next push sends. */
  pendingRecords(): SyncEntry[] {
    return this.o.store.sync
      .changedRecords(this.position('push-records', ''), 1_000_000)
      .filter((e) => this.contributed(e));
  }

  async status(): Promise<SyncStatus> {
    const { store } = this.o;
    const pendingRecords = this.pendingRecords().length;
    const after = Number(this.position('push-events', '0'));
    const pendingEvents = countOwnEvents(store, after);
    const remote = await this.o.target.lastSeq();
    return {
      pendingRecords,
      pendingEvents,
      remoteChanges: Math.max(0, remote - Number(this.position('pull', '0'))),
      openConflicts: store.sync.conflicts({ open: true }).length,
    };
  }

  private async audit(action: string, detail: Record<string, number>): Promise<void> {
    const moved = Object.entries(detail).some(([k, n]) => k !== 'batches' && n > 0);
    if (!moved && this.o.auditIdle === false) return;
    this.o.store.audit(`sync-${action}`, this.o.vault, detail);
    await this.o.target.audit(this.machine, action, detail);
  }
}

/** Ciphertext fetched per pull batch: a batch of packs holds many events each. */
const PULL_BYTES = 8 * 1024 * 1024;

const toBytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

function openConflicts(store: Store): (recordId: string) => SyncConflict[] {
  return (recordId) => store.sync.conflicts({ open: true, recordId });
}

function countOwnEvents(store: Store, after: number): number {
  return store.sync.countOwnEvents(after);
}
