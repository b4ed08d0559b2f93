import type { AppStatus, Cluster, Settings, Tenant } from '../ipc/bindings';

export const settings: Settings = {
  timeZone: 'Asia/Shanghai',
  language: 'en-US',
  sandbox: true,
  notices: { taskCompleted: true, taskFailed: true, strategyAlerts: true },
};
export const status: AppStatus = { version: '0.1.0', cache: { kind: 'ready', path: '/data/cache.sqlite3' } };

export function tenant(id: number, name: string, clusterName = 'ob-hangzhou'): Tenant {
  return {
    id,
    clusterId: 1,
    clusterName,
    sandbox: false,
    obTenantId: 1000 + id,
    name,
    tenantType: 'USER',
    status: 'NORMAL',
    role: 'PRIMARY',
    logMode: 'ARCHIVELOG',
    unitNum: 1,
  };
}

export const cluster: Cluster = {
  id: 1,
  name: 'ob-hangzhou',
  host: '10.1.2.3',
  port: 2881,
  sandbox: false,
  version: '4.3.5.3',
  lastSyncedAt: Date.UTC(2026, 10, 24, 0, 0, 0) * 1000,
  lastError: null,
  tenantCount: 2,
  importedFrom: null,
};
