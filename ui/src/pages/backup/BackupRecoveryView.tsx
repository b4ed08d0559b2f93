// The Backup and Recovery page's body, for one tenant or a whole cluster:
// header actions, overview card, recoverable period, and the task tabs.
import { useState } from 'react';
import { RetryNow } from '../clusters/RetryNow';
import { Alert, App as AntApp, Card, Space, Tabs } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import { useCall } from '../../ipc/query';
import { call } from '../../ipc/client';
import type { IpcError } from '../../ipc/bindings';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { OverviewCard } from './OverviewCard';
import { PeriodChart } from './PeriodChart';
import { DataBackupTasks, LogBackupTasks, RecoveryTasks } from './TaskTabs';
import { BackupNowDialog } from './BackupNowDialog';
import { InitiateRecoveryDialog } from './InitiateRecoveryDialog';
import { StrategyCard } from './StrategyCard';
import { StrategyDialog } from './StrategyDialog';
import { GuardedButton } from './GuardedButton';
import { isStandby } from './labels';
import { isOffline, lastRefreshed, unavailableReason } from './reach';
import { useSaid, useT } from '../../i18n';
import { useSettings } from '../../settings/SettingsProvider';
import { nowMicros } from '../../time/format';

export interface HeaderAction {
  label: string;
  /** Why it is disabled; `null` when it can be used. */
  reason: string | null;
  onClick?: () => void;
}

function Action({ action, primary }: { action: HeaderAction; primary?: boolean }) {
  return (
    <GuardedButton type={primary ? 'primary' : 'default'} reason={action.reason} onClick={action.onClick}>
      {action.label}
    </GuardedButton>
  );
}

/**
 * The header's buttons with the seed's words, each enabled or disabled with its
 * reason, and the dialogs they open.
 */
export function BackupHeaderActions({ clusterId, obTenantId }: { clusterId: number; obTenantId: number | null }) {
  const head = useCall('backup_page_head', { clusterId, obTenantId });
  const clusters = useCall('list_clusters', {});
  const tenants = useCall('list_tenants', { clusterId });
  const clusterStrategy = useCall('effective_strategy', { cluster: clusterId, obTenantId: null });
  const client = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [open, setOpen] = useState<'tenant' | 'cluster' | 'recovery' | 'strategy' | null>(null);
  const cluster = clusters.data?.find((c) => c.id === clusterId);
  const tenant = tenants.data?.find((x) => x.obTenantId === obTenantId);
  const refusals = head.data?.refusals;
  const t = useT();
  const said = useSaid();
  const { timeZone } = useSettings();
  // Until the cache answers, nothing is offered: a click must not beat the version gate.
  const imported = head.data ? unavailableReason(cluster, timeZone, nowMicros(), t) : t('offline.reading');
  const clusterRecord = clusterStrategy.data?.inherited === false ? clusterStrategy.data.record : undefined;
  const refresh = () => void client.invalidateQueries();

  const recovery: HeaderAction = {
    label: t('backupPage.initiateRecovery'),
    reason:
      imported ??
      (obTenantId === null ? t('backupPage.chooseTenant') : refusals?.initiateRecovery ? said(refusals.initiateRecovery) : null),
    onClick: () => setOpen('recovery'),
  };
  const actions: HeaderAction[] = [recovery];
  if (obTenantId !== null) {
    actions.push({ label: t('backupPage.backupNow'), reason: imported ?? (refusals?.backupNow ? said(refusals.backupNow) : null), onClick: () => setOpen('tenant') });
  }
  actions.push({ label: t('backupPage.backupNowCluster'), reason: imported, onClick: () => setOpen('cluster') });
  // A restored tenant waits as a standby until the operator makes it a primary.
  if (tenant && isStandby(tenant.role)) {
    actions.push({
      label: t('activate.action'),
      reason: imported,
      onClick: () =>
        modal.confirm({
          title: t('activate.confirm', { tenant: tenant.name }),
          content: t('activate.what'),
          okText: t('activate.action'),
          cancelText: t('common.cancel'),
          onOk: async () => {
            try {
              message.success(said((await call('activate_tenant', { cluster: clusterId, tenant: tenant.name })).message));
              refresh();
            } catch (e) {
              message.error(said((e as IpcError).message));
            }
          },
        }),
    });
  }
  actions.push({
    label: clusterRecord ? t('backupPage.editStrategyCluster') : t('backupPage.addStrategyCluster'),
    reason: imported,
    onClick: () => setOpen('strategy'),
  });

  return (
    <Space>
      {actions.map((a, i) => (
        <Action key={a.label} action={a} primary={i === 0} />
      ))}
      {cluster && open === 'tenant' && tenant && (
        <BackupNowDialog open cluster={cluster} tenant={tenant} onClose={() => { setOpen(null); refresh(); }} />
      )}
      {cluster && open === 'cluster' && <BackupNowDialog open cluster={cluster} onClose={() => { setOpen(null); refresh(); }} />}
      {cluster && open === 'recovery' && tenant && (
        <InitiateRecoveryDialog
          open
          cluster={cluster}
          tenant={tenant}
          onClose={() => setOpen(null)}
          onStarted={(m) => {
            message.success(said(m));
            refresh();
          }}
        />
      )}
      {open === 'strategy' && (
        <StrategyDialog
          open
          cluster={clusterId}
          scope={{ level: 'cluster' }}
          existing={clusterRecord}
          onClose={() => setOpen(null)}
          onSaved={() => {
            message.success(t('strategy.saved'));
            refresh();
          }}
        />
      )}
    </Space>
  );
}

function StrategyTab({ clusterId, obTenantId }: { clusterId: number; obTenantId: number | null }) {
  const view = useCall('effective_strategy', { cluster: clusterId, obTenantId });
  const tenants = useCall('list_tenants', { clusterId });
  const clusters = useCall('list_clusters', {});
  const t = useT();
  const { timeZone } = useSettings();
  const cluster = clusters.data?.find((c) => c.id === clusterId);
  // Imported history takes no strategy (an offline cluster's is still edited: it is saved once back).
  const readOnly = cluster?.importedFrom ? unavailableReason(cluster, timeZone, nowMicros(), t) : null;
  const client = useQueryClient();
  const tenant = tenants.data?.find((t) => t.obTenantId === obTenantId);
  if (view.error) return <IpcErrorAlert error={view.error} />;
  if (view.isLoading) return null;
  return (
    <StrategyCard
      cluster={clusterId}
      scope={tenant ? { level: 'tenant', obTenantId: tenant.obTenantId, tenantName: tenant.name } : { level: 'cluster' }}
      view={view.data}
      readOnly={readOnly}
      onChanged={() => void client.invalidateQueries()}
    />
  );
}

export function BackupRecoveryView({ clusterId, obTenantId }: { clusterId: number; obTenantId: number | null }) {
  const head = useCall('backup_page_head', { clusterId, obTenantId });
  const said = useSaid();
  const [period, setPeriod] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const clusters = useCall('list_clusters', {});
  const tenants = useCall('list_tenants', { clusterId });
  const { message } = AntApp.useApp();
  const cluster = clusters.data?.find((c) => c.id === clusterId);
  const tenant = tenants.data?.find((x) => x.obTenantId === obTenantId);
  // Recovering needs a strategy (the seed's rule) and a tenant; the chart offers it only then.
  const t = useT();
  const { timeZone } = useSettings();
  const canRecover =
    head.data?.refusals.initiateRecovery === null &&
    tenant !== undefined &&
    unavailableReason(cluster, timeZone, nowMicros(), t) === null;
  const scope = { clusterId, obTenantId };
  return (
    <>
      {cluster && isOffline(cluster) && (
        <Alert
          className="offline-banner"
          type="warning"
          showIcon
          data-testid="offline-banner"
          message={t('offline.banner', { cluster: cluster.name, at: lastRefreshed(cluster, timeZone, nowMicros(), t) })}
          description={t('offline.bannerDetail', { error: cluster.lastError ? said(cluster.lastError) : '' })}
          action={<RetryNow cluster={cluster} />}
        />
      )}
      {cluster?.importedFrom && (
        <Alert
          className="offline-banner"
          type="info"
          showIcon
          data-testid="imported-banner"
          message={t('imported.readOnly', { label: cluster.importedFrom })}
        />
      )}
      {head.error && <IpcErrorAlert error={head.error} />}
      {tenant && isStandby(tenant.role) && (
        <Alert type="info" showIcon message={t('activate.standby', { tenant: tenant.name })} description={t('activate.what')} />
      )}
      {head.data && <OverviewCard overview={head.data.overview} />}
      <PeriodChart
        clusterId={clusterId}
        obTenantId={obTenantId}
        period={period}
        onPeriod={setPeriod}
        onPick={canRecover ? setPicked : undefined}
      />
      {picked !== null && cluster && tenant && (
        <InitiateRecoveryDialog
          open
          cluster={cluster}
          tenant={tenant}
          at={picked}
          onClose={() => setPicked(null)}
          onStarted={(m) => message.success(said(m))}
        />
      )}
      <Card className="backup-card">
        <Tabs
          items={[
            { key: 'data', label: t('tabs.data'), children: <DataBackupTasks scope={scope} /> },
            { key: 'log', label: t('tabs.log'), children: <LogBackupTasks clusterId={clusterId} obTenantId={obTenantId} /> },
            { key: 'recovery', label: t('tabs.recovery'), children: <RecoveryTasks scope={scope} /> },
            {
              key: 'strategy',
              label: t('tabs.strategy'),
              children: <StrategyTab clusterId={clusterId} obTenantId={obTenantId} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
