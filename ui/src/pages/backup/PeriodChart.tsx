// The recoverable period: 7 days as a track, recoverable ranges as bars (gaps
// stay visible), full and incremental backups as markers, the log checkpoint.
import { Button, Card, Empty, Space, Spin, Tooltip, Typography } from '@oceanbase/design';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { BackupPoint, PeriodView } from '../../ipc/bindings';
import { useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { useSettings } from '../../settings/SettingsProvider';
import { formatInstant } from '../../time/format';
import { backupTypeLabel, formatBytes } from './labels';
import { canGoNewer, canGoOlder, gaps, newer, older, position } from './period';

/** Midnights (display zone) inside the period, for the axis. */
function dayTicks(view: PeriodView, zone: string): number[] {
  const ticks: number[] = [];
  let t = dayjs(view.start / 1000).tz(zone).startOf('day').add(1, 'day');
  while (t.valueOf() * 1000 < view.end) {
    ticks.push(t.valueOf() * 1000);
    t = t.add(1, 'day');
  }
  return ticks;
}

function PointMarker({ p, view, zone }: { p: BackupPoint; view: PeriodView; zone: string }) {
  const t = useT();
  const full = p.backupType === 'FULL';
  const type = backupTypeLabel(p.backupType, t);
  return (
    <Tooltip
      title={
        <div>
          <div>{t('period.point', { type, set: p.backupSetId })}</div>
          <div>{formatInstant(p.at, zone)}</div>
          <div>{formatBytes(p.bytes)}</div>
        </div>
      }
    >
      <span
        className={full ? 'period-point period-point-full' : 'period-point period-point-inc'}
        style={{ left: `${position(p.at, view)}%` }}
        aria-label={t('period.pointLabel', { type, set: p.backupSetId })}
      />
    </Tooltip>
  );
}

/** The instant under a click on the track, if it falls in a recoverable range (to the second). */
export function pickedInstant(view: PeriodView, fraction: number): number | null {
  const t = Math.round((view.start + (view.end - view.start) * Math.min(1, Math.max(0, fraction))) / 1e6) * 1e6;
  return view.ranges.some((r) => r.start <= t && t <= r.end) ? t : null;
}

export function PeriodTrack({ view, onPick }: { view: PeriodView; onPick?: (micros: number) => void }) {
  const { timeZone } = useSettings();
  const t = useT();
  const width = (a: number, b: number) => `${Math.max(0.3, position(b, view) - position(a, view))}%`;
  return (
    <div className="period">
      <div className="period-points">
        {view.points.map((p) => (
          <PointMarker key={`${p.backupSetId}-${p.at}`} p={p} view={view} zone={timeZone} />
        ))}
      </div>
      <div
        className="period-track"
        onClick={(e) => {
          if (!onPick) return;
          const box = e.currentTarget.getBoundingClientRect();
          const at = pickedInstant(view, (e.clientX - box.left) / box.width);
          if (at !== null) onPick(at);
        }}
      >
        {gaps(view).map((g) => (
          <Tooltip
            key={`gap-${g.start}`}
            title={t('period.gap', { from: formatInstant(g.start, timeZone), to: formatInstant(g.end, timeZone) })}
          >
            <span className="period-gap" style={{ left: `${position(g.start, view)}%`, width: width(g.start, g.end) }} />
          </Tooltip>
        ))}
        {view.ranges.map((r) => (
          <Tooltip
            key={`range-${r.start}`}
            title={t('period.recoverableRange', { from: formatInstant(r.start, timeZone), to: formatInstant(r.end, timeZone) })}
          >
            <span className="period-range" style={{ left: `${position(r.start, view)}%`, width: width(r.start, r.end) }} />
          </Tooltip>
        ))}
        {view.logCheckpoint !== null && (
          <Tooltip title={t('period.checkpointAt', { time: formatInstant(view.logCheckpoint, timeZone) })}>
            <span
              className="period-checkpoint"
              style={{ left: `${position(view.logCheckpoint, view)}%` }}
              aria-label={t('period.checkpoint')}
            />
          </Tooltip>
        )}
      </div>
      <div className="period-axis">
        {dayTicks(view, timeZone)
          // A label at the very edge would not fit beside the track.
          .filter((t) => position(t, view) > 2 && position(t, view) < 97)
          .map((t) => (
          <span key={t} className="period-tick" style={{ left: `${position(t, view)}%` }}>
            {dayjs(t / 1000).tz(timeZone).format('MM-DD')}
          </span>
        ))}
      </div>
      <Space size="large" className="period-legend">
        <span>
          <span className="legend-swatch period-range-swatch" /> {t('period.recoverable')}
        </span>
        <span>
          <span className="legend-swatch period-gap-swatch" /> {t('period.notRecoverable')}
        </span>
        <span>
          <span className="period-point period-point-full legend-point" /> {t('period.fullBackup')}
        </span>
        <span>
          <span className="period-point period-point-inc legend-point" /> {t('period.incBackup')}
        </span>
        <span>
          <span className="legend-line" /> {t('period.checkpoint')}
        </span>
      </Space>
    </div>
  );
}

export function PeriodChart({
  clusterId,
  obTenantId,
  period,
  onPeriod,
  onPick,
}: {
  clusterId: number;
  obTenantId: number | null;
  period: number;
  onPeriod: (next: number) => void;
  /** A click on a recoverable instant: Initiate Recovery at it. */
  onPick?: (micros: number) => void;
}) {
  const { timeZone } = useSettings();
  const t = useT();
  const view = useCall('recoverable_period', { clusterId, obTenantId, period }, { keepPrevious: true });
  const v = view.data;
  const minute = (at: number) => dayjs(at / 1000).tz(timeZone).format('YYYY-MM-DD HH:mm [UTC]Z');
  const title = v ? t('period.range', { from: minute(v.start), to: minute(v.end) }) : '';
  return (
    <Card
      title={t('period.title')}
      className="backup-card"
      extra={
        <Space>
          <Button size="small" icon={<LeftOutlined />} aria-label={t('period.previous')} disabled={!canGoOlder(v)} onClick={() => onPeriod(older(period))} />
          <Typography.Text data-testid="period-label">{title}</Typography.Text>
          <Button size="small" icon={<RightOutlined />} aria-label={t('period.next')} disabled={!canGoNewer(period)} onClick={() => onPeriod(newer(period))} />
        </Space>
      }
    >
      {view.error && <IpcErrorAlert error={view.error} />}
      {!v && view.isLoading && <Spin />}
      {v && v.ranges.length === 0 && v.points.length === 0 && v.logCheckpoint === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('period.empty')} />
      ) : (
        v && <PeriodTrack view={v} onPick={onPick} />
      )}
    </Card>
  );
}
