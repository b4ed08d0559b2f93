import { Card, Empty, Table, Tag, Tooltip, Typography } from '@oceanbase/design';
import type { TableColumnsType } from '@oceanbase/design';
import { Link } from 'react-router-dom';
import type { Cluster } from '../../ipc/bindings';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { SandboxTag } from '../../layout/SandboxTag';
import { useSettings } from '../../settings/SettingsProvider';
import { formatAge, formatInstant, nowMicros } from '../../time/format';

function columns(zone: string): TableColumnsType<Cluster> {
  return [
    {
      title: 'Cluster Name',
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          <Link to={`/clusters/${c.id}/backup`}>{name}</Link> {c.sandbox && <SandboxTag />}
        </>
      ),
    },
    { title: 'Address', render: (_, c) => `${c.host}:${c.port}` },
    { title: 'Version', dataIndex: 'version', render: (v: string | null) => v ?? <Typography.Text type="secondary">unknown</Typography.Text> },
    { title: 'Tenants', dataIndex: 'tenantCount', align: 'right' },
    {
      title: 'Last Refreshed',
      dataIndex: 'lastSyncedAt',
      render: (at: number | null) =>
        at === null ? (
          <Typography.Text type="secondary">never</Typography.Text>
        ) : (
          <div>
            <div>{formatInstant(at, zone)}</div>
            <Typography.Text type="secondary">{formatAge(at, nowMicros())}</Typography.Text>
          </div>
        ),
    },
    {
      title: 'Sync',
      dataIndex: 'lastError',
      render: (err: string | null) =>
        err ? (
          <Tooltip title={err}>
            <Tag color="error">Last sync failed</Tag>
          </Tooltip>
        ) : (
          <Tag color="success">Synced</Tag>
        ),
    },
  ];
}

export function ClustersPage() {
  const { timeZone } = useSettings();
  const clusters = useCall('list_clusters', {});
  return (
    <>
      <PageHeader title="Clusters" />
      {clusters.error && <IpcErrorAlert error={clusters.error} />}
      <Card>
        {clusters.data && clusters.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No clusters in the local cache. Turn the built-in sandbox on in Settings to explore with emulated clusters; connecting to your own clusters is not available in this build yet." />
        ) : (
          <Table<Cluster> rowKey="id" loading={clusters.isLoading} columns={columns(timeZone)} dataSource={clusters.data} pagination={false} />
        )}
      </Card>
    </>
  );
}
