import { Card, Descriptions } from '@oceanbase/design';
import { useParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { StatusTag, StatusWords } from '../../layout/StatusTag';
import { LOG_MODE, TENANT_ROLE, TENANT_STATUS, TENANT_TYPE } from '../backup/labels';

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
          <Descriptions
            column={3}
            items={[
              { key: 'name', label: tr('tenants.name'), children: t.name },
              { key: 'cluster', label: tr('common.cluster'), children: t.clusterName },
              { key: 'id', label: tr('tenants.id'), children: t.obTenantId },
              { key: 'type', label: tr('tenants.type'), children: <StatusWords table={TENANT_TYPE} value={t.tenantType} /> },
              { key: 'status', label: tr('common.status'), children: <StatusTag table={TENANT_STATUS} value={t.status} /> },
              { key: 'role', label: tr('tenants.role'), children: <StatusWords table={TENANT_ROLE} value={t.role} /> },
              { key: 'logMode', label: tr('tenants.logMode'), children: <StatusWords table={LOG_MODE} value={t.logMode} /> },
              { key: 'units', label: tr('tenants.units'), children: t.unitNum },
            ]}
          />
        </Card>
      )}
    </>
  );
}
