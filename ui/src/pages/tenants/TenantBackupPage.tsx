import { useParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { BackupHeaderActions, BackupRecoveryView } from '../backup/BackupRecoveryView';

function TenantHeader({ clusterId, obTenantId }: { clusterId: number; obTenantId: number }) {
  const t = useT();
  return <PageHeader title={t('backupPage.title')} extra={<BackupHeaderActions clusterId={clusterId} obTenantId={obTenantId} />} />;
}

/** Tenants -> tenant -> Backup and Recovery: every part reads the local cache. */
export function TenantBackupPage() {
  const { tenantId } = useParams();
  const tr = useT();
  const tenant = useCall('get_tenant', { tenantId: Number(tenantId) });
  const t = tenant.data;
  return (
    <>
      {!t && <PageHeader title={tr('backupPage.title')} />}
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
