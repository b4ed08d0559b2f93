// The Backup and Recovery page's body, for one tenant or a whole cluster:
// header actions, overview card, recoverable period, and the task tabs.
import { useState } from 'react';
import { Button, Card, Empty, Space, Tabs, Tooltip } from '@oceanbase/design';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { OverviewCard } from './OverviewCard';
import { PeriodChart } from './PeriodChart';
import { DataBackupTasks, LogBackupTasks, RecoveryTasks } from './TaskTabs';

/** Why an action the engine does not offer yet is disabled (the lead wires them). */
export const NOT_YET = {
  backup: 'Backups from the desk come with the backup operations, not in this build yet.',
  strategy: 'Backup strategies come with the strategy editor, not in this build yet.',
  recovery: 'Recovery from the desk comes with the restore operations, not in this build yet.',
};

export interface HeaderAction {
  label: string;
  /** Why it is disabled. */
  reason: string;
}

function DisabledAction({ action, primary }: { action: HeaderAction; primary?: boolean }) {
  // A disabled button swallows pointer events: the wrapper carries the tooltip.
  return (
    <Tooltip title={action.reason}>
      <span className="disabled-action" data-reason={action.reason}>
        <Button type={primary ? 'primary' : 'default'} disabled>
          {action.label}
        </Button>
      </span>
    </Tooltip>
  );
}

export function HeaderActions({ actions }: { actions: HeaderAction[] }) {
  return (
    <Space>
      {actions.map((a, i) => (
        <DisabledAction key={a.label} action={a} primary={i === 0} />
      ))}
    </Space>
  );
}

/** The header's buttons: the seed's words at tenant level, the cluster's at cluster level. */
export function useHeaderActions(clusterId: number, obTenantId: number | null): HeaderAction[] {
  const head = useCall('backup_page_head', { clusterId, obTenantId });
  const refusals = head.data?.refusals;
  const recovery = { label: 'Initiate Recovery', reason: refusals?.initiateRecovery ?? NOT_YET.recovery };
  if (obTenantId === null) {
    return [
      recovery,
      { label: 'Backup Now', reason: NOT_YET.backup },
      { label: 'Add Backup Strategy', reason: NOT_YET.strategy },
    ];
  }
  return [
    recovery,
    { label: 'Backup Now', reason: refusals?.backupNow ?? NOT_YET.backup },
    { label: 'Backup Now for Current Cluster', reason: NOT_YET.backup },
    { label: 'Add Backup Strategy for Current Cluster', reason: NOT_YET.strategy },
  ];
}

export function BackupRecoveryView({ clusterId, obTenantId }: { clusterId: number; obTenantId: number | null }) {
  const head = useCall('backup_page_head', { clusterId, obTenantId });
  const [period, setPeriod] = useState(0);
  const scope = { clusterId, obTenantId };
  return (
    <>
      {head.error && <IpcErrorAlert error={head.error} />}
      {head.data && <OverviewCard overview={head.data.overview} />}
      <PeriodChart clusterId={clusterId} obTenantId={obTenantId} period={period} onPeriod={setPeriod} />
      <Card className="backup-card">
        <Tabs
          items={[
            { key: 'data', label: 'Data Backup Tasks', children: <DataBackupTasks scope={scope} /> },
            { key: 'log', label: 'Log Backup Tasks', children: <LogBackupTasks clusterId={clusterId} obTenantId={obTenantId} /> },
            { key: 'recovery', label: 'Recovery Tasks', children: <RecoveryTasks scope={scope} /> },
            {
              key: 'strategy',
              label: 'Backup Strategy',
              children: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    obTenantId === null
                      ? 'No backup strategy exists for this cluster.'
                      : 'No backup strategy exists for this tenant or its cluster.'
                  }
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
