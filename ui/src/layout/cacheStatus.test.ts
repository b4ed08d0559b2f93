import { describe, expect, it } from 'vitest';
import { describeCache } from './cacheStatus';

describe('cache status', () => {
  it('is quiet when the cache is ready', () => {
    const n = describeCache({ kind: 'ready', path: '/d/cache.sqlite3' });
    expect(n.tag).toBe('Cache ready');
    expect(n.banner).toBeUndefined();
  });

  it('says where a damaged cache was kept', () => {
    const n = describeCache({ kind: 'recovered', path: '/d/c', setAside: '/d/c.damaged-20261124T000000Z', damage: 'file is not a database' });
    expect(n.color).toBe('warning');
    expect(n.banner?.detail).toContain('/d/c.damaged-20261124T000000Z');
  });

  it('explains a read-only cache with both schema numbers', () => {
    const n = describeCache({ kind: 'readOnlyNewerSchema', path: '/d/c', found: 4, supported: 1 });
    expect(n.tag).toBe('Cache read-only');
    expect(n.banner?.detail).toContain('version 4');
    expect(n.banner?.detail).toContain('up to 1');
  });

  it('says a read-only cache file cannot be updated and names it', () => {
    const n = describeCache({ kind: 'readOnlyFile', path: '/d/cache.sqlite3' });
    expect(n.color).toBe('warning');
    expect(n.banner?.title).toContain('read-only');
    expect(n.banner?.detail).toContain('/d/cache.sqlite3');
  });

  it('is an error when the cache cannot be opened', () => {
    const n = describeCache({ kind: 'unavailable', path: '/d/c', message: 'database is locked' });
    expect(n.color).toBe('error');
    expect(n.banner?.detail).toContain('database is locked');
  });
});
