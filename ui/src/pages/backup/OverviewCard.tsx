// The overview card: the seed's six fields; Method, File and Latency only with a strategy.
import { Badge, Card, Descriptions, Typography } from '@oceanbase/design';
import type { BackupOverview } from '../../ipc/bindings';
import { useSettings } from '../../settings/SettingsProvider';
import { formatInstant } from '../../time/format';
import { BACKUP_METHOD, backupTypeLabel, formatBytes, formatLatency, SCHEDULE_STATUS } from './labels';
import { useNow } from './useNow';

const BADGE: Record<string, 'default' | 'processing' | 'warning' | 'error' | 'success'> = {
  default: 'default',
  processing: 'processing',
  warning: 'warning',
  error: 'error',
  success: 'success',
};

function LogLatency({ checkpoint }: { checkpoint: number }) {
  const now = useNow();
  return <span data-testid="log-latency">{formatLatency(now - checkpoint)}</span>;
}

export function OverviewCard({ overview }: { overview: BackupOverview }) {
  const { timeZone } = useSettings();
  const status = SCHEDULE_STATUS[overview.status];
  const last = overview.lastDataBackup;
  const none = <Typography.Text type="secondary">None in the cache</Typography.Text>;
  return (
    <Card title="Backup Overview" className="backup-card">
      <Descriptions column={2}>
        <Descriptions.Item label="Status">
          <Badge status={BADGE[status.color] ?? 'default'} text={status.label} />
        </Descriptions.Item>
        {overview.backupMethod && <Descriptions.Item label="Backup Method">{BACKUP_METHOD[overview.backupMethod]}</Descriptions.Item>}
        {overview.backupFileBytes !== null && (
          <Descriptions.Item label="Backup File">{formatBytes(overview.backupFileBytes)}</Descriptions.Item>
        )}
        <Descriptions.Item label="Last Data Backup">
          {last ? (
            <span>
              {formatInstant(last.at, timeZone)}{' '}
              <Typography.Text type="secondary">
                {`(${backupTypeLabel(last.backupType)}, set ${last.backupSetId}, ${formatBytes(last.bytes)})`}
              </Typography.Text>
            </span>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Log Backup Timestamp">
          {overview.logCheckpoint !== null ? formatInstant(overview.logCheckpoint, timeZone) : none}
        </Descriptions.Item>
        {overview.showLogLatency && overview.logCheckpoint !== null && (
          <Descriptions.Item label="Log Latency">
            <LogLatency checkpoint={overview.logCheckpoint} />
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
