// Watches the folders that hold transcripts (and the spool) and calls `changed` soon after
// anything in them changes, at most once per `debounceMs`. Platform watchers miss events
// (network file systems, folders created after the watch began), so the daemon also polls; this
// only makes the common case fast. The set of folders is replaced as transcripts appear.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';

export interface FolderWatch {
  watchOnly(folders: readonly string[]): void;
  close(): void;
}

export function watchFolders(changed: () => void, debounceMs = 100): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | null = null;
  const poke = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      changed();
    }, debounceMs);
  };
  return {
    watchOnly(folders) {
      const wanted = new Set(folders);
      for (const [folder, w] of watchers) {
        if (wanted.has(folder)) continue;
        w.close();
        watchers.delete(folder);
      }
      for (const folder of wanted) {
        if (watchers.has(folder)) continue;
        try {
          const w = watch(folder, { persistent: false }, poke);
          w.on('error', () => {
            w.close();
            watchers.delete(folder);
          });
          watchers.set(folder, w);
        } catch {
          // Gone or unreadable: the poll still covers it.
        }
      }
    },
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
