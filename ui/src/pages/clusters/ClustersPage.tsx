import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from '@oceanbase/design';
import { Link } from 'react-router-dom';
import type { Cluster } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { ConnectionDialog } from './ConnectionDialog';
import { ExchangeButtons } from './ExchangeButtons';
import { SandboxFaults } from './SandboxFaults';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { SandboxTag } from '../../layout/SandboxTag';
import { useSettings } from '../../settings/SettingsProvider';
import { formatAge, formatInstant, nowMicros } from '../../time/format';

function columns(zone: string, edit: (c: Cluster) => void, remove: (c: Cluster) => void): TableColumnsType<Cluster> {
  return [
    {
      title: 'Cluster Name',
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          <Link to={`/clusters/${c.id}/backup`}>{name}</Link> {c.sandbox && <SandboxTag />}
          {c.importedFrom && (
            <Tooltip title="History imported from an export file: read-only, never synced or acted on.">
              <Tag color="purple">Imported · {c.importedFrom}</Tag>
            </Tooltip>
          )}
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
      render: (err: string | null, c) =>
        c.importedFrom ? (
          <Tag>Not synced</Tag>
        ) : err ? (
          <Tooltip title={err}>
            <Tag color="error">
              Offline, last refreshed {c.lastSyncedAt === null ? 'never' : `${formatInstant(c.lastSyncedAt, zone)} (${formatAge(c.lastSyncedAt, nowMicros())})`}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="success">Synced</Tag>
        ),
    },
    {
      title: 'Actions',
      key: 'actions',
      // Stays in view when the window is narrower than the table.
      fixed: 'right',
      render: (_, c) =>
        c.sandbox ? (
          <SandboxFaults cluster={c} />
        ) : (
          <Space size={0}>
            {!c.importedFrom && (
              <Button type="link" size="small" onClick={() => edit(c)}>
                Edit
              </Button>
            )}
            <Popconfirm
              title="Remove this cluster and its cached history from the desk? The cluster itself is not changed."
              onConfirm={() => remove(c)}
            >
              <Button type="link" size="small" danger>
                Remove
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];
}

export function ClustersPage() {
  const { timeZone } = useSettings();
  const clusters = useCall('list_clusters', {});
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<{ cluster?: number } | null>(null);
  const refresh = () => void client.invalidateQueries();
  const remove = async (c: Cluster) => {
    try {
      await call('remove_cluster', { cluster: c.id });
      message.success(`${c.name} removed`);
      refresh();
    } catch (e) {
      message.error((e as { message: string }).message);
    }
  };
  return (
    <>
      <PageHeader
        title="Clusters"
        extra={
          <Space>
            <ExchangeButtons />
            <Button type="primary" onClick={() => setDialog({})}>
              Add Cluster
            </Button>
          </Space>
        }
      />
      {dialog && <ConnectionDialog open cluster={dialog.cluster} onClose={() => setDialog(null)} onSaved={refresh} />}
      {clusters.error && <IpcErrorAlert error={clusters.error} />}
      <Card>
        {clusters.data && clusters.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No clusters in the local cache. Add Cluster connects to one of yours; the built-in sandbox (Settings) gives emulated clusters to explore." />
        ) : (
          <Table<Cluster> rowKey="id" loading={clusters.isLoading} columns={columns(timeZone, (c) => setDialog({ cluster: c.id }), remove)} dataSource={clusters.data} pagination={false} scroll={{ x: 'max-content' }} />
        )}
      </Card>
    </>
  );
}
