// When a bundle's copy of better-sqlite3 12's JavaScript may stand in for the installed package:
// only beside the same version with its addon opened by path; otherwise the package is required.
import { describe, expect, it } from 'vitest';
import { Database, nativeBinding, usableCopy } from './driver.js';
import type { BundledSqlite } from './driver.js';

const copy: BundledSqlite = { version: '12.11.1', load: () => Database };
const addon = '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

describe('usableCopy', () => {
  it('takes the copy beside the same version with the addon opened by path', () => {
    expect(usableCopy(copy, () => '12.11.1', addon)).toBe(copy);
  });

  it('leaves another version, an unreadable version, a missing addon or no copy alone', () => {
    expect(usableCopy(copy, () => '12.12.0', addon)).toBeUndefined();
    expect(usableCopy(copy, () => undefined, addon)).toBeUndefined();
    expect(usableCopy(copy, () => '12.11.1', undefined)).toBeUndefined();
    expect(usableCopy(undefined, () => '12.11.1', addon)).toBeUndefined();
  });

  it('does not read the installed version without a copy to compare', () => {
    let asked = 0;
    usableCopy(undefined, () => String(++asked), addon);
    expect(asked).toBe(0);
  });
});

describe('the driver', () => {
  it('opens a store with the addon it found', () => {
    const db = new Database(':memory:', { ...(nativeBinding !== undefined && { nativeBinding }) });
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });
});
