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
      items={[
        {
          key: 'dataDest',
          label: t('overview.dataDest'),
          children: config.dataBackupDest ? <Typography.Text code>{config.dataBackupDest}</Typography.Text> : notSet,
        },
        {
          key: 'archiveDest',
          label: t('overview.archiveDest'),
          children: config.logArchiveDest ? <Typography.Text code>{config.logArchiveDest}</Typography.Text> : notSet,
        },
        {
          key: 'archiveStatus',
          label: t('overview.archiveStatus'),
          children: status ? (
            // A status Badge does not pass its ref on (antd 5.29), so the Tooltip anchors
            // on a span instead of asking React's deprecated findDOMNode.
            <Tooltip title={status}>
              <span>
                <Badge status={BADGE[look?.color ?? 'default'] ?? 'default'} text={look ? t(look.label) : status} />
              </span>
            </Tooltip>
          ) : (
            notSet
          ),
        },
        {
          key: 'pieceSwitch',
          label: t('overview.pieceSwitch'),
          children:
            config.pieceSwitchIntervalSecs > 0
              ? t('overview.pieceSwitchDays', { count: Math.round(config.pieceSwitchIntervalSecs / 86_400) })
              : notSet,
        },
        { key: 'retention', label: t('overview.retention'), children: config.recoveryWindow ?? notSet },
      ]}
    />
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
      <Descriptions
        column={2}
        items={[
          {
            key: 'status',
            label: t('overview.status'),
            children: <Badge status={BADGE[status.color] ?? 'default'} text={t(status.label)} />,
          },
          ...(overview.backupMethod
            ? [{ key: 'method', label: t('overview.method'), children: t(BACKUP_METHOD[overview.backupMethod]) }]
            : []),
          ...(overview.backupFileBytes !== null
            ? [{ key: 'file', label: t('overview.file'), children: formatBytes(overview.backupFileBytes) }]
            : []),
          {
            key: 'lastData',
            label: t('overview.lastData'),
            // Whole, on two lines if need be: the set and its size are what this says.
            contentProps: { ellipsis: false },
            children: last ? (
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
            ),
          },
          {
            key: 'logCheckpoint',
            label: t('overview.logCheckpoint'),
            children: overview.logCheckpoint !== null ? formatInstant(overview.logCheckpoint, timeZone) : none,
          },
          ...(overview.showLogLatency && overview.logCheckpoint !== null
            ? [{ key: 'latency', label: t('overview.latency'), children: <LogLatency checkpoint={overview.logCheckpoint} /> }]
            : []),
        ]}
      />
      {overview.clusterConfig && <ClusterConfig config={overview.clusterConfig} />}
    </Card>
  );
}
