import { useState } from 'react';
import { RetryNow } from './RetryNow';
import { isOffline } from '../backup/reach';
import { App as AntApp, Badge, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from '@oceanbase/design';
import { Link } from 'react-router-dom';
import type { Cluster, IpcError, Words } from '../../ipc/bindings';
import { said, useT, type Translate } from '../../i18n';
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
import { TimeCell } from '../../time/TimeCell';
import { FIT_TABLE } from '../backup/fit';

function columns(t: Translate, zone: string, edit: (c: Cluster) => void, remove: (c: Cluster) => void): TableColumnsType<Cluster> {
  return [
    {
      title: t('clusters.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          <Link to={`/clusters/${c.id}/backup`}>{name}</Link> {c.sandbox && <SandboxTag />}
          {c.importedFrom && (
            <Tooltip title={t('clusters.importedTip')}>
              <Tag color="purple">{t('clusters.imported', { source: c.importedFrom })}</Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: t('clusters.address'),
      // An imported cluster has no address: it is where its history came from.
      render: (_, c) => (c.importedFrom ? t('imported.host', { label: c.importedFrom }) : `${c.host}:${c.port}`),
    },
    {
      title: t('clusters.version'),
      dataIndex: 'version',
      // The release on one line, its build (the revision OceanBase prints as `r...`) below.
      render: (v: string | null, c) => {
        // An export written before it carried releases says none: the history is imported, not unknown.
        if (v === null)
          return <Typography.Text type="secondary">{c.importedFrom ? t('imported.version') : t('clusters.unknown')}</Typography.Text>;
        const [release, build] = v.split(/-(.*)/s);
        return (
          <div className="cluster-version">
            <div>{release}</div>
            {build && <Typography.Text type="secondary">{`r${build}`}</Typography.Text>}
          </div>
        );
      },
    },
    { title: t('clusters.tenants'), dataIndex: 'tenantCount', align: 'right' },
    {
      title: t('clusters.lastRefreshed'),
      dataIndex: 'lastSyncedAt',
      render: (at: number | null) =>
        at === null ? (
          <Typography.Text type="secondary">{t('clusters.never')}</Typography.Text>
        ) : (
          <div>
            <div>
              <TimeCell micros={at} zone={zone} />
            </div>
            <Typography.Text type="secondary">{formatAge(at, nowMicros(), t)}</Typography.Text>
          </div>
        ),
    },
    {
      title: t('clusters.sync'),
      dataIndex: 'lastError',
      // A badge, not a tag: the offline sentence wraps in the column rather than being cut.
      render: (err: Words | null, c) =>
        c.importedFrom ? (
          <Badge className="sync-state" status="default" text={t('clusters.notSynced')} />
        ) : err ? (
          // The sync error, in the desk's words (a server's own text kept as it wrote it).
          <Tooltip title={said(err)}>
            {/* The tooltip needs an element it can hold a ref to. */}
            <span>
              <Badge
                className="sync-state"
                status="error"
                text={
                  c.lastSyncedAt === null
                    ? t('clusters.offlineNever')
                    : t('clusters.offline', { time: formatInstant(c.lastSyncedAt, zone), age: formatAge(c.lastSyncedAt, nowMicros(), t) })
                }
              />
            </span>
          </Tooltip>
        ) : (
          <Badge className="sync-state" status="success" text={t('clusters.synced')} />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // Stays in view when the window is narrower than the table.
      fixed: 'right',
      render: (_, c) =>
        c.sandbox ? (
          <SandboxFaults cluster={c} />
        ) : (
          <Space size={0}>
            {isOffline(c) && <RetryNow cluster={c} />}
            {!c.importedFrom && (
              <Button type="link" size="small" onClick={() => edit(c)}>
                {t('clusters.edit')}
              </Button>
            )}
            <Popconfirm title={t('connection.removeConfirm')} onConfirm={() => remove(c)}>
              <Button type="link" size="small" danger>
                {t('connection.remove')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];
}

export function ClustersPage() {
  const { timeZone } = useSettings();
  const t = useT();
  const clusters = useCall('list_clusters', {});
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<{ cluster?: number } | null>(null);
  const refresh = () => void client.invalidateQueries();
  const remove = async (c: Cluster) => {
    try {
      await call('remove_cluster', { cluster: c.id });
      message.success(t('clusters.removed', { name: c.name }));
      refresh();
    } catch (e) {
      message.error(said((e as IpcError).message));
    }
  };
  return (
    <>
      <PageHeader
        title={t('clusters.title')}
        extra={
          <Space>
            <ExchangeButtons />
            <Button type="primary" onClick={() => setDialog({})}>
              {t('clusters.add')}
            </Button>
          </Space>
        }
      />
      {dialog && <ConnectionDialog open cluster={dialog.cluster} onClose={() => setDialog(null)} onSaved={refresh} />}
      {clusters.error && <IpcErrorAlert error={clusters.error} />}
      <Card>
        {clusters.data && clusters.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clusters.empty')} />
        ) : (
          <Table<Cluster>
            rowKey="id"
            // As dense as the task tables: the sync state's sentence gets the room.
            size="middle"
            loading={clusters.isLoading}
            columns={columns(t, timeZone, (c) => setDialog({ cluster: c.id }), remove)}
            dataSource={clusters.data}
            pagination={false}
            {...FIT_TABLE}
          />
        )}
      </Card>
    </>
  );
}
