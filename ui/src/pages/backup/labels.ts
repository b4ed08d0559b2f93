// One list per status family: label and colour, keyed by the generated Rust
// unions so a value added in Rust fails the type check until it has a label.
import type { BackupKind, BackupType, ScheduleStatus, TaskState } from '../../ipc/bindings';

export interface Look {
  label: string;
  /** An antd Tag / Badge colour. */
  color: string;
}

export const SCHEDULE_STATUS: Record<ScheduleStatus, Look> = {
  pendingScheduling: { label: 'Pending Backup Scheduling', color: 'default' },
  inProgress: { label: 'In Progress', color: 'processing' },
  noStrategy: { label: 'No Backup Strategy', color: 'warning' },
  paused: { label: 'Paused', color: 'default' },
  schedulingException: { label: 'Scheduling Exception', color: 'error' },
};

export const TASK_STATE: Record<TaskState, Look> = {
  inProgress: { label: 'In Progress', color: 'processing' },
  completed: { label: 'Completed', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  canceled: { label: 'Canceled', color: 'default' },
  unknown: { label: 'Unknown', color: 'default' },
};

/** The states a list filters by (Unknown has no OceanBase status to match). */
export const FILTERABLE_STATES: readonly TaskState[] = ['inProgress', 'completed', 'failed', 'canceled'];

export const BACKUP_METHOD: Record<BackupKind, string> = {
  physical: 'Physical Backup',
  logical: 'Logical Backup',
};

/** OceanBase's BACKUP_TYPE; an unknown one is shown as written. */
export function backupTypeLabel(t: BackupType): string {
  if (t === 'FULL') return 'Full';
  if (t === 'INC') return 'Incremental';
  return t;
}

/** `1.5 GiB`: binary units, one decimal above bytes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** `3 h 12 min 5 s`, `42 s`: a latency from microseconds. */
export function formatLatency(micros: number): string {
  const total = Math.max(0, Math.floor(micros / 1_000_000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, `${s} s`].filter(Boolean);
  return parts.slice(0, 3).join(' ');
}
