import { useState } from 'react';
import { Card, Empty, Input, Table, Tag, Typography } from '@oceanbase/design';
import type { TableColumnsType } from '@oceanbase/design';
import { Link } from 'react-router-dom';
import type { Tenant } from '../../ipc/bindings';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { SandboxTag } from '../../layout/SandboxTag';
import { useSettings } from '../../settings/SettingsProvider';
import { filterTenants } from './filter';

const COLUMNS: TableColumnsType<Tenant> = [
  {
    title: 'Tenant Name',
    dataIndex: 'name',
    render: (name: string, t) => <Link to={`/tenants/${t.id}/overview`}>{name}</Link>,
  },
  {
    title: 'Cluster',
    dataIndex: 'clusterName',
    render: (name: string, t) => (
      <>
        {name} {t.sandbox && <SandboxTag />}
      </>
    ),
  },
  { title: 'Tenant Type', dataIndex: 'tenantType' },
  {
    title: 'Status',
    dataIndex: 'status',
    render: (s: string) => <Tag color={s === 'NORMAL' ? 'success' : 'processing'}>{s}</Tag>,
  },
  { title: 'Role', dataIndex: 'role' },
  { title: 'Log Mode', dataIndex: 'logMode' },
  { title: 'Units', dataIndex: 'unitNum', align: 'right' },
];

export function TenantsEmpty() {
  const { sandbox } = useSettings();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div className="empty-text">
          <Typography.Text strong>No tenants in the local cache</Typography.Text>
          <Typography.Paragraph type="secondary">
            {sandbox
              ? 'The built-in sandbox is starting its emulated clusters; their tenants appear here as soon as they are synchronized.'
              : 'Tenants are listed from the local cache, which fills when a cluster is synchronized. The built-in sandbox is off: turn it on in Settings to explore the console with emulated clusters. Connecting to your own clusters is not available in this build yet.'}
          </Typography.Paragraph>
          {!sandbox && <Link to="/settings">Open Settings</Link>}
        </div>
      }
    />
  );
}

export function TenantsPage() {
  const tenants = useCall('list_tenants', { clusterId: null });
  const [query, setQuery] = useState('');
  const rows = filterTenants(tenants.data ?? [], query);
  return (
    <>
      <PageHeader title="Tenants" />
      {tenants.error && <IpcErrorAlert error={tenants.error} />}
      <Card>
        {tenants.data && tenants.data.length === 0 ? (
          <TenantsEmpty />
        ) : (
          <>
            <Input.Search
              allowClear
              placeholder="Search by tenant or cluster name"
              style={{ width: 320, marginBottom: 16 }}
              onChange={(e) => setQuery(e.target.value)}
            />
            <Table<Tenant> rowKey="id" loading={tenants.isLoading} columns={COLUMNS} dataSource={rows} pagination={{ pageSize: 20 }} />
          </>
        )}
      </Card>
    </>
  );
}
