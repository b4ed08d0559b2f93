// One list per navigation: the menus, the routes' paths and the tests read these.
export interface NavEntry {
  key: string;
  path: string;
  label: string;
}

export const CONSOLE_NAV: readonly NavEntry[] = [
  { key: 'tenants', path: '/tenants', label: 'Tenants' },
  { key: 'clusters', path: '/clusters', label: 'Clusters' },
  { key: 'tasks', path: '/backup-recovery', label: 'Backup & Recovery' },
  { key: 'settings', path: '/settings', label: 'Settings' },
];

/** The tenant detail's own left navigation; paths are relative to the tenant. */
export const TENANT_NAV: readonly NavEntry[] = [
  { key: 'overview', path: 'overview', label: 'Overview' },
  { key: 'backup', path: 'backup', label: 'Backup and Recovery' },
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
