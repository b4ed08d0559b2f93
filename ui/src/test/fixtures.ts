import type { AppStatus, Cluster, RestoreTaskRow, Settings, Tenant } from '../ipc/bindings';

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
    importedFrom: null,
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

/** A recovery task row `id`, Completed or Failed, relative to `now` (UTC micros). */
export function restoreRow(id: number, failed: boolean, now: number): RestoreTaskRow {
  const DAY = 86_400_000_000;
  return {
    row: id,
    clusterId: 1,
    targetCluster: 'ob-hangzhou',
    state: failed ? 'failed' : 'completed',
    backupMethod: 'physical',
    recoveryTime: now - 5 * DAY,
    progress: null,
    importedFrom: null,
    job: {
      tenantId: 2000 + id,
      jobId: id,
      restoreTenantName: `orders_drill_${id}`,
      backupTenantName: 'orders',
      backupClusterName: 'ob-hangzhou',
      backupDest: 'oss://bucket/data?host=h&access_id=***&access_key=***',
      restoreOption: 'pool_list=p',
      restoreScn: 0,
      status: failed ? 'FAIL' : 'SUCCESS',
      phase: '',
      start: now - 4 * DAY,
      finish: now - 4 * DAY + 3_600_000_000,
      backupSetList: '',
      backupPieceList: '',
      totalBytes: 0,
      finishBytes: 0,
      lsCount: 0,
      finishLsCount: 0,
      tabletCount: 0,
      finishTabletCount: 0,
      comment: failed ? '(ret=-4013) No memory or reach tenant memory limit' : '',
      description: '',
      running: false,
    },
  };
}
