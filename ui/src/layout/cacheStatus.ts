import type { CacheStatus } from '../ipc/bindings';

export interface CacheNotice {
  tag: string;
  color: 'success' | 'warning' | 'error';
  /** A banner over every page, when the user must know. */
  banner?: { type: 'warning' | 'error'; title: string; detail: string };
}

/** How the top bar and the banner describe the cache. */
export function describeCache(status: CacheStatus): CacheNotice {
  switch (status.kind) {
    case 'ready':
      return { tag: 'Cache ready', color: 'success' };
    case 'recovered':
      return {
        tag: 'Cache rebuilt',
        color: 'warning',
        banner: {
          type: 'warning',
          title: 'The local cache was damaged and has been replaced by a fresh one.',
          detail: `The damaged file was kept at ${status.setAside} (${status.damage}). Pages fill again as clusters are synchronized.`,
        },
      };
    case 'readOnlyNewerSchema':
      return {
        tag: 'Cache read-only',
        color: 'warning',
        banner: {
          type: 'warning',
          title: 'This cache was written by a newer OB Backup Desk; it is open read-only.',
          detail: `Its schema is version ${status.found}; this version knows up to ${status.supported}. Pages show what it holds; changes are refused until the desk is updated.`,
        },
      };
    case 'unavailable':
      return {
        tag: 'Cache unavailable',
        color: 'error',
        banner: {
          type: 'error',
          title: 'The local cache could not be opened.',
          detail: `${status.message}. If another OB Backup Desk is running, close it and restart this one.`,
        },
      };
  }
}
