// A task's state and, while it runs, how far it has got: one component for the
// Data Backup Tasks and Recovery Tasks Status cells and the Backup Now dialog.
// The figures are the engine's (crates/model/src/progress.rs): the phase as
// OceanBase names it, shown in words with the raw value on hover; a percent below
// 100 until the job ends; bytes, tablets and log streams only where the release
// reported them.
import { Progress, Tag, Tooltip, Typography } from '@oceanbase/design';
import type { Amount, JobProgress, TaskState } from '../../ipc/bindings';
import { useT, type Translate } from '../../i18n';
import { formatBytes, formatLatency, phaseWords, TASK_STATE } from './labels';
import { useNow } from './useNow';

export function StateTag({ state, raw }: { state: TaskState; raw: string }) {
  const t = useT();
  const look = TASK_STATE[state];
  return (
    <Tooltip title={t('columns.obStatus', { status: raw })}>
      {/* Whole: a Status column is as wide as its words, never cut to an ellipsis. */}
      <Tag color={look.color} ellipsis={false}>
        {state === 'unknown' ? raw : t(look.label)}
      </Tag>
    </Tooltip>
  );
}

/** The lines of figures the release reported, bytes first. */
function amounts(p: JobProgress, t: Translate): string[] {
  const of = (a: Amount, key: 'progress.tabletsOf' | 'progress.logStreamsOf') =>
    a.total === null ? null : t(key, { done: a.done.toLocaleString(), total: a.total.toLocaleString() });
  return [
    p.bytes &&
      (p.bytes.total === null
        ? t('progress.bytesWritten', { done: formatBytes(p.bytes.done) })
        : t('progress.bytesOf', { done: formatBytes(p.bytes.done), total: formatBytes(p.bytes.total) })),
    p.tablets && of(p.tablets, 'progress.tabletsOf'),
    p.logStreams && of(p.logStreams, 'progress.logStreamsOf'),
  ].filter((s): s is string => !!s);
}

function Elapsed({ start, end }: { start: number; end: number | null }) {
  const t = useT();
  // Ticks only while the job runs; an ended one's time is fixed.
  const now = useNow(end === null ? 1000 : 3_600_000);
  return (
    <Typography.Text type="secondary" className="progress-line">
      {t(end === null ? 'progress.running' : 'progress.took', { time: formatLatency((end ?? now) - start, t) })}
    </Typography.Text>
  );
}

/**
 * The state tag, then (when `progress` is given) the phase in words, a bar with its
 * percent, the figures and the time it has run. `compact` (the tables' Status cells,
 * at most ~170 px) shows the first figure and the rest on hover; otherwise all show.
 */
export function TaskProgress({
  state,
  status,
  progress,
  compact = true,
}: {
  state: TaskState;
  /** The job's status as OceanBase names it (the tag's tooltip). */
  status: string;
  progress: JobProgress | null;
  compact?: boolean;
}) {
  const t = useT();
  if (!progress) return <StateTag state={state} raw={status} />;
  const figures = amounts(progress, t);
  const shown = compact ? figures.slice(0, 1) : figures;
  const barStatus = !progress.terminal
    ? 'active'
    : state === 'completed'
      ? 'success'
      : state === 'failed'
        ? 'exception'
        : 'normal';
  return (
    <div className={compact ? 'task-progress compact' : 'task-progress'}>
      <StateTag state={state} raw={status} />
      <Tooltip title={t('progress.obPhase', { phase: progress.phase })}>
        <Typography.Text className="progress-line">{phaseWords(progress.kind, progress.phase, t)}</Typography.Text>
      </Tooltip>
      <Progress size="small" percent={progress.percent} status={barStatus} />
      {shown.length > 0 && (
        <Tooltip title={compact && figures.length > shown.length ? figures.map((f) => <div key={f}>{f}</div>) : undefined}>
          <div>
            {shown.map((f) => (
              <Typography.Text key={f} type="secondary" className="progress-line">
                {f}
              </Typography.Text>
            ))}
          </div>
        </Tooltip>
      )}
      {progress.start !== null && (!progress.terminal || progress.end !== null) && (
        <Elapsed start={progress.start} end={progress.terminal ? progress.end : null} />
      )}
    </div>
  );
}
