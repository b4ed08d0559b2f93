import { Card, Select, Space, Tabs, Typography } from '@oceanbase/design';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { PageHeader } from '../../layout/PageHeader';
import { DataBackupTasks, LogBackupTasks, RecoveryTasks } from '../backup/TaskTabs';

/** Every cluster's backup and recovery tasks from the cache, with the tenant pages' filters. */
export function TaskCenterPage() {
  const t = useT();
  const clusters = useCall('list_clusters', {});
  const [clusterId, setClusterId] = useState<number | null>(null);
  const scope = { clusterId, obTenantId: null };
  return (
    <>
      <PageHeader title={t('tasks.center')} />
      <Card>
        <Space className="tenant-selector">
          <Typography.Text>{t('common.cluster')}</Typography.Text>
          <Select
            aria-label={t('common.cluster')}
            style={{ width: 240 }}
            allowClear
            placeholder={t('tasks.allClusters')}
            value={clusterId}
            onChange={(v: number | null | undefined) => setClusterId(v ?? null)}
            options={(clusters.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Space>
        <Tabs
          items={[
            { key: 'data', label: t('tabs.data'), children: <DataBackupTasks key={`d-${clusterId}`} scope={scope} /> },
            { key: 'log', label: t('tabs.log'), children: <LogBackupTasks key={`l-${clusterId}`} clusterId={clusterId} obTenantId={null} /> },
            { key: 'recovery', label: t('tabs.recovery'), children: <RecoveryTasks key={`r-${clusterId}`} scope={scope} /> },
          ]}
        />
      </Card>
    </>
  );
}
