import { Card, Select, Space, Tabs, Typography } from '@oceanbase/design';
import { useState } from 'react';
import { useCall } from '../../ipc/query';
import { PageHeader } from '../../layout/PageHeader';
import { DataBackupTasks, RecoveryTasks } from '../backup/TaskTabs';

/** Every cluster's backup and recovery tasks from the cache, with the tenant pages' filters. */
export function TaskCenterPage() {
  const clusters = useCall('list_clusters', {});
  const [clusterId, setClusterId] = useState<number | null>(null);
  const scope = { clusterId, obTenantId: null };
  return (
    <>
      <PageHeader title="Backup & Recovery" />
      <Card>
        <Space className="tenant-selector">
          <Typography.Text>Cluster</Typography.Text>
          <Select
            aria-label="Cluster"
            style={{ width: 240 }}
            allowClear
            placeholder="All clusters"
            value={clusterId}
            onChange={(v: number | null | undefined) => setClusterId(v ?? null)}
            options={(clusters.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Space>
        <Tabs
          items={[
            { key: 'data', label: 'Data Backup Tasks', children: <DataBackupTasks key={`d-${clusterId}`} scope={scope} /> },
            { key: 'recovery', label: 'Recovery Tasks', children: <RecoveryTasks key={`r-${clusterId}`} scope={scope} /> },
          ]}
        />
      </Card>
    </>
  );
}
