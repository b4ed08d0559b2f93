import { Card, Descriptions, Tag } from '@oceanbase/design';
import { useParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';

export function TenantOverviewPage() {
  const { tenantId } = useParams();
  const tr = useT();
  const tenant = useCall('get_tenant', { tenantId: Number(tenantId) });
  const t = tenant.data;
  return (
    <>
      <PageHeader title={tr('tenants.overview')} />
      {tenant.error && <IpcErrorAlert error={tenant.error} />}
      {t && (
        <Card title={tr('tenants.basicInfo')}>
          <Descriptions column={3}>
            <Descriptions.Item label={tr('tenants.name')}>{t.name}</Descriptions.Item>
            <Descriptions.Item label={tr('common.cluster')}>{t.clusterName}</Descriptions.Item>
            <Descriptions.Item label={tr('tenants.id')}>{t.obTenantId}</Descriptions.Item>
            <Descriptions.Item label={tr('tenants.type')}>{t.tenantType}</Descriptions.Item>
            <Descriptions.Item label={tr('common.status')}>
              <Tag color={t.status === 'NORMAL' ? 'success' : 'processing'}>{t.status}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={tr('tenants.role')}>{t.role}</Descriptions.Item>
            <Descriptions.Item label={tr('tenants.logMode')}>{t.logMode}</Descriptions.Item>
            <Descriptions.Item label={tr('tenants.units')}>{t.unitNum}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
}
