// What every command needs, made on demand: the store (opened once, closed at exit), the project
// the command is about, and the output channels.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BatonError } from '../core/index.js';
import type { Project } from '../core/index.js';
import { identifyProject } from '../git/index.js';
import { SqliteStore, resolveHome, storePath } from '../store/index.js';
import type { Store } from '../store/index.js';
import type * as Operations from '../operations/index.js';
import { createOutput } from './output.js';
import type { Output } from './output.js';
import type { World } from './world.js';

/** The memory map of a command that reads much of the store: the whole file, up to 2 GiB. */
const MMAP_MIB = 2048;

export class CliContext {
  readonly out: Output;
  private opened: Store | undefined;

  /**
   * `operations`: how the operations door is loaded when a command needs it after all (the
   * mirrors' refresh); `baton search`'s small entry loads it from its own file.
   */
  constructor(
    readonly world: World,
    private readonly operations: () => Promise<typeof Operations> = () =>
      import('../operations/index.js'),
  ) {
    this.out = createOutput(world);
  }

  get home(): string {
    return resolveHome(this.world.env);
  }

  get now(): number {
    return this.world.clock.now();
  }

  /**
   * The store, opened on first use. `readsMuch`: the command reads much of a large store once and
   * exits (search), so the file is read through a memory map (see SqliteStoreOptions.mmapMiB).
   */
  store(options: { readsMuch?: boolean } = {}): Store {
    const timeout = Number(this.world.env.BATON_BUSY_TIMEOUT_MS);
    this.opened ??= SqliteStore.open({
      path: storePath(this.home),
      clock: this.world.clock,
      ...(timeout > 0 && { busyTimeoutMs: timeout }),
      ...(options.readsMuch && { mmapMiB: MMAP_MIB }),
    });
    return this.opened;
  }

  /** Uses an already-open store (quickstart's throw-away one, tests). */
  useStore(store: Store): void {
    this.opened = store;
  }

  /**
   * The project a command is about: `--project` (a folder, id, key or name), else the project of
   * the current folder.
   */
  project(flag?: string): Project {
    const store = this.store();
    if (flag !== undefined) {
      const found = store.projects.get(flag);
      if (found) return found;
      const path = resolve(this.world.cwd, flag);
      if (existsSync(path) && statSync(path).isDirectory()) {
        return store.projects.ensure(identifyProject(path));
      }
      throw new BatonError('NOT_FOUND', `no project "${flag}"`, {
        hint: 'give a folder, or a name from `baton project list`',
      });
    }
    return store.projects.ensure(identifyProject(this.world.cwd));
  }

  /**
   * After a command: projects with the mirror on get their `.baton/STATE.md` rewritten if what
   * it shows changed. A failure here is reported and never undoes the command.
   */
  async refreshMirrors(): Promise<void> {
    const store = this.opened;
    const on = store?.getSetting('mirror.projects');
    if (!store || !Array.isArray(on) || on.length === 0) return;
    try {
      const { refreshMirrors } = await this.operations();
      refreshMirrors(store, this.now);
    } catch (error) {
      this.out.error(`baton: the mirror was not updated: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.opened?.close();
    this.opened = undefined;
  }
}
