import { Select, Space, Typography } from '@oceanbase/design';
import { useParams, useSearchParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { SandboxTag } from '../../layout/SandboxTag';
import { BackupHeaderActions, BackupRecoveryView } from '../backup/BackupRecoveryView';

function ClusterHeader({ clusterId, obTenantId, name, sandbox }: { clusterId: number; obTenantId: number | null; name: string; sandbox: boolean }) {
  const t = useT();
  return (
    <PageHeader
      title={t('backupPage.titleCluster', { cluster: name })}
      extra={
        <Space>
          {sandbox && <SandboxTag />}
          <BackupHeaderActions clusterId={clusterId} obTenantId={obTenantId} />
        </Space>
      }
    />
  );
}

/** Clusters -> cluster -> Backup and Recovery, with a tenant selector (none = all tenants). */
export function ClusterBackupPage() {
  const { clusterId } = useParams();
  const t = useT();
  const id = Number(clusterId);
  const [search, setSearch] = useSearchParams();
  const obTenantId = search.get('tenant') === null ? null : Number(search.get('tenant'));
  const clusters = useCall('list_clusters', {});
  const tenants = useCall('list_tenants', { clusterId: id });
  const cluster = clusters.data?.find((c) => c.id === id);
  return (
    <>
      {clusters.error && <IpcErrorAlert error={clusters.error} />}
      {cluster && (
        <>
          <ClusterHeader clusterId={id} obTenantId={obTenantId} name={cluster.name} sandbox={cluster.sandbox} />
          <Space className="tenant-selector">
            <Typography.Text>{t('backupPage.tenant')}</Typography.Text>
            <Select
              aria-label={t('backupPage.tenant')}
              style={{ width: 240 }}
              allowClear
              placeholder={t('backupPage.allTenants')}
              value={obTenantId}
              onChange={(v: number | null | undefined) => setSearch(v === null || v === undefined ? {} : { tenant: String(v) })}
              options={(tenants.data ?? []).map((x) => ({ value: x.obTenantId, label: x.name }))}
            />
          </Space>
          <BackupRecoveryView key={`${id}-${obTenantId ?? 'all'}`} clusterId={id} obTenantId={obTenantId} />
        </>
      )}
    </>
  );
}
