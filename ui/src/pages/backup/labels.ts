// One list per status family: its i18n key and colour, keyed by the generated
// Rust unions so a value added in Rust fails the type check until it has a label.
import type { ArchiveStatus, BackupKind, BackupType, FileStatus, PieceStatus, ScheduleStatus, TaskState } from '../../ipc/bindings';
import { i18n, type MessageKey, type Translate } from '../../i18n';

export interface Look {
  /** The i18n key of its label: `t(look.label)`. */
  label: MessageKey;
  /** An antd Tag / Badge colour. */
  color: string;
}

export const SCHEDULE_STATUS: Record<ScheduleStatus, Look> = {
  pendingScheduling: { label: 'labels.schedule.pendingScheduling', color: 'default' },
  inProgress: { label: 'labels.schedule.inProgress', color: 'processing' },
  noStrategy: { label: 'labels.schedule.noStrategy', color: 'warning' },
  paused: { label: 'labels.schedule.paused', color: 'default' },
  schedulingException: { label: 'labels.schedule.schedulingException', color: 'error' },
  clusterConfigured: { label: 'labels.schedule.clusterConfigured', color: 'success' },
};

/** A log archive round's STATUS in OCP's words; an unknown one is shown as written. */
export function archiveStatusLook(status: ArchiveStatus): Look | null {
  switch (status) {
    case 'PREPARE':
    case 'BEGINNING':
      return { label: 'labels.archive.starting', color: 'processing' };
    case 'DOING':
      return { label: 'labels.archive.doing', color: 'success' };
    case 'STOPPING':
      return { label: 'labels.archive.stopping', color: 'warning' };
    case 'STOP':
      return { label: 'labels.archive.stopped', color: 'default' };
    case 'INTERRUPTED':
      return { label: 'labels.archive.interrupted', color: 'error' };
    case 'SUSPENDING':
    case 'SUSPEND':
      return { label: 'labels.archive.paused', color: 'warning' };
    default:
      return null;
  }
}

export const TASK_STATE: Record<TaskState, Look> = {
  inProgress: { label: 'labels.taskState.inProgress', color: 'processing' },
  completed: { label: 'labels.taskState.completed', color: 'success' },
  failed: { label: 'labels.taskState.failed', color: 'error' },
  canceled: { label: 'labels.taskState.canceled', color: 'default' },
  unknown: { label: 'labels.taskState.unknown', color: 'default' },
};

/** The states a list filters by (Unknown has no OceanBase status to match). */
export const FILTERABLE_STATES: readonly TaskState[] = ['inProgress', 'completed', 'failed', 'canceled'];

/** The i18n key of each backup method's label. */
export const BACKUP_METHOD: Record<BackupKind, MessageKey> = {
  physical: 'labels.backupKind.physical',
  logical: 'labels.backupKind.logical',
};

/** OceanBase's BACKUP_TYPE; an unknown one is shown as written. */
export function backupTypeLabel(type: BackupType, t: Translate = i18n.t): string {
  if (type === 'FULL') return t('labels.backupType.FULL');
  if (type === 'INC') return t('labels.backupType.INC');
  return type;
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
export function formatLatency(micros: number, t: Translate = i18n.t): string {
  const total = Math.max(0, Math.floor(micros / 1_000_000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [
    d && t('latency.d', { count: d }),
    h && t('latency.h', { count: h }),
    m && t('latency.min', { count: m }),
    t('latency.s', { count: s }),
  ].filter(Boolean);
  return parts.slice(0, 3).join(' ');
}

/** OceanBase's role of a restored tenant until it is activated (DBA_OB_TENANTS.TENANT_ROLE). */
export const isStandby = (role: string) => role.toUpperCase() === 'STANDBY';

type Known<T> = Exclude<T, string & {}> extends infer K ? (K extends string ? K : never) : never;

/** An archive piece's STATUS in words; an unknown value is shown as OceanBase wrote it. */
export const PIECE_STATUS: Record<Known<PieceStatus>, Look> = {
  ACTIVE: { label: 'labels.piece.active', color: 'processing' },
  FREEZING: { label: 'labels.piece.freezing', color: 'warning' },
  FROZEN: { label: 'labels.piece.frozen', color: 'default' },
};

/** FILE_STATUS of set files and archive pieces, in words. */
export const FILE_STATUS: Record<Known<FileStatus>, Look> = {
  COPYING: { label: 'labels.file.copying', color: 'processing' },
  AVAILABLE: { label: 'labels.file.available', color: 'success' },
  DELETING: { label: 'labels.file.deleting', color: 'warning' },
  EXPIRED: { label: 'labels.file.expired', color: 'default' },
  INCOMPLETE: { label: 'labels.file.incomplete', color: 'warning' },
  BROKEN: { label: 'labels.file.broken', color: 'error' },
  DELETED: { label: 'labels.file.deleted', color: 'default' },
};

/**
 * A tenant's STATUS (DBA_OB_TENANTS / __all_tenant): oceanbase/oceanbase
 * src/share/schema/ob_schema_struct.cpp `tenant_display_status_strs`.
 */
export const TENANT_STATUS: Record<string, Look> = {
  NORMAL: { label: 'labels.tenantStatus.normal', color: 'success' },
  CREATING: { label: 'labels.tenantStatus.creating', color: 'processing' },
  DROPPING: { label: 'labels.tenantStatus.dropping', color: 'warning' },
  RESTORE: { label: 'labels.tenantStatus.restore', color: 'processing' },
  CREATING_STANDBY: { label: 'labels.tenantStatus.creatingStandby', color: 'processing' },
};

/**
 * A tenant's TENANT_ROLE: src/share/ob_tenant_role.cpp `TENANT_ROLE_ARRAY`
 * (INVALID, PRIMARY, STANDBY, RESTORE; 4.3 adds CLONE).
 */
export const TENANT_ROLE: Record<string, Look> = {
  PRIMARY: { label: 'labels.tenantRole.primary', color: 'success' },
  STANDBY: { label: 'labels.tenantRole.standby', color: 'warning' },
  RESTORE: { label: 'labels.tenantRole.restore', color: 'processing' },
  CLONE: { label: 'labels.tenantRole.clone', color: 'processing' },
};

/** TENANT_TYPE of DBA_OB_TENANTS (SYS, META, USER). */
export const TENANT_TYPE: Record<string, Look> = {
  SYS: { label: 'labels.tenantType.sys', color: 'default' },
  META: { label: 'labels.tenantType.meta', color: 'default' },
  USER: { label: 'labels.tenantType.user', color: 'default' },
};

/** LOG_MODE of DBA_OB_TENANTS: whether the tenant's logs are archived. */
export const LOG_MODE: Record<string, Look> = {
  ARCHIVELOG: { label: 'labels.logMode.archivelog', color: 'success' },
  NOARCHIVELOG: { label: 'labels.logMode.noarchivelog', color: 'default' },
};

/** The look of a status value from `table`, or none for a value the desk does not know. */
export function lookOf<T extends string>(table: Record<string, Look>, value: T): Look | null {
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : null;
}
