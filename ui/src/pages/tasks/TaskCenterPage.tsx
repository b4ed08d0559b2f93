import { Card, Checkbox, Select, Space, Tabs, Tooltip, Typography } from '@oceanbase/design';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { PageHeader } from '../../layout/PageHeader';
import { DataBackupTasks, LogBackupTasks, RecoveryTasks } from '../backup/TaskTabs';
import { useShowImported } from './showImported';

/**
 * Every live cluster's backup and recovery tasks from the cache, with the tenant pages'
 * filters; imported history only when the operator asks for it, each row marked.
 */
export function TaskCenterPage() {
  const t = useT();
  const clusters = useCall('list_clusters', {});
  const [clusterId, setClusterId] = useState<number | null>(null);
  const [showImported, setShowImported] = useShowImported();
  const offered = (clusters.data ?? []).filter((c) => showImported || c.importedFrom === null);
  // A chosen imported cluster is let go with the imported history it belongs to.
  const chosen = offered.some((c) => c.id === clusterId) ? clusterId : null;
  const scope = { clusterId: chosen, obTenantId: null, includeImported: showImported };
  const key = `${chosen}-${showImported}`;
  return (
    <>
      <PageHeader title={t('tasks.center')} />
      <Card>
        <Space className="tenant-selector" size="large" wrap>
          <Space>
            <Typography.Text>{t('common.cluster')}</Typography.Text>
            <Select
              aria-label={t('common.cluster')}
              style={{ width: 240 }}
              allowClear
              placeholder={t('tasks.allClusters')}
              value={chosen}
              onChange={(v: number | null | undefined) => setClusterId(v ?? null)}
              options={offered.map((c) => ({ value: c.id, label: c.importedFrom ? `${c.name} (${t('imported.mark', { label: c.importedFrom })})` : c.name }))}
            />
          </Space>
          <Tooltip title={t('imported.showHistoryHelp')}>
            <Checkbox checked={showImported} onChange={(e: { target: { checked: boolean } }) => setShowImported(e.target.checked)}>
              {t('imported.showHistory')}
            </Checkbox>
          </Tooltip>
        </Space>
        <Tabs
          items={[
            { key: 'data', label: t('tabs.data'), children: <DataBackupTasks key={`d-${key}`} scope={scope} /> },
            { key: 'log', label: t('tabs.log'), children: <LogBackupTasks key={`l-${chosen}`} clusterId={chosen} obTenantId={null} /> },
            { key: 'recovery', label: t('tabs.recovery'), children: <RecoveryTasks key={`r-${key}`} scope={scope} /> },
          ]}
        />
      </Card>
    </>
  );
}
