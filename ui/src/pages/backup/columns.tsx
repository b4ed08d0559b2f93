// The task tables' columns: one list each, read by the tables and the tests.
import { Button, Progress, Space, Tag, Tooltip, Typography } from '@oceanbase/design';
import type { TableColumnsType } from '@oceanbase/design';
import type { BackupTaskRow, RestoreSortKey, RestoreTaskRow, TaskSource, TaskState } from '../../ipc/bindings';
import { formatInstant } from '../../time/format';
import { BACKUP_METHOD, backupTypeLabel, TASK_STATE } from './labels';

/** A time cell; `nowrap` where the table has room for the whole line. */
function time(micros: number | null, zone: string, nowrap = false) {
  return micros === null ? (
    <Typography.Text type="secondary">-</Typography.Text>
  ) : (
    <span className={nowrap ? 'nowrap' : undefined}>{formatInstant(micros, zone)}</span>
  );
}

export function StateTag({ state, raw }: { state: TaskState; raw: string }) {
  const look = TASK_STATE[state];
  return (
    <Tooltip title={`OceanBase status: ${raw}`}>
      <Tag color={look.color}>{state === 'unknown' ? raw : look.label}</Tag>
    </Tooltip>
  );
}

/** The seed's Recovery Tasks columns, in its order, with the column each sorts by. */
export const RESTORE_COLUMN_TITLES: readonly { title: string; sort?: RestoreSortKey }[] = [
  { title: 'ID', sort: 'id' },
  { title: 'Backup Cluster' },
  { title: 'Backup Tenant' },
  { title: 'Target Cluster' },
  { title: 'Target Tenant' },
  { title: 'Start Time', sort: 'startTime' },
  { title: 'End Time', sort: 'endTime' },
  { title: 'Status' },
  { title: 'Backup Method' },
  { title: 'Recovery Time', sort: 'recoveryTime' },
  { title: 'Storage Directory' },
];

export interface Sorting {
  key: RestoreSortKey;
  ascending: boolean;
}

/** What a task row's actions do (the tables wire them to the engine's operations). */
export interface RestoreActions {
  onViewCause: (row: RestoreTaskRow) => void;
  onRetry?: (row: RestoreTaskRow) => void;
  onCleanUp?: (row: RestoreTaskRow) => void;
  onCancel?: (row: RestoreTaskRow) => void;
}

export function restoreColumns(
  zone: string,
  sorting: Sorting,
  actions: RestoreActions | ((row: RestoreTaskRow) => void),
): TableColumnsType<RestoreTaskRow> {
  const act: RestoreActions = typeof actions === 'function' ? { onViewCause: actions } : actions;
  const cells: Record<string, (r: RestoreTaskRow) => React.ReactNode> = {
    ID: (r) => r.job.jobId,
    'Backup Cluster': (r) => r.job.backupClusterName,
    'Backup Tenant': (r) => r.job.backupTenantName,
    'Target Cluster': (r) => r.targetCluster,
    'Target Tenant': (r) => r.job.restoreTenantName,
    'Start Time': (r) => time(r.job.start, zone),
    'End Time': (r) => time(r.job.finish, zone),
    Status: (r) => <StateTag state={r.state} raw={r.job.status} />,
    'Backup Method': (r) => BACKUP_METHOD[r.backupMethod],
    'Recovery Time': (r) => time(r.recoveryTime, zone),
    // Already redacted by the connector: credentials never reach the cache.
    'Storage Directory': (r) => (
      <Typography.Text ellipsis={{ tooltip: r.job.backupDest }} style={{ maxWidth: 200 }}>
        {r.job.backupDest}
      </Typography.Text>
    ),
  };
  const columns: TableColumnsType<RestoreTaskRow> = RESTORE_COLUMN_TITLES.map((c) => ({
    title: c.title,
    key: c.sort ?? c.title,
    render: (_: unknown, r: RestoreTaskRow) => cells[c.title](r),
    sorter: c.sort !== undefined,
    sortDirections: ['descend', 'ascend', 'descend'],
    sortOrder: c.sort !== undefined && c.sort === sorting.key ? (sorting.ascending ? 'ascend' : 'descend') : null,
  }));
  columns.push({
    title: 'Actions',
    key: 'actions',
    fixed: 'right',
    render: (_: unknown, r: RestoreTaskRow) =>
      r.state === 'failed' ? (
        <span className="nowrap">
          <Button type="link" size="small" onClick={() => act.onViewCause(r)}>
            View Cause
          </Button>
          {act.onRetry && (
            <Button type="link" size="small" onClick={() => act.onRetry!(r)}>
              Retry
            </Button>
          )}
          {act.onCleanUp && (
            <Button type="link" size="small" onClick={() => act.onCleanUp!(r)}>
              Clean Up
            </Button>
          )}
        </span>
      ) : r.state === 'inProgress' && act.onCancel ? (
        <Button type="link" size="small" danger onClick={() => act.onCancel!(r)}>
          Cancel
        </Button>
      ) : null,
  });
  return columns;
}

/** Who started a backup job: the seed's Task Source. */
export const TASK_SOURCE: Record<TaskSource, string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  outsideTheDesk: 'Outside the desk',
};

/** The Data Backup Tasks columns; `withScope` adds cluster and tenant (cluster level, task center). */
export function backupColumns(
  zone: string,
  withScope: { cluster: boolean; tenant: boolean },
  onViewCause: (row: BackupTaskRow) => void,
  onCancel?: (row: BackupTaskRow) => void,
): TableColumnsType<BackupTaskRow> {
  const columns: TableColumnsType<BackupTaskRow> = [
    { title: 'ID', key: 'id', render: (_, r) => r.job.jobId },
    { title: 'Task Source', key: 'source', render: (_, r) => TASK_SOURCE[r.source] },
  ];
  if (withScope.cluster) columns.push({ title: 'Cluster', key: 'cluster', render: (_, r) => r.clusterName });
  if (withScope.tenant)
    columns.push({
      title: 'Tenant',
      key: 'tenant',
      // A cluster-level job is the parent of its tenants' jobs, run from sys.
      render: (_, r) =>
        r.job.jobLevel === 'CLUSTER' ? (
          <Typography.Text type="secondary">Whole cluster</Typography.Text>
        ) : (
          (r.tenantName ?? <Typography.Text type="secondary">{`tenant ${r.job.tenantId}`}</Typography.Text>)
        ),
    });
  columns.push(
    { title: 'Backup Method', key: 'type', render: (_, r) => backupTypeLabel(r.job.backupType) },
    { title: 'Backup Set ID', key: 'set', render: (_, r) => r.job.backupSetId },
    { title: 'Start Time', key: 'start', render: (_, r) => time(r.job.start, zone, true) },
    { title: 'End Time', key: 'end', render: (_, r) => time(r.job.end, zone, true) },
    {
      title: 'Status',
      key: 'status',
      render: (_, r) =>
        r.progressPermille === null ? (
          <StateTag state={r.state} raw={r.job.status} />
        ) : (
          <Space direction="vertical" size={0}>
            <StateTag state={r.state} raw={r.job.status} />
            {/* Below 100% until the job ends: the cluster's own data-phase figure, as of the last sync. */}
            <Progress size="small" style={{ width: 120 }} percent={Math.floor(r.progressPermille / 10)} status="active" />
          </Space>
        ),
    },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, r) =>
        r.state === 'failed' ? (
          <Button type="link" size="small" onClick={() => onViewCause(r)}>
            View Cause
          </Button>
        ) : r.state === 'inProgress' && onCancel && r.tenantName ? (
          <Button type="link" size="small" danger onClick={() => onCancel(r)}>
            Cancel
          </Button>
        ) : null,
    },
  );
  return columns;
}
