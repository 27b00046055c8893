// The SyncTarget role: where sealed records meet. It stores ids, kinds, clocks, sizes and
// ciphertext, hands out a per-vault change sequence for incremental pulls and keeps the vault's
// audit trail. It never sees a key or a plaintext.

/** A record as it leaves the machine: one version per (id, machine); events use machine ''. */
export interface SealedRecord {
  id: string;
  machine: string;
  kind: string;
  hlc: string;
  /** The record was forgotten: the target drops every other machine's version of it. */
  tombstone: boolean;
  ciphertext: Buffer;
  /**
   * A pack of events (kind 'events') lists the server ids of the events sealed in it, so that a
   * forgotten event's pack can be found and sealed again without it. Event ids are random.
   */
  ids?: string[] | null;
}

export interface PulledRecord extends SealedRecord {
  /** The vault's change sequence number: pull again after the last one seen. */
  seq: number;
}

export interface VaultKdf {
  /** base64 */
  salt: string;
  N: number;
  r: number;
  p: number;
}

export interface VaultInfo {
  name: string;
  /** A known text sealed under the vault key (see vault-crypto.ts keyCheck). */
  keyCheck: Buffer;
  /** Set when the key comes from a passphrase: how to derive it again. */
  kdf: VaultKdf | null;
}

export interface SyncTarget {
  /** The vault, or null when it was never created on this target. */
  vault(): Promise<VaultInfo | null>;
  /** Creates the vault (and what the target needs for it); an existing one is left as it is. */
  createVault(info: VaultInfo): Promise<void>;
  /** Upserts a batch atomically; a version older than the stored one for its id is ignored. */
  push(records: readonly SealedRecord[]): Promise<{ written: number }>;
  /**
   * Changes after `afterSeq` in sequence order, leaving out the versions `exceptMachine` wrote and
   * blobs (fetched by id when needed): at most `limit` rows, and no more rows once about
   * `maxBytes` of ciphertext is reached (always at least one).
   */
  pull(
    afterSeq: number,
    limit: number,
    exceptMachine: string,
    maxBytes?: number,
  ): Promise<PulledRecord[]>;
  /** The event packs (any machine's) that list one of these event ids. */
  packsHolding(eventIds: readonly string[]): Promise<PulledRecord[]>;
  /** Sealed blobs (chosen files' contents) by id; ids the target does not hold are left out. */
  blobs(ids: readonly string[]): Promise<Map<string, Buffer>>;
  /** The last change sequence number handed out. */
  lastSeq(): Promise<number>;
  audit(machine: string, action: string, detail: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}
