import { useParams } from 'react-router-dom';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { BackupHeaderActions, BackupRecoveryView } from '../backup/BackupRecoveryView';

function TenantHeader({ clusterId, obTenantId }: { clusterId: number; obTenantId: number }) {
  return <PageHeader title="Backup and Recovery" extra={<BackupHeaderActions clusterId={clusterId} obTenantId={obTenantId} />} />;
}

/** Tenants -> tenant -> Backup and Recovery: every part reads the local cache. */
export function TenantBackupPage() {
  const { tenantId } = useParams();
  const tenant = useCall('get_tenant', { tenantId: Number(tenantId) });
  const t = tenant.data;
  return (
    <>
      {!t && <PageHeader title="Backup and Recovery" />}
      {tenant.error && <IpcErrorAlert error={tenant.error} />}
      {t && (
        <>
          <TenantHeader clusterId={t.clusterId} obTenantId={t.obTenantId} />
          <BackupRecoveryView key={t.id} clusterId={t.clusterId} obTenantId={t.obTenantId} />
        </>
      )}
    </>
  );
}
