import { useState } from 'react';
import { Card, Empty, Input, Table, Typography } from '@oceanbase/design';
import type { TableColumnsType } from '@oceanbase/design';
import { Link } from 'react-router-dom';
import type { Tenant } from '../../ipc/bindings';
import { useT, type Translate } from '../../i18n';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { SandboxTag } from '../../layout/SandboxTag';
import { useSettings } from '../../settings/SettingsProvider';
import { filterTenants } from './filter';
import { StatusTag, StatusWords } from '../../layout/StatusTag';
import { LOG_MODE, TENANT_ROLE, TENANT_STATUS, TENANT_TYPE } from '../backup/labels';
import { ImportedMark } from '../backup/ImportedMark';

function columns(t: Translate): TableColumnsType<Tenant> {
  return [
    {
      title: t('tenants.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/tenants/${row.id}/overview`}>{name}</Link>,
    },
    {
      title: t('common.cluster'),
      dataIndex: 'clusterName',
      render: (name: string, row) => (
        <>
          {name} {row.sandbox && <SandboxTag />}
          {row.importedFrom && <ImportedMark label={row.importedFrom} />}
        </>
      ),
    },
    { title: t('tenants.type'), dataIndex: 'tenantType', render: (v: string) => <StatusWords table={TENANT_TYPE} value={v} /> },
    { title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag table={TENANT_STATUS} value={v} /> },
    { title: t('tenants.role'), dataIndex: 'role', render: (v: string) => <StatusWords table={TENANT_ROLE} value={v} /> },
    { title: t('tenants.logMode'), dataIndex: 'logMode', render: (v: string) => <StatusWords table={LOG_MODE} value={v} /> },
    { title: t('tenants.units'), dataIndex: 'unitNum', align: 'right' },
  ];
}

export function TenantsEmpty() {
  const { sandbox } = useSettings();
  const t = useT();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div className="empty-text">
          <Typography.Text strong>{t('tenants.empty')}</Typography.Text>
          <Typography.Paragraph type="secondary">
            {sandbox ? t('tenants.emptySandboxOn') : t('tenants.emptySandboxOff')}
          </Typography.Paragraph>
          {!sandbox && <Link to="/settings">{t('tenants.openSettings')}</Link>}
        </div>
      }
    />
  );
}

export function TenantsPage() {
  const t = useT();
  const tenants = useCall('list_tenants', { clusterId: null });
  const [query, setQuery] = useState('');
  const rows = filterTenants(tenants.data ?? [], query);
  return (
    <>
      <PageHeader title={t('tenants.title')} />
      {tenants.error && <IpcErrorAlert error={tenants.error} />}
      <Card>
        {tenants.data && tenants.data.length === 0 ? (
          <TenantsEmpty />
        ) : (
          <>
            <Input.Search
              allowClear
              placeholder={t('tenants.search')}
              style={{ width: 320, marginBottom: 16 }}
              onChange={(e) => setQuery(e.target.value)}
            />
            <Table<Tenant> rowKey="id" loading={tenants.isLoading} columns={columns(t)} dataSource={rows} pagination={{ pageSize: 20 }} />
          </>
        )}
      </Card>
    </>
  );
}
