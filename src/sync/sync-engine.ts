// Push and pull between a store and a vault. Each batch is sealed or opened, sent or applied, and
// only then is the position moved past it, in the same local transaction as the apply: a push or
// pull cut at any point and run again repeats at most one batch, which upserts make harmless.
import { createHmac } from 'node:crypto';
import { BatonError } from '../core/index.js';
import type { JsonObject } from '../core/index.js';
import type { EventEntry, Store, SyncConflict, SyncEntry } from '../store/index.js';
import type { SealedRecord, SyncTarget } from './sync-target.js';
import { open, seal, verifyKey } from './vault-crypto.js';
import { planPull } from './pull-plan.js';
import type { PulledItem } from './pull-plan.js';

export interface SyncProgress {
  phase: 'push-records' | 'push-events' | 'pull';
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
  /** Audit a push or pull that moved nothing (the commands do; auto-sync's idle rounds do not). */
  auditIdle?: boolean;
}

export interface PushReport {
  records: number;
  events: number;
  batches: number;
}

export interface PullReport {
  records: number;
  events: number;
  conflicts: number;
  batches: number;
}

export interface SyncStatus {
  pendingRecords: number;
  pendingEvents: number;
  remoteChanges: number;
  openConflicts: number;
}

const eventId = (id: string) => `event:${id}`;

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

  /** Whether a push has anything to look at: a changed record or an event of this machine. */
  hasLocalChanges(): boolean {
    const { sync } = this.o.store;
    return (
      sync.changedRecords(this.position('push-records', ''), 1).length > 0 ||
      sync.ownEvents(Number(this.position('push-events', '0')), 1).length > 0
    );
  }

  /** Whether the vault has changes this store has not pulled (one small query). */
  async hasRemoteChanges(): Promise<boolean> {
    return (await this.o.target.lastSeq()) > Number(this.position('pull', '0'));
  }

  async push(): Promise<PushReport> {
    await this.checkKey();
    const report: PushReport = { records: 0, events: 0, batches: 0 };
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
    let next = this.sealEvents(Number(this.position('push-events', '0')));
    while (next) {
      const current = next;
      const sending = target.push(current.sealed);
      // Seal the next batch while the server writes this one.
      next = this.sealEvents(current.lastSeq);
      await sending;
      store.sync.setPosition(this.o.remoteName, 'push-events', String(current.lastSeq));
      report.events += current.sealed.length;
      report.batches += 1;
      this.o.onProgress?.({ phase: 'push-events', done: report.events });
    }
    await this.audit('push', { ...report });
    return report;
  }

  /** The next batch of this machine's events after journal position `after`, sealed. */
  private sealEvents(after: number): { sealed: SealedRecord[]; lastSeq: number } | null {
    const events = this.o.store.sync.ownEvents(after, this.batch);
    if (events.length === 0) return null;
    const { key, vault } = this.o;
    const sealed = events.map(({ event }) => {
      const id = eventId(event.id);
      const ciphertext = seal(key, { vault, kind: 'event', id }, toBytes(event));
      return {
        id,
        machine: this.machine,
        kind: 'event',
        hlc: event.hlc,
        tombstone: false,
        ciphertext,
      };
    });
    return { sealed, lastSeq: events.at(-1)!.seq };
  }

  /**
   * Whether this machine wrote to the record. One it only pulled is on the server already, in
   * the versions of the machines that wrote it; sending it back would only repeat them.
   */
  private contributed(e: SyncEntry): boolean {
    return e.state.vv[this.machine] !== undefined;
  }

  private sealEntry(e: SyncEntry) {
    const id = this.remoteId(e);
    return {
      id,
      machine: this.machine,
      kind: e.kind,
      hlc: e.state.hlc,
      tombstone: e.state.deleted,
      ciphertext: seal(this.o.key, { vault: this.o.vault, kind: e.kind, id }, toBytes(e)),
    };
  }

  /**
   * A record's id on the server: a keyed hash, since some ids carry names (a project's key is
   * its repository, a fact's id its key). Every machine with the vault key computes the same.
   */
  private remoteId(e: { kind: string; id: string }): string {
    const mac = createHmac('sha256', this.o.key).update(`${e.kind}\0${e.id}`);
    return `${e.kind}:${mac.digest('base64url').slice(0, 32)}`;
  }

  async pull(): Promise<PullReport> {
    await this.checkKey();
    const report: PullReport = { records: 0, events: 0, conflicts: 0, batches: 0 };
    const { store, target, key, vault } = this.o;
    let fetching = target.pull(Number(this.position('pull', '0')), this.batch, this.machine);
    for (;;) {
      const rows = await fetching;
      if (rows.length === 0) break;
      // Fetch the next batch while this one is opened and applied; if applying fails, the
      // fetched batch is dropped and its error (if any) is not the one to report.
      fetching = target.pull(rows.at(-1)!.seq, this.batch, this.machine);
      fetching.catch(() => undefined);
      // Open everything before writing anything: one bad record stops the batch whole.
      const items: PulledItem[] = rows.map((r) => {
        const body = JSON.parse(
          open(key, { vault, kind: r.kind, id: r.id }, r.ciphertext).toString('utf8'),
        ) as JsonObject;
        return r.kind === 'event'
          ? { type: 'event', event: body as unknown as EventEntry }
          : { type: 'record', entry: body as unknown as SyncEntry };
      });
      store.transaction(() => {
        const plan = planPull(items, (keys) => store.sync.states(keys), openConflicts(store));
        store.sync.applyRecords(plan.write);
        store.sync.addConflicts(plan.conflicts);
        for (const id of plan.settled) store.sync.settleConflict(id, 'superseded');
        const applied = store.sync.applyEvents(plan.events);
        store.sync.setPosition(this.o.remoteName, 'pull', String(rows.at(-1)!.seq));
        report.records += plan.write.length;
        report.events += applied.inserted;
        report.conflicts += plan.conflicts.length;
      });
      report.batches += 1;
      this.o.onProgress?.({ phase: 'pull', done: report.records + report.events });
    }
    await this.audit('pull', { ...report });
    return report;
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

function toBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function openConflicts(store: Store): (recordId: string) => SyncConflict[] {
  return (recordId) => store.sync.conflicts({ open: true, recordId });
}

function countOwnEvents(store: Store, after: number): number {
  return store.sync.countOwnEvents(after);
}
