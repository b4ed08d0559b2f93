// The overview card: the seed's six fields; Method, File and Latency only when a strategy
// or the cluster's own configuration backs the tenant up; then what the cluster says.
import { Badge, Card, Descriptions, Tooltip, Typography } from '@oceanbase/design';
import type { BackupOverview, ClusterBackupConfig } from '../../ipc/bindings';
import { useT } from '../../i18n';
import { useSettings } from '../../settings/SettingsProvider';
import { formatInstant } from '../../time/format';
import { archiveStatusLook, BACKUP_METHOD, backupTypeLabel, formatBytes, formatLatency, SCHEDULE_STATUS } from './labels';
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

/** The cluster's own backup configuration for the tenant, as its views say. */
function ClusterConfig({ config }: { config: ClusterBackupConfig }) {
  const t = useT();
  const notSet = <Typography.Text type="secondary">{t('overview.notSet')}</Typography.Text>;
  const status = config.archiveStatus;
  const look = status ? archiveStatusLook(status) : null;
  return (
    <Descriptions
      column={2}
      title={t('overview.cluster')}
      size="small"
      className="cluster-config"
      style={{ marginTop: 20, paddingTop: 16, borderTop: '1px solid #f0f0f0' }}
    >
      <Descriptions.Item label={t('overview.dataDest')}>
        {config.dataBackupDest ? <Typography.Text code>{config.dataBackupDest}</Typography.Text> : notSet}
      </Descriptions.Item>
      <Descriptions.Item label={t('overview.archiveDest')}>
        {config.logArchiveDest ? <Typography.Text code>{config.logArchiveDest}</Typography.Text> : notSet}
      </Descriptions.Item>
      <Descriptions.Item label={t('overview.archiveStatus')}>
        {status ? (
          <Tooltip title={status}>
            <Badge status={BADGE[look?.color ?? 'default'] ?? 'default'} text={look ? t(look.label) : status} />
          </Tooltip>
        ) : (
          notSet
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('overview.pieceSwitch')}>
        {config.pieceSwitchIntervalSecs > 0
          ? t('overview.pieceSwitchDays', { count: Math.round(config.pieceSwitchIntervalSecs / 86_400) })
          : notSet}
      </Descriptions.Item>
      <Descriptions.Item label={t('overview.retention')}>{config.recoveryWindow ?? notSet}</Descriptions.Item>
    </Descriptions>
  );
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
      {overview.clusterConfig && <ClusterConfig config={overview.clusterConfig} />}
    </Card>
  );
}
