// The task tabs' lists: data backup tasks, log backup (archive pieces), recovery tasks.
import { useCallback, useMemo, useState } from 'react';
import { useUnavailable } from './reach';
import { GuardedButton } from './GuardedButton';
import { App as AntApp, Modal, Space, Table, Tag, Typography } from '@oceanbase/design';
import type { IpcError, LogBackupRow, RestoreSortKey, TaskQuery, Words } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { said, useT, type MessageKey } from '../../i18n';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { useSettings } from '../../settings/SettingsProvider';
import { nowMicros } from '../../time/format';
import { TimeCell } from '../../time/TimeCell';
import { backupColumns, RESTORE_COLUMN_TITLES, RESTORE_ROW_COLUMNS, restoreColumns, type Sorting } from './columns';
import { ColumnChooser, FIT_TABLE, fitColumns, type TaskColumn } from './fit';
import { KeysetPager, usePages } from './KeysetPager';
import { FILE_STATUS, formatLatency, isStandby, PIECE_STATUS } from './labels';
import { StatusTag } from '../../layout/StatusTag';
import { NO_FILTER, TaskFilters, type FilterState } from './TaskFilters';
import { presetRange } from './timeFilter';
import { useNow } from './useNow';
import { AccessKeysDialog, asksForKeys } from './AccessKeys';

export interface Scope {
  clusterId: number | null;
  obTenantId: number | null;
  /** The task center's "Show imported history"; live pages never list imported rows. */
  includeImported?: boolean;
}

const PAGE_SIZE = 20;

/** A status in words, OceanBase's own value on hover; an unknown value as written. */
/** OceanBase's own words on why a task failed. */
function CauseModal({ cause, onClose }: { cause: { title: string; text: string } | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={cause !== null} title={cause?.title} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
      <Typography.Paragraph copyable>{cause?.text || t('tasks.noCause')}</Typography.Paragraph>
    </Modal>
  );
}

/** Filters, sort and page as one state: changing a filter or the sort starts again at page 1. */
function useListState(initialSort: Sorting) {
  const [filters, setFilters] = useState<FilterState>(NO_FILTER);
  const [sorting, setSorting] = useState<Sorting>(initialSort);
  const pages = usePages();
  // The preset's range is fixed when chosen, so a live refresh re-reads the same range.
  const [range, setRange] = useState(presetRange('all', nowMicros()));
  return {
    filters,
    sorting,
    pages,
    range,
    setFilters: (next: FilterState) => {
      setFilters(next);
      setRange(presetRange(next.preset, nowMicros(), next.custom));
      pages.reset();
    },
    setSorting: (next: Sorting) => {
      setSorting(next);
      pages.reset();
    },
  };
}

export function RecoveryTasks({ scope }: { scope: Scope }) {
  const { timeZone } = useSettings();
  const t = useT();
  const list = useListState({ key: 'startTime', ascending: false });
  const [cause, setCause] = useState<{ title: string; text: string } | null>(null);
  const query: TaskQuery = {
    clusterId: scope.clusterId,
    obTenantId: scope.obTenantId,
    states: list.filters.states,
    from: list.range.from,
    to: list.range.to,
    sort: list.sorting.key,
    ascending: list.sorting.ascending,
    after: list.pages.after,
    limit: PAGE_SIZE,
    includeImported: scope.includeImported ?? false,
  };
  const page = useCall('restore_task_page', { query }, { keepPrevious: true });
  // Which restored tenants still wait as standbys (the row's Activate).
  const tenants = useCall('list_tenants', { clusterId: scope.clusterId });
  const act = useConfirmedAction();
  const { message } = AntApp.useApp();
  const [keysFor, setKeysFor] = useState<{ clusterId: number; jobId: number; asked: Words } | null>(null);
  const unavailable = useUnavailable();
  // Every cluster's tasks (the task center): job ids repeat across clusters, so the
  // target cluster takes the backup tenant's place in the row (1280 px holds one of them).
  const [inRow, setInRow] = useState<readonly MessageKey[]>(
    scope.clusterId === null
      ? [...RESTORE_ROW_COLUMNS.filter((c) => c !== 'columns.backupTenant'), 'columns.targetCluster']
      : RESTORE_ROW_COLUMNS,
  );
  const { columns, expandable } = useMemo(
    () =>
      fitColumns(
        restoreColumns(t, timeZone, list.sorting, {
          unavailable,
          onViewCause: (r) =>
            setCause({ title: t('tasks.restoreCause', { id: r.job.jobId, tenant: r.job.restoreTenantName }), text: r.job.comment }),
          onRetry: (r) =>
            act(
              t('tasks.retryRestore', { id: r.job.jobId }),
              t('columns.retry'),
              () => call('retry_restore', { restore: { cluster: r.clusterId, jobId: r.job.jobId }, accessKeys: null }),
              // The desk holds no keys for that storage: ask for them, for this send only.
              (e) => asksForKeys(e) && (setKeysFor({ clusterId: r.clusterId, jobId: r.job.jobId, asked: e.message }), true),
            ),
          onCleanUp: (r) =>
            act(t('tasks.cleanUpRestore', { id: r.job.jobId, tenant: r.job.restoreTenantName }), t('columns.cleanUp'), () =>
              call('clean_up_restore', { restore: { cluster: r.clusterId, jobId: r.job.jobId } }),
            ),
          onCancel: (r) =>
            act(t('tasks.cancelRestore', { id: r.job.jobId }), t('tasks.cancelTask'), () =>
              call('cancel_restore', { restore: { cluster: r.clusterId, jobId: r.job.jobId } }),
            ),
          standby: (r) =>
            (tenants.data ?? []).some(
              (x) => x.clusterId === r.clusterId && x.name === r.job.restoreTenantName && isStandby(x.role),
            ),
          onActivate: (r) =>
            act(`${t('activate.confirm', { tenant: r.job.restoreTenantName })} ${t('activate.what')}`, t('activate.action'), () =>
              call('activate_tenant', { cluster: r.clusterId, tenant: r.job.restoreTenantName }),
            ),
        }, inRow),
      ),
    [t, timeZone, list.sorting, unavailable, act, tenants.data, inRow],
  );
  return (
    <>
      <div className="task-toolbar">
        <TaskFilters zone={timeZone} value={list.filters} onChange={list.setFilters} />
        <ColumnChooser
          options={RESTORE_COLUMN_TITLES.map((c) => ({ value: c.title, label: t(c.title), disabled: c.keep }))}
          value={[...inRow]}
          onChange={(next) => setInRow(next as MessageKey[])}
        />
      </div>
      {page.error && <IpcErrorAlert error={page.error} />}
      <Table
        rowKey="row"
        size="middle"
        loading={page.isLoading}
        {...FIT_TABLE}
        columns={columns}
        expandable={expandable}
        dataSource={page.data?.rows}
        pagination={false}
        locale={{ emptyText: t('tasks.noRestore') }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = (s?.columnKey as RestoreSortKey | undefined) ?? 'startTime';
          list.setSorting({ key: s?.order ? key : 'startTime', ascending: s?.order === 'ascend' });
        }}
      />
      <KeysetPager pages={list.pages} nextCursor={page.data?.next} />
      <CauseModal cause={cause} onClose={() => setCause(null)} />
      {keysFor && (
        <AccessKeysDialog
          title={t('keys.retryTitle', { id: keysFor.jobId })}
          asked={keysFor.asked}
          run={(accessKeys) =>
            call('retry_restore', { restore: { cluster: keysFor.clusterId, jobId: keysFor.jobId }, accessKeys })
          }
          onDone={(m) => message.success(said(m))}
          onClose={() => setKeysFor(null)}
        />
      )}
    </>
  );
}

export function DataBackupTasks({ scope }: { scope: Scope }) {
  const { timeZone } = useSettings();
  const t = useT();
  const list = useListState({ key: 'startTime', ascending: false });
  const [cause, setCause] = useState<{ title: string; text: string } | null>(null);
  const query: TaskQuery = {
    clusterId: scope.clusterId,
    obTenantId: scope.obTenantId,
    states: list.filters.states,
    from: list.range.from,
    to: list.range.to,
    sort: 'startTime',
    ascending: false,
    after: list.pages.after,
    limit: PAGE_SIZE,
    includeImported: scope.includeImported ?? false,
  };
  const page = useCall('backup_task_page', { query }, { keepPrevious: true });
  const act = useConfirmedAction();
  const unavailable = useUnavailable();
  const { columns, expandable } = useMemo(
    () =>
      fitColumns(
        backupColumns(
          t,
          timeZone,
          { cluster: scope.clusterId === null, tenant: scope.obTenantId === null },
          (r) => setCause({ title: t('tasks.backupCause', { id: r.job.jobId }), text: r.job.comment }),
          (r) =>
            act(t('tasks.cancelBackup', { id: r.job.jobId, tenant: r.tenantName }), t('tasks.cancelTask'), () =>
              call('cancel_backup', { req: { cluster: r.clusterId, tenant: r.tenantName! } }),
            ),
          unavailable,
        ),
      ),
    [t, timeZone, scope.clusterId, scope.obTenantId, unavailable, act],
  );
  return (
    <>
      <TaskFilters zone={timeZone} value={list.filters} onChange={list.setFilters} />
      {page.error && <IpcErrorAlert error={page.error} />}
      <Table
        rowKey={(r) => `${r.clusterId}-${r.job.tenantId}-${r.job.jobId}`}
        size="middle"
        loading={page.isLoading}
        {...FIT_TABLE}
        columns={columns}
        expandable={expandable}
        dataSource={page.data?.rows}
        pagination={false}
        locale={{ emptyText: t('tasks.noBackup') }}
      />
      <KeysetPager pages={list.pages} nextCursor={page.data?.next} />
      <CauseModal cause={cause} onClose={() => setCause(null)} />
    </>
  );
}

/** A tenant's log backup, on or off as its log mode says, with the action that turns it the other way. */
function LogBackupSwitch({ clusterId, obTenantId }: { clusterId: number; obTenantId: number }) {
  const t = useT();
  const tenants = useCall('list_tenants', { clusterId });
  const unavailable = useUnavailable();
  const act = useConfirmedAction();
  const tenant = tenants.data?.find((x) => x.obTenantId === obTenantId);
  if (!tenant) return null;
  const on = tenant.logMode === 'ARCHIVELOG';
  const reason = unavailable(clusterId);
  const label = t(on ? 'tasks.stopLog' : 'tasks.startLog');
  const run = () =>
    act(t(on ? 'tasks.stopLogConfirm' : 'tasks.startLogConfirm', { tenant: tenant.name }), label, () =>
      call('set_log_backup', { req: { cluster: clusterId, tenant: tenant.name }, on: !on }),
    );
  return (
    <Space className="log-switch" style={{ marginBottom: 12 }}>
      <Tag color={on ? 'success' : 'warning'}>{t(on ? 'tasks.logOn' : 'tasks.logOff', { tenant: tenant.name })}</Tag>
      <GuardedButton size="small" danger={on} reason={reason} onClick={run}>
        {label}
      </GuardedButton>
    </Space>
  );
}

/** A tenant's, a cluster's or (clusterId `null`: the task center) every live cluster's log backup. */
export function LogBackupTasks({ clusterId, obTenantId }: { clusterId: number | null; obTenantId: number | null }) {
  const { timeZone } = useSettings();
  const t = useT();
  const now = useNow();
  const rows = useCall('log_backup_tasks', { clusterId, obTenantId });
  // The path is long and unbroken: it shows whole in the row's expansion.
  const { columns, expandable } = fitColumns<LogBackupRow>([
    ...(clusterId === null ? [{ title: t('columns.cluster'), key: 'cluster', render: (r: LogBackupRow) => r.clusterName }] : []),
    ...(obTenantId === null
      ? [{ title: t('columns.tenant'), key: 'tenant', render: (r: LogBackupRow) => r.tenantName ?? r.piece.tenantId }]
      : []),
    { title: t('columns.roundPiece'), key: 'piece', render: (r) => `${r.piece.roundId} / ${r.piece.pieceId}` },
    { title: t('columns.status'), key: 'status', render: (r) => <StatusTag table={PIECE_STATUS} value={r.piece.status} /> },
    { title: t('columns.startedTime'), key: 'start', render: (r) => <TimeCell micros={r.start} zone={timeZone} /> },
    { title: t('columns.lastBackedUp'), key: 'ckpt', render: (r) => <TimeCell micros={r.checkpoint} zone={timeZone} /> },
    {
      title: t('columns.latency'),
      key: 'latency',
      render: (r) => (r.piece.status === 'ACTIVE' && r.checkpoint !== null ? formatLatency(now - r.checkpoint, t) : '-'),
    },
    { title: t('columns.fileStatus'), key: 'file', render: (r) => <StatusTag table={FILE_STATUS} value={r.piece.fileStatus} /> },
    { title: t('columns.storageDirectory'), key: 'path', detail: true, render: (r) => r.piece.path },
  ] satisfies TaskColumn<LogBackupRow>[]);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('tasks.logIntro')}</Typography.Paragraph>
      {clusterId !== null && obTenantId !== null && <LogBackupSwitch clusterId={clusterId} obTenantId={obTenantId} />}
      {rows.error && <IpcErrorAlert error={rows.error} />}
      <Table
        rowKey={(r) => `${r.clusterId}-${r.piece.tenantId}-${r.piece.roundId}-${r.piece.pieceId}`}
        size="middle"
        loading={rows.isLoading}
        {...FIT_TABLE}
        columns={columns}
        expandable={expandable}
        dataSource={rows.data}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('tasks.noLog') }}
      />
    </>
  );
}

/**
 * Asks, runs an operation, and says what the engine answered (its refusal in its own words).
 * The confirming button says what it does (`verb`: "Cancel Task", "Retry"), the other one
 * "Back": "Cancel" / "OK" under "Cancel backup task 32?" reads both ways.
 */
function useConfirmedAction() {
  const { modal, message } = AntApp.useApp();
  const t = useT();
  // Stable while the language is, so the columns built from it are not rebuilt each render.
  return useCallback(
    (question: string, verb: string, run: () => Promise<{ message: Words }>, handled?: (e: IpcError) => boolean) =>
      modal.confirm({
        title: question,
        // The app's modal sits above the language's ConfigProvider: name its buttons here.
        okText: verb,
        cancelText: t('common.back'),
        onOk: async () => {
          try {
            message.success(said((await run()).message));
          } catch (e) {
            if (!handled?.(e as IpcError)) message.error(said((e as IpcError).message));
          }
        },
      }),
    [modal, message, t],
  );
}
