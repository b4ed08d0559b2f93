import { Card, Descriptions, Tag } from '@oceanbase/design';
import { useParams } from 'react-router-dom';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';

export function TenantOverviewPage() {
  const { tenantId } = useParams();
  const tenant = useCall('get_tenant', { tenantId: Number(tenantId) });
  const t = tenant.data;
  return (
    <>
      <PageHeader title="Tenant Overview" />
      {tenant.error && <IpcErrorAlert error={tenant.error} />}
      {t && (
        <Card title="Basic Information">
          <Descriptions column={3}>
            <Descriptions.Item label="Tenant Name">{t.name}</Descriptions.Item>
            <Descriptions.Item label="Cluster">{t.clusterName}</Descriptions.Item>
            <Descriptions.Item label="Tenant ID">{t.obTenantId}</Descriptions.Item>
            <Descriptions.Item label="Tenant Type">{t.tenantType}</Descriptions.Item>
            <Descriptions.Item label="Status">
              <Tag color={t.status === 'NORMAL' ? 'success' : 'processing'}>{t.status}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="Role">{t.role}</Descriptions.Item>
            <Descriptions.Item label="Log Mode">{t.logMode}</Descriptions.Item>
            <Descriptions.Item label="Units">{t.unitNum}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
}
