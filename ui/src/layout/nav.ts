// One list per navigation: the menus, the routes' paths and the tests read these.
import type { en } from '../i18n/en';

export interface NavEntry {
  key: string;
  path: string;
  /** The i18n key of its label. */
  label: `nav.${keyof typeof en.nav}`;
}

export const CONSOLE_NAV: readonly NavEntry[] = [
  { key: 'tenants', path: '/tenants', label: 'nav.tenants' },
  { key: 'clusters', path: '/clusters', label: 'nav.clusters' },
  { key: 'tasks', path: '/backup-recovery', label: 'nav.tasks' },
  { key: 'settings', path: '/settings', label: 'nav.settings' },
];

/** The tenant detail's own left navigation; paths are relative to the tenant. */
export const TENANT_NAV: readonly NavEntry[] = [
  { key: 'overview', path: 'overview', label: 'nav.overview' },
  { key: 'backup', path: 'backup', label: 'nav.backup' },
];

/** The console entry whose section contains `pathname`. */
export function activeConsoleEntry(pathname: string): NavEntry | undefined {
  return CONSOLE_NAV.find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
}

/** The tenant entry for a path like `/tenants/7/backup`. */
export function activeTenantEntry(pathname: string): NavEntry | undefined {
  const last = pathname.split('/').filter(Boolean)[2];
  return TENANT_NAV.find((e) => e.path === last);
}
