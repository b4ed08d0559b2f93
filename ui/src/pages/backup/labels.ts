// One list per status family: its i18n key and colour, keyed by the generated
// Rust unions so a value added in Rust fails the type check until it has a label.
import type {
  ArchiveStatus,
  BackupJobStatus,
  BackupKind,
  BackupTaskStatus,
  BackupType,
  FileStatus,
  PieceStatus,
  RestoreStatus,
  ScheduleStatus,
  TaskKind,
  TaskState,
} from '../../ipc/bindings';
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

/**
 * A backup's phase in OCP's words: a task's STATUS, or the job's before it has a task
 * and once it has ended. OceanBase 4.x writes `ObBackupStatus::get_str`
 * (oceanbase/oceanbase `src/share/backup/ob_backup_struct.cpp`); 3.x's progress view
 * says RUNNING, which the connector reads as DOING.
 */
export const BACKUP_PHASE: Record<Known<BackupTaskStatus> | Known<BackupJobStatus>, MessageKey> = {
  INIT: 'progress.backupPhase.INIT',
  DOING: 'progress.backupPhase.DOING',
  BACKUP_SYS_META: 'progress.backupPhase.BACKUP_SYS_META',
  BACKUP_USER_META: 'progress.backupPhase.BACKUP_USER_META',
  BACKUP_META_FINISH: 'progress.backupPhase.BACKUP_META_FINISH',
  BACKUP_DATA_SYS: 'progress.backupPhase.BACKUP_DATA_SYS',
  BACKUP_DATA_MINOR: 'progress.backupPhase.BACKUP_DATA_MINOR',
  BACKUP_DATA_MAJOR: 'progress.backupPhase.BACKUP_DATA_MAJOR',
  BEFORE_BACKUP_LOG: 'progress.backupPhase.BEFORE_BACKUP_LOG',
  BACKUP_LOG: 'progress.backupPhase.BACKUP_LOG',
  COMPLETED: 'progress.backupPhase.COMPLETED',
  FAILED: 'progress.backupPhase.FAILED',
  CANCELING: 'progress.backupPhase.CANCELING',
  CANCELED: 'progress.backupPhase.CANCELED',
};

/**
 * A restore's phase in OCP's words. OceanBase 4.x (`phy_restore_status_str_array`,
 * oceanbase/oceanbase `src/share/restore/ob_physical_restore_table_operator.cpp`; 4.1
 * lacks PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN): the sys tenant's job is
 * CREATE_TENANT, WAIT_TENANT_RESTORE_FINISH, then RESTORE_SUCCESS or RESTORE_FAIL; the
 * restored tenant's own row shows RESTORE_PRE to POST_CHECK as RESTORING, then UPGRADE
 * (`CDB_OB_RESTORE_PROGRESS`, `ob_inner_table_schema_def.py`). 3.x (the same array at
 * v3.1.5_CE): one row from CREATE_TENANT through RESTORE_SYS_REPLICA, UPGRADE_PRE,
 * UPGRADE_POST, MODIFY_SCHEMA, CREATE_USER_PARTITIONS, RESTORE_USER_REPLICA,
 * REBUILD_INDEX and POST_CHECK. The history says SUCCESS or FAIL
 * (`ob_restore_persist_helper.cpp`); FAILED is what earlier desks stored.
 */
export const RESTORE_PHASE: Record<Known<RestoreStatus>, MessageKey> = {
  CREATE_TENANT: 'progress.restorePhase.CREATE_TENANT',
  WAIT_TENANT_RESTORE_FINISH: 'progress.restorePhase.WAIT_TENANT_RESTORE_FINISH',
  RESTORING: 'progress.restorePhase.RESTORING',
  RESTORE_PRE: 'progress.restorePhase.RESTORE_PRE',
  RESTORE_CREATE_INIT_LS: 'progress.restorePhase.RESTORE_CREATE_INIT_LS',
  PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN: 'progress.restorePhase.PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN',
  RESTORE_WAIT_LS: 'progress.restorePhase.RESTORE_WAIT_LS',
  RESTORE_SYS_REPLICA: 'progress.restorePhase.RESTORE_SYS_REPLICA',
  UPGRADE_PRE: 'progress.restorePhase.UPGRADE_PRE',
  UPGRADE_POST: 'progress.restorePhase.UPGRADE_POST',
  MODIFY_SCHEMA: 'progress.restorePhase.MODIFY_SCHEMA',
  CREATE_USER_PARTITIONS: 'progress.restorePhase.CREATE_USER_PARTITIONS',
  RESTORE_USER_REPLICA: 'progress.restorePhase.RESTORE_USER_REPLICA',
  REBUILD_INDEX: 'progress.restorePhase.REBUILD_INDEX',
  POST_CHECK: 'progress.restorePhase.POST_CHECK',
  UPGRADE: 'progress.restorePhase.UPGRADE',
  RESTORE_SUCCESS: 'progress.restorePhase.RESTORE_SUCCESS',
  RESTORE_FAIL: 'progress.restorePhase.RESTORE_FAIL',
  SUCCESS: 'progress.restorePhase.SUCCESS',
  FAIL: 'progress.restorePhase.FAIL',
  FAILED: 'progress.restorePhase.FAILED',
};

/** A phase in words; one the desk does not know (a newer release's) as OceanBase wrote it. */
export function phaseWords(kind: TaskKind, phase: string, t: Translate = i18n.t): string {
  const table: Record<string, MessageKey> = kind === 'BACKUP' ? BACKUP_PHASE : RESTORE_PHASE;
  return Object.prototype.hasOwnProperty.call(table, phase) ? t(table[phase]) : phase;
}
