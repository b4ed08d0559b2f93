import type { CacheStatus } from '../ipc/bindings';
import { i18n, type Translate } from '../i18n';

export interface CacheNotice {
  tag: string;
  color: 'success' | 'warning' | 'error';
  /** A banner over every page, when the user must know. */
  banner?: { type: 'warning' | 'error'; title: string; detail: string };
}

/** How the top bar and the banner describe the cache (the shell's own message stays as it wrote it). */
export function describeCache(status: CacheStatus, t: Translate = i18n.t): CacheNotice {
  switch (status.kind) {
    case 'ready':
      return { tag: t('cache.ready'), color: 'success' };
    case 'recovered':
      return {
        tag: t('cache.rebuilt'),
        color: 'warning',
        banner: {
          type: 'warning',
          title: t('cache.rebuiltTitle'),
          detail: t('cache.rebuiltDetail', { path: status.setAside, damage: status.damage }),
        },
      };
    case 'readOnlyNewerSchema':
      return {
        tag: t('cache.readOnly'),
        color: 'warning',
        banner: {
          type: 'warning',
          title: t('cache.readOnlyTitle'),
          detail: t('cache.readOnlyDetail', { found: status.found, supported: status.supported }),
        },
      };
    case 'readOnlyFile':
      return {
        tag: t('cache.readOnly'),
        color: 'warning',
        banner: {
          type: 'warning',
          title: t('cache.readOnlyFileTitle'),
          detail: t('cache.readOnlyFileDetail', { path: status.path }),
        },
      };
    case 'unavailable':
      return {
        tag: t('cache.unavailable'),
        color: 'error',
        banner: {
          type: 'error',
          title: t('cache.unavailableTitle'),
          detail: t('cache.unavailableDetail', { message: status.message }),
        },
      };
  }
}
