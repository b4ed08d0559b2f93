// The strategy form's values and their mapping to the generated Strategy
// type: one place, so the form and its test agree.
import type { BackupMethod, ClusterId, CycleMode, StorageKind, Strategy, StrategyScope } from '../../ipc/bindings';

/** Per day: no backup, or its method. */
export type DayChoice = BackupMethod | 'NONE';

export type StrategyValues = {
  /** Keep the destinations the cluster has, or back up to a new path. */
  destinations: 'keep' | 'new';
  kind: StorageKind;
  storagePath: string;
  host: string;
  region: string;
  appId: string;
  accessId: string;
  secret: string;
  mode: CycleMode;
  week: DayChoice[]; // 7, Monday first
  month: DayChoice[]; // 31
  timeOfDay: string;
  timeZone: string;
  logBackup: boolean;
  pieceSwitchDays: number;
  retentionDays: number;
  dataBackupTimeoutMinutes: number;
  logLatencySeconds: number;
  daysWithoutDataBackup: number;
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A strategy that backs up Full on Monday and Incremental the other days at 02:00. */
export function defaults(timeZone: string): StrategyValues {
  return {
    destinations: 'new',
    kind: 'FILE',
    storagePath: '',
    host: '',
    region: '',
    appId: '',
    accessId: '',
    secret: '',
    mode: 'WEEK',
    week: ['FULL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL'],
    month: Array.from({ length: 31 }, (_, i) => (i === 0 ? 'FULL' : 'NONE')),
    timeOfDay: '02:00',
    timeZone,
    logBackup: true,
    pieceSwitchDays: 1,
    retentionDays: 7,
    dataBackupTimeoutMinutes: 360,
    logLatencySeconds: 600,
    daysWithoutDataBackup: 2,
  };
}

const opt = (s: string) => (s.trim() === '' ? null : s.trim());

export function toStrategy(v: StrategyValues, cluster: ClusterId, scope: StrategyScope, paused: boolean): Strategy {
  const chosen = v.mode === 'WEEK' ? v.week : v.month;
  const objectStorage = v.kind !== 'FILE';
  return {
    clusterId: cluster,
    scope,
    storage:
      v.destinations === 'keep'
        ? null
        : {
            kind: v.kind,
            path: v.storagePath.trim(),
            host: objectStorage ? opt(v.host) : null,
            region: v.kind === 'S3' ? opt(v.region) : null,
            appId: v.kind === 'COS' ? opt(v.appId) : null,
            accessId: objectStorage ? opt(v.accessId) : null,
            // The engine names the keyring account (desk_engine::secret_account).
            secretRef: null,
          },
    schedule: {
      mode: v.mode,
      days: chosen.flatMap((m, i) => (m === 'NONE' ? [] : [{ day: i + 1, method: m }])),
      timeOfDay: v.timeOfDay.trim(),
      timeZone: v.timeZone,
    },
    logBackup: { enabled: v.logBackup, pieceSwitchDays: v.pieceSwitchDays },
    retentionDays: v.retentionDays,
    alerts: {
      dataBackupTimeoutMinutes: v.dataBackupTimeoutMinutes,
      logLatencySeconds: v.logLatencySeconds,
      daysWithoutDataBackup: v.daysWithoutDataBackup,
    },
    paused,
  };
}

export function fromStrategy(s: Strategy): StrategyValues {
  const base = defaults(s.schedule.timeZone);
  const days = (n: number): DayChoice[] =>
    Array.from({ length: n }, (_, i) => s.schedule.days.find((d) => d.day === i + 1)?.method ?? 'NONE');
  const storage = s.storage;
  return {
    ...base,
    destinations: storage ? 'new' : 'keep',
    kind: storage?.kind ?? base.kind,
    storagePath: storage?.path ?? '',
    host: storage?.host ?? '',
    region: storage?.region ?? '',
    appId: storage?.appId ?? '',
    accessId: storage?.accessId ?? '',
    mode: s.schedule.mode,
    week: s.schedule.mode === 'WEEK' ? days(7) : base.week,
    month: s.schedule.mode === 'MONTH' ? days(31) : base.month,
    timeOfDay: s.schedule.timeOfDay,
    timeZone: s.schedule.timeZone,
    logBackup: s.logBackup.enabled,
    pieceSwitchDays: s.logBackup.pieceSwitchDays,
    retentionDays: s.retentionDays,
    dataBackupTimeoutMinutes: s.alerts.dataBackupTimeoutMinutes,
    logLatencySeconds: s.alerts.logLatencySeconds,
    daysWithoutDataBackup: s.alerts.daysWithoutDataBackup,
  };
}

/** The desk's rules the form can check before asking the shell (which checks them all again). */
export function cycleProblem(v: Pick<StrategyValues, 'mode' | 'week' | 'month'>): string | null {
  const chosen = v.mode === 'WEEK' ? v.week : v.month;
  if (!chosen.includes('FULL')) return 'strategy.needFull';
  if (v.mode === 'MONTH' && chosen.filter((d) => d !== 'NONE').length > 10) return 'strategy.tooManyDays';
  return null;
}
