// The project a working directory belongs to. Transcripts from other machines name folders that
// do not exist here; those become `path:` projects rather than being matched against whatever
// repository happens to enclose a same-named path on this machine.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { identifyProject } from '../git/index.js';
import type { ProjectIdentity } from '../git/index.js';
import type { Store } from '../store/index.js';

export function identityForCwd(cwd: string): ProjectIdentity {
  if (existsSync(cwd)) return identifyProject(cwd);
  return { key: `path:${cwd}`, root: cwd, remoteUrl: null, name: basename(cwd) || cwd };
}

/** Project ids by folder, remembered for one import or hook run. */
export class ProjectCache {
  private readonly ids = new Map<string, string>();

  constructor(private readonly store: Store) {}

  idFor(cwd: string | null): string | null {
    if (cwd === null || cwd === '') return null;
    let id = this.ids.get(cwd);
    if (id === undefined) {
      id = this.store.projects.ensure(identityForCwd(cwd)).id;
      this.ids.set(cwd, id);
    }
    return id;
  }
}
