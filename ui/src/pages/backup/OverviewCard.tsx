// The overview card: the seed's six fields; Method, File and Latency only with a strategy.
import { Badge, Card, Descriptions, Typography } from '@oceanbase/design';
import type { BackupOverview } from '../../ipc/bindings';
import { useT } from '../../i18n';
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
  const t = useT();
  return <span data-testid="log-latency">{formatLatency(now - checkpoint, t)}</span>;
}

export function OverviewCard({ overview }: { overview: BackupOverview }) {
  const { timeZone } = useSettings();
  const t = useT();
  const status = SCHEDULE_STATUS[overview.status];
  const last = overview.lastDataBackup;
  const none = <Typography.Text type="secondary">{t('overview.none')}</Typography.Text>;
  return (
    <Card title={t('overview.title')} className="backup-card">
      <Descriptions column={2}>
        <Descriptions.Item label={t('overview.status')}>
          <Badge status={BADGE[status.color] ?? 'default'} text={t(status.label)} />
        </Descriptions.Item>
        {overview.backupMethod && (
          <Descriptions.Item label={t('overview.method')}>{t(BACKUP_METHOD[overview.backupMethod])}</Descriptions.Item>
        )}
        {overview.backupFileBytes !== null && (
          <Descriptions.Item label={t('overview.file')}>{formatBytes(overview.backupFileBytes)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('overview.lastData')}>
          {last ? (
            <span>
              {formatInstant(last.at, timeZone)}{' '}
              <Typography.Text type="secondary">
                {t('overview.lastDataDetail', {
                  type: backupTypeLabel(last.backupType, t),
                  set: last.backupSetId,
                  size: formatBytes(last.bytes),
                })}
              </Typography.Text>
            </span>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('overview.logCheckpoint')}>
          {overview.logCheckpoint !== null ? formatInstant(overview.logCheckpoint, timeZone) : none}
        </Descriptions.Item>
        {overview.showLogLatency && overview.logCheckpoint !== null && (
          <Descriptions.Item label={t('overview.latency')}>
            <LogLatency checkpoint={overview.logCheckpoint} />
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
