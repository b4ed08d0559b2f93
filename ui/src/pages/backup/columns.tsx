// The task tables' columns: one list each, read by the tables and the tests.
import { Button, Progress, Space, Tag, Tooltip, Typography } from '@oceanbase/design';
import type { TableColumnsType } from '@oceanbase/design';
import type { BackupTaskRow, RestoreSortKey, RestoreTaskRow, TaskSource, TaskState } from '../../ipc/bindings';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { formatInstant } from '../../time/format';
import { BACKUP_METHOD, backupTypeLabel, TASK_STATE } from './labels';
import { GuardedButton } from './GuardedButton';

/** A time cell; `nowrap` where the table has room for the whole line. */
function time(micros: number | null, zone: string, nowrap = false) {
  return micros === null ? (
    <Typography.Text type="secondary">-</Typography.Text>
  ) : (
    <span className={nowrap ? 'nowrap' : undefined}>{formatInstant(micros, zone)}</span>
  );
}


export function StateTag({ state, raw }: { state: TaskState; raw: string }) {
  const t = useT();
  const look = TASK_STATE[state];
  return (
    <Tooltip title={t('columns.obStatus', { status: raw })}>
      <Tag color={look.color}>{state === 'unknown' ? raw : t(look.label)}</Tag>
    </Tooltip>
  );
}

/** The seed's Recovery Tasks columns, in its order, with the column each sorts by (titles are i18n keys). */
export const RESTORE_COLUMN_TITLES: readonly { title: MessageKey; sort?: RestoreSortKey }[] = [
  { title: 'columns.id', sort: 'id' },
  { title: 'columns.backupCluster' },
  { title: 'columns.backupTenant' },
  { title: 'columns.targetCluster' },
  { title: 'columns.targetTenant' },
  { title: 'columns.startTime', sort: 'startTime' },
  { title: 'columns.endTime', sort: 'endTime' },
  { title: 'columns.status' },
  { title: 'columns.backupMethod' },
  { title: 'columns.recoveryTime', sort: 'recoveryTime' },
  { title: 'columns.storageDirectory' },
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
  /** Offered on a completed restore whose tenant `standby` says still waits as a standby. */
  onActivate?: (row: RestoreTaskRow) => void;
  standby?: (row: RestoreTaskRow) => boolean;
  /** Why the row's cluster cannot be acted on now (offline, imported); `null` when it can. */
  unavailable?: (clusterId: number) => string | null;
}

export function restoreColumns(
  t: Translate,
  zone: string,
  sorting: Sorting,
  actions: RestoreActions | ((row: RestoreTaskRow) => void),
): TableColumnsType<RestoreTaskRow> {
  const act: RestoreActions = typeof actions === 'function' ? { onViewCause: actions } : actions;
  const cells: Partial<Record<MessageKey, (r: RestoreTaskRow) => React.ReactNode>> = {
    'columns.id': (r) => r.job.jobId,
    'columns.backupCluster': (r) => r.job.backupClusterName,
    'columns.backupTenant': (r) => r.job.backupTenantName,
    'columns.targetCluster': (r) => r.targetCluster,
    'columns.targetTenant': (r) => r.job.restoreTenantName,
    'columns.startTime': (r) => time(r.job.start, zone),
    'columns.endTime': (r) => time(r.job.finish, zone),
    'columns.status': (r) => <StateTag state={r.state} raw={r.job.status} />,
    'columns.backupMethod': (r) => t(BACKUP_METHOD[r.backupMethod]),
    'columns.recoveryTime': (r) => time(r.recoveryTime, zone),
    // Already redacted by the connector: credentials never reach the cache.
    'columns.storageDirectory': (r) => (
      <Typography.Text ellipsis={{ tooltip: r.job.backupDest }} style={{ maxWidth: 200 }}>
        {r.job.backupDest}
      </Typography.Text>
    ),
  };
  const columns: TableColumnsType<RestoreTaskRow> = RESTORE_COLUMN_TITLES.map((c) => ({
    title: t(c.title),
    key: c.sort ?? c.title,
    render: (_: unknown, r: RestoreTaskRow) => cells[c.title]!(r),
    sorter: c.sort !== undefined,
    sortDirections: ['descend', 'ascend', 'descend'],
    sortOrder: c.sort !== undefined && c.sort === sorting.key ? (sorting.ascending ? 'ascend' : 'descend') : null,
  }));
  columns.push({
    title: t('columns.actions'),
    key: 'actions',
    fixed: 'right',
    render: (_: unknown, r: RestoreTaskRow) =>
      r.state === 'failed' ? (
        <span className="nowrap">
          <Button type="link" size="small" onClick={() => act.onViewCause(r)}>
            {t('columns.viewCause')}
          </Button>
          {act.onRetry && (
            <GuardedButton type="link" size="small" reason={act.unavailable?.(r.clusterId) ?? null} onClick={() => act.onRetry!(r)}>
              {t('columns.retry')}
            </GuardedButton>
          )}
          {act.onCleanUp && (
            <GuardedButton type="link" size="small" reason={act.unavailable?.(r.clusterId) ?? null} onClick={() => act.onCleanUp!(r)}>
              {t('columns.cleanUp')}
            </GuardedButton>
          )}
        </span>
      ) : r.state === 'inProgress' && act.onCancel ? (
        <GuardedButton type="link" size="small" reason={act.unavailable?.(r.clusterId) ?? null} danger onClick={() => act.onCancel!(r)}>
          {t('columns.cancel')}
        </GuardedButton>
      ) : r.state === 'completed' && act.onActivate && act.standby?.(r) ? (
        <GuardedButton type="link" size="small" reason={act.unavailable?.(r.clusterId) ?? null} onClick={() => act.onActivate!(r)}>
          {t('activate.action')}
        </GuardedButton>
      ) : null,
  });
  return columns;
}

/** Who started a backup job: the seed's Task Source (i18n keys). */
export const TASK_SOURCE: Record<TaskSource, MessageKey> = {
  manual: 'labels.taskSource.manual',
  scheduled: 'labels.taskSource.scheduled',
  outsideTheDesk: 'labels.taskSource.outsideTheDesk',
};

/** The Data Backup Tasks columns; `withScope` adds cluster and tenant (cluster level, task center). */
export function backupColumns(
  t: Translate,
  zone: string,
  withScope: { cluster: boolean; tenant: boolean },
  onViewCause: (row: BackupTaskRow) => void,
  onCancel?: (row: BackupTaskRow) => void,
  unavailable?: (clusterId: number) => string | null,
): TableColumnsType<BackupTaskRow> {
  const columns: TableColumnsType<BackupTaskRow> = [
    { title: t('columns.id'), key: 'id', render: (_, r) => r.job.jobId },
    { title: t('columns.taskSource'), key: 'source', render: (_, r) => t(TASK_SOURCE[r.source]) },
  ];
  if (withScope.cluster) columns.push({ title: t('columns.cluster'), key: 'cluster', render: (_, r) => r.clusterName });
  if (withScope.tenant)
    columns.push({
      title: t('columns.tenant'),
      key: 'tenant',
      // A cluster-level job is the parent of its tenants' jobs, run from sys.
      render: (_, r) =>
        r.job.jobLevel === 'CLUSTER' ? (
          <Typography.Text type="secondary">{t('columns.wholeCluster')}</Typography.Text>
        ) : (
          (r.tenantName ?? <Typography.Text type="secondary">{t('columns.tenantId', { id: r.job.tenantId })}</Typography.Text>)
        ),
    });
  columns.push(
    { title: t('columns.backupMethod'), key: 'type', render: (_, r) => backupTypeLabel(r.job.backupType, t) },
    { title: t('columns.backupSetId'), key: 'set', render: (_, r) => r.job.backupSetId },
    { title: t('columns.startTime'), key: 'start', render: (_, r) => time(r.job.start, zone, true) },
    { title: t('columns.endTime'), key: 'end', render: (_, r) => time(r.job.end, zone, true) },
    {
      title: t('columns.status'),
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
      title: t('columns.actions'),
      key: 'actions',
      render: (_, r) =>
        r.state === 'failed' ? (
          <Button type="link" size="small" onClick={() => onViewCause(r)}>
            {t('columns.viewCause')}
          </Button>
        ) : r.state === 'inProgress' && onCancel && r.tenantName ? (
          <GuardedButton type="link" size="small" reason={unavailable?.(r.clusterId) ?? null} danger onClick={() => onCancel(r)}>
            {t('columns.cancel')}
          </GuardedButton>
        ) : null,
    },
  );
  return columns;
}
