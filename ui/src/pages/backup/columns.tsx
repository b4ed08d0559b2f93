// The task tables' columns: one list each, read by the tables and the tests.
import { Button, Typography } from '@oceanbase/design';
import type { BackupTaskRow, RestoreSortKey, RestoreTaskRow, TaskSource, Words } from '../../ipc/bindings';
import { useCall } from '../../ipc/query';
import { useSaid, useT, type MessageKey, type Translate } from '../../i18n';
import { TimeCell } from '../../time/TimeCell';
import { BACKUP_METHOD, backupTypeLabel, formatLatency } from './labels';
import { nowMicros } from '../../time/format';
import { GuardedButton } from './GuardedButton';
import { TaskProgress } from './TaskProgress';
import { TaskId } from './ImportedMark';
import type { TaskColumn } from './fit';

/**
 * The seed's Recovery Tasks columns, in its order, with the column each sorts by
 * (titles are i18n keys). `detail` ones show when a row is expanded unless chosen
 * for the row, so that the rest, Status and Actions with them, fit a 1280 px window
 * in either language; Status (`keep`) never leaves the row.
 */
export const RESTORE_COLUMN_TITLES: readonly { title: MessageKey; sort?: RestoreSortKey; detail?: true; keep?: true }[] = [
  { title: 'columns.id', sort: 'id' },
  { title: 'columns.backupCluster', detail: true },
  { title: 'columns.backupTenant' },
  { title: 'columns.targetCluster', detail: true },
  { title: 'columns.targetTenant' },
  { title: 'columns.startTime', sort: 'startTime' },
  { title: 'columns.endTime', sort: 'endTime' },
  { title: 'columns.status', keep: true },
  { title: 'columns.backupMethod', detail: true },
  { title: 'columns.recoveryTime', sort: 'recoveryTime', detail: true },
  { title: 'columns.storageDirectory', detail: true },
];

/** The Recovery Tasks columns a row shows until a person chooses others. */
export const RESTORE_ROW_COLUMNS: readonly MessageKey[] = RESTORE_COLUMN_TITLES.filter((c) => !c.detail).map((c) => c.title);

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

/**
 * A failed restore's actions. Retry and Clean Up are each checked against the cluster as
 * their click would be (nothing is sent) and disabled with the reason where they cannot
 * act: a pool that is gone, nothing left behind, a job restored again since.
 */
function FailedRestoreButtons({ row: r, act }: { row: RestoreTaskRow; act: RestoreActions }) {
  const t = useT();
  const said = useSaid();
  const offline = act.unavailable?.(r.clusterId) ?? null;
  const checked = useCall(
    'failed_restore_actions',
    { restore: { cluster: r.clusterId, jobId: r.job.jobId } },
    { enabled: offline === null && Boolean(act.onRetry || act.onCleanUp) },
  );
  // Not yet checked, or the check could not reach the cluster: the click says what happens.
  const why = (w: Words | null | undefined) => offline ?? (w ? said(w) : null);
  return (
    <span className="nowrap">
      <Button type="link" size="small" onClick={() => act.onViewCause(r)}>
        {t('columns.viewCause')}
      </Button>
      {act.onRetry && (
        <GuardedButton type="link" size="small" reason={why(checked.data?.retry)} onClick={() => act.onRetry!(r)}>
          {t('columns.retry')}
        </GuardedButton>
      )}
      {act.onCleanUp && (
        <GuardedButton type="link" size="small" reason={why(checked.data?.cleanUp)} onClick={() => act.onCleanUp!(r)}>
          {t('columns.cleanUp')}
        </GuardedButton>
      )}
    </span>
  );
}

export function restoreColumns(
  t: Translate,
  zone: string,
  sorting: Sorting,
  actions: RestoreActions | ((row: RestoreTaskRow) => void),
  inRow: readonly MessageKey[] = RESTORE_ROW_COLUMNS,
): TaskColumn<RestoreTaskRow>[] {
  const act: RestoreActions = typeof actions === 'function' ? { onViewCause: actions } : actions;
  const cells: Partial<Record<MessageKey, (r: RestoreTaskRow) => React.ReactNode>> = {
    'columns.id': (r) => <TaskId id={r.job.jobId} importedFrom={r.importedFrom} />,
    'columns.backupCluster': (r) => r.job.backupClusterName,
    'columns.backupTenant': (r) => r.job.backupTenantName,
    'columns.targetCluster': (r) => r.targetCluster,
    'columns.targetTenant': (r) => r.job.restoreTenantName,
    'columns.startTime': (r) => <TimeCell micros={r.job.start} zone={zone} />,
    'columns.endTime': (r) => <TimeCell micros={r.job.finish} zone={zone} />,
    // A running restore's phase and figures, as of the last sync.
    'columns.status': (r) => <TaskProgress state={r.state} status={r.job.status} progress={r.progress} />,
    'columns.backupMethod': (r) => t(BACKUP_METHOD[r.backupMethod]),
    'columns.recoveryTime': (r) => <TimeCell micros={r.recoveryTime} zone={zone} />,
    // Already redacted by the connector: credentials never reach the cache. Whole in the
    // row's expansion, where it wraps.
    'columns.storageDirectory': (r) => r.job.backupDest,
  };
  const columns: TaskColumn<RestoreTaskRow>[] = RESTORE_COLUMN_TITLES.map((c) => ({
    title: t(c.title),
    key: c.sort ?? c.title,
    detail: !c.keep && !inRow.includes(c.title),
    render: cells[c.title]!,
    sorter: c.sort !== undefined,
    sortDirections: ['descend', 'ascend', 'descend'],
    sortOrder: c.sort !== undefined && c.sort === sorting.key ? (sorting.ascending ? 'ascend' : 'descend') : null,
  }));
  columns.push({
    title: t('columns.actions'),
    key: 'actions',
    fixed: 'right',
    // As wide as its buttons, in whichever language: they never wrap.
    render: (r: RestoreTaskRow) =>
      r.state === 'failed' ? (
        <FailedRestoreButtons row={r} act={act} />
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

/**
 * The Data Backup Tasks columns; `withScope` adds cluster and tenant (cluster level,
 * task center). With the cluster's column too, Task Source and Backup Set ID show
 * when a row is expanded, so that the rest fit a 1280 px window.
 */
export function backupColumns(
  t: Translate,
  zone: string,
  withScope: { cluster: boolean; tenant: boolean },
  onViewCause: (row: BackupTaskRow) => void,
  onCancel?: (row: BackupTaskRow) => void,
  unavailable?: (clusterId: number) => string | null,
): TaskColumn<BackupTaskRow>[] {
  const crowded = withScope.cluster;
  const columns: TaskColumn<BackupTaskRow>[] = [
    { title: t('columns.id'), key: 'id', render: (r) => <TaskId id={r.job.jobId} importedFrom={r.importedFrom} /> },
    { title: t('columns.taskSource'), key: 'source', detail: crowded, render: (r) => t(TASK_SOURCE[r.source]) },
  ];
  if (withScope.cluster) columns.push({ title: t('columns.cluster'), key: 'cluster', render: (r) => r.clusterName });
  if (withScope.tenant)
    columns.push({
      title: t('columns.tenant'),
      key: 'tenant',
      // A cluster-level job is the parent of its tenants' jobs, run from sys.
      render: (r) =>
        r.job.jobLevel === 'CLUSTER' ? (
          <Typography.Text type="secondary">{t('columns.wholeCluster')}</Typography.Text>
        ) : (
          (r.tenantName ?? <Typography.Text type="secondary">{t('columns.tenantId', { id: r.job.tenantId })}</Typography.Text>)
        ),
    });
  columns.push(
    { title: t('columns.backupMethod'), key: 'type', render: (r) => backupTypeLabel(r.job.backupType, t) },
    { title: t('columns.backupSetId'), key: 'set', detail: crowded, render: (r) => r.job.backupSetId },
    { title: t('columns.startTime'), key: 'start', render: (r) => <TimeCell micros={r.job.start} zone={zone} /> },
    { title: t('columns.endTime'), key: 'end', render: (r) => <TimeCell micros={r.job.end} zone={zone} /> },
    // How long it took (or runs so far, as of the last sync): in the row's expansion.
    {
      title: t('columns.duration'),
      key: 'duration',
      detail: true,
      render: (r) => (r.job.start === null ? '-' : formatLatency((r.job.end ?? nowMicros()) - r.job.start, t)),
    },
    {
      title: t('columns.status'),
      key: 'status',
      // A running job's phase and figures, as of the last sync: below 100% until it ends.
      render: (r) => <TaskProgress state={r.state} status={r.job.status} progress={r.progress} />,
    },
    {
      title: t('columns.actions'),
      key: 'actions',
      fixed: 'right',
      render: (r) =>
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
