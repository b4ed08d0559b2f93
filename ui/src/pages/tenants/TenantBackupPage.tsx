import { Card, Empty } from '@oceanbase/design';
import { useParams } from 'react-router-dom';
import { useCall } from '../../ipc/query';
import { PageHeader } from '../../layout/PageHeader';

// The page's content (overview card, recoverable period, task tabs) needs the
// connector and engine; until they exist it says plainly that nothing is cached.
export function TenantBackupPage() {
  const { tenantId } = useParams();
  const tenant = useCall('get_tenant', { tenantId: Number(tenantId) });
  return (
    <>
      <PageHeader title="Backup and Recovery" />
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={`No backup or recovery data for ${tenant.data?.name ?? 'this tenant'} in the local cache.`}
        />
      </Card>
    </>
  );
}
