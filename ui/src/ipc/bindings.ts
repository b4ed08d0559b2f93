// Generated from the Rust types by `cargo test -p ob-backup-desk --test bindings`
// (set UPDATE_BINDINGS=1 to rewrite). Do not edit by hand.

export type AppStatus = { version: string, cache: CacheStatus, };

/**
 * A row of `CDB_OB_ARCHIVELOG_PIECE_FILES`.
 */
export type ArchivePiece = { tenantId: number, roundId: number, pieceId: number, status: PieceStatus, startScn: Scn, checkpointScn: Scn, maxScn: Scn, endScn: Scn, fileStatus: FileStatus, 
/**
 * Redacted.
 */
path: string, };

/**
 * A row of `CDB_OB_BACKUP_JOBS` (running) or `CDB_OB_BACKUP_JOB_HISTORY` (finished).
 */
export type BackupJob = { tenantId: number, jobId: number, incarnation: number, backupSetId: number, plusArchivelog: boolean, backupType: BackupType, 
/**
 * CLUSTER or USER_TENANT.
 */
jobLevel: string, encryptionMode: string, start: UtcMicros | null, end: UtcMicros | null, status: BackupJobStatus, 
/**
 * OceanBase's result code (0 = success).
 */
result: number, comment: string, description: string, 
/**
 * The backup destination, redacted.
 */
path: string, };

export type BackupJobStatus = "INIT" | "DOING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | (string & {});

/**
 * Physical backups are what OceanBase's backup SQL makes; logical ones are
 * OCP's dump-based method for versions before V2.2.60.
 */
export type BackupMethod = "physical" | "logical";

/**
 * The overview card. Method, file size and latency are `None` without a
 * strategy (the seed shows them only when one exists).
 */
export type BackupOverview = { status: ScheduleStatus, backupMethod: BackupMethod | null, 
/**
 * Bytes of the available, successful backup sets (what the storage holds).
 */
backupFileBytes: number | null, lastDataBackup: LastDataBackup | null, 
/**
 * The log archive checkpoint (for several tenants, the one furthest behind).
 */
logCheckpoint: UtcMicros | null, 
/**
 * Whether the page shows the log latency (it ticks from `log_checkpoint` to now).
 */
showLogLatency: boolean, };

/**
 * Everything the Backup and Recovery page shows above its tabs.
 */
export type BackupPageHead = { overview: BackupOverview, refusals: HeaderRefusals, 
/**
 * Whether a strategy covers the tenant or its cluster.
 */
strategy: boolean, };

/**
 * A full or incremental data backup, as a marker on the period's chart.
 */
export type BackupPoint = { backupSetId: number, backupType: BackupType, 
/**
 * When the set finished.
 */
at: UtcMicros, 
/**
 * From this instant on the set can be restored.
 */
restorableFrom: UtcMicros | null, bytes: number, };

export type BackupTaskPage = { rows: Array<BackupTaskRow>, 
/**
 * `None` on the last page.
 */
next: PageCursor | null, };

/**
 * A data backup task row.
 */
export type BackupTaskRow = { clusterId: ClusterId, clusterName: string, 
/**
 * The tenant's name when the cache knows it (a cluster-level parent job has none).
 */
tenantName: string | null, state: TaskState, job: BackupJob, };

export type BackupType = "FULL" | "INC" | (string & {});

/**
 * The state of the cache, shown in the top bar and on the Settings page.
 */
export type CacheStatus = { "kind": "ready", path: string, } | { "kind": "recovered", path: string, setAside: string, damage: string, } | { "kind": "readOnlyNewerSchema", path: string, found: number, supported: number, } | { "kind": "unavailable", path: string, message: string, };

/**
 * A cluster known to the desk.
 */
export type Cluster = { id: ClusterId, name: string, host: string, port: number, 
/**
 * An emulated cluster of the built-in sandbox, not a real one.
 */
sandbox: boolean, 
/**
 * Version as the cluster reported it; `None` until the first successful sync.
 */
version: ObVersion | null, 
/**
 * When the last sync of this cluster succeeded.
 */
lastSyncedAt: UtcMicros | null, 
/**
 * The last sync error, if the most recent attempt failed.
 */
lastError: string | null, tenantCount: number, };

/**
 * The desk's own id of a cluster (a row id of the cache, not OceanBase's cluster id).
 */
export type ClusterId = number;

/**
 * Stable error codes. The UI matches on these, never on message text.
 */
export type ErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "CACHE_READ_ONLY" | "CACHE_UNAVAILABLE" | "SETTINGS_UNAVAILABLE" | "INTERNAL";

export type FileStatus = "COPYING" | "AVAILABLE" | "DELETING" | "EXPIRED" | "INCOMPLETE" | "BROKEN" | "DELETED" | (string & {});

/**
 * The page's header: why each action is refused, if it is (`None` = allowed).
 */
export type HeaderRefusals = { 
/**
 * Backup Now (tenant): the seed's version gate.
 */
backupNow: string | null, 
/**
 * Initiate Recovery: only with a backup strategy.
 */
initiateRecovery: string | null, };

export type IpcError = { code: ErrorCode, message: string, field: string | null, };

/**
 * Languages the UI is translated into. One list: the Settings page offers
 * exactly these.
 */
export type Language = "en-US";

/**
 * The latest successful data backup.
 */
export type LastDataBackup = { backupSetId: number, backupType: BackupType, at: UtcMicros, bytes: number, };

/**
 * A log backup row (from cached archive pieces, until archive rounds are cached).
 */
export type LogBackupRow = { tenantName: string | null, piece: ArchivePiece, start: UtcMicros | null, checkpoint: UtcMicros | null, };

/**
 * An OceanBase version such as `4.3.5.3` or `3.2.2-20220304134610`.
 */
export type ObVersion = string;

/**
 * Where the next page starts: the last row's sort key and row id.
 */
export type PageCursor = { key: number, row: number, };

/**
 * One statistical period, ready to draw.
 */
export type PeriodView = { 
/**
 * How many periods back from the latest (0 = latest).
 */
index: number, start: UtcMicros, end: UtcMicros, 
/**
 * The recoverable window clipped to the period; the spaces between are gaps.
 */
ranges: Array<RecoverableRange>, 
/**
 * Usable backup sets that finished in the period, in time order.
 */
points: Array<BackupPoint>, 
/**
 * The log backup checkpoint, when it falls in the period.
 */
logCheckpoint: UtcMicros | null, 
/**
 * Whether an older period holds anything (the `<` button).
 */
hasEarlier: boolean, };

export type PieceStatus = "ACTIVE" | "FREEZING" | "FROZEN" | (string & {});

export type RecoverableRange = { start: UtcMicros, end: UtcMicros, };

/**
 * A restore, from `CDB_OB_RESTORE_PROGRESS` (running) or `_HISTORY` (finished).
 */
export type RestoreJob = { tenantId: number, jobId: number, restoreTenantName: string, backupTenantName: string, backupClusterName: string, 
/**
 * Redacted.
 */
backupDest: string, restoreOption: string, restoreScn: Scn, status: RestoreStatus, start: UtcMicros | null, finish: UtcMicros | null, backupSetList: string, backupPieceList: string, totalBytes: number, finishBytes: number, lsCount: number, finishLsCount: number, tabletCount: number, finishTabletCount: number, comment: string, description: string, 
/**
 * From the progress view (still running) rather than the history.
 */
running: boolean, };

/**
 * The columns a recovery task list sorts by.
 */
export type RestoreSortKey = "id" | "startTime" | "endTime" | "recoveryTime";

export type RestoreStatus = "CREATE_TENANT" | "WAIT_TENANT_RESTORE_FINISH" | "RESTORE_SUCCESS" | "RESTORE_FAIL" | "SUCCESS" | "FAILED" | (string & {});

export type RestoreTaskPage = { rows: Array<RestoreTaskRow>, next: PageCursor | null, };

/**
 * A recovery task row: the seed's columns.
 */
export type RestoreTaskRow = { 
/**
 * The cache's row id: unique across clusters.
 */
row: number, 
/**
 * The target cluster: where the restore ran.
 */
clusterId: ClusterId, targetCluster: string, state: TaskState, backupMethod: BackupMethod, 
/**
 * The instant restored to.
 */
recoveryTime: UtcMicros | null, 
/**
 * `job.backup_dest` is the storage directory, redacted.
 */
job: RestoreJob, };

/**
 * The overview card's Status (OCP's `backupScheduleStatus`).
 */
export type ScheduleStatus = "pendingScheduling" | "inProgress" | "noStrategy" | "paused" | "schedulingException";

/**
 * An OceanBase SCN: nanoseconds since the Unix epoch.
 */
export type Scn = number;

export type Settings = { 
/**
 * IANA zone every time on screen is shown in, with its offset.
 */
timeZone: string, language: Language, 
/**
 * Run the built-in sandbox: emulated clusters in this process.
 */
sandbox: boolean, };

export type StartupTiming = { 
/**
 * Milliseconds from process start to the UI's first rendered page.
 */
msSinceStart: number, };

/**
 * What a task list shows: one cluster (or all), one tenant of it (or all),
 * states, a range on the start time, and where the page starts.
 */
export type TaskQuery = { clusterId: ClusterId | null, 
/**
 * OceanBase's TENANT_ID within `cluster_id`.
 */
obTenantId: number | null, 
/**
 * Empty: any state.
 */
states: Array<TaskState>, from: UtcMicros | null, to: UtcMicros | null, 
/**
 * Recovery tasks only; backup tasks list newest first.
 */
sort: RestoreSortKey, ascending: boolean, after: PageCursor | null, limit: number, };

/**
 * Where a backup or restore task stands, for labels, colours and filters.
 */
export type TaskState = "inProgress" | "completed" | "failed" | "canceled" | "unknown";

/**
 * A tenant as the cache holds it: the cluster's record plus the desk's ids.
 */
export type Tenant = { id: TenantId, clusterId: ClusterId, clusterName: string, 
/**
 * The tenant belongs to an emulated sandbox cluster.
 */
sandbox: boolean, 
/**
 * OceanBase's TENANT_ID within its cluster.
 */
obTenantId: number, name: string, 
/**
 * SYS, USER or META.
 */
tenantType: string, 
/**
 * NORMAL, RESTORE, CREATING, DROPPING ...
 */
status: string, 
/**
 * PRIMARY, STANDBY, RESTORE ...
 */
role: string, 
/**
 * ARCHIVELOG or NOARCHIVELOG.
 */
logMode: string, unitNum: number, };

/**
 * The desk's own id of a tenant (a row id of the cache, not OceanBase's TENANT_ID).
 */
export type TenantId = number;

/**
 * A UTC instant in microseconds since the Unix epoch.
 *
 * Microseconds because OceanBase restore points are microsecond-precise; an
 * `i64` covers ±292,000 years and fits a JavaScript number exactly up to
 * year 2255, far beyond any backup.
 */
export type UtcMicros = number;

/** Every IPC command: its arguments (as `invoke` takes them) and its result. */
export type Commands = {
  app_status: { args: Record<string, never>; result: AppStatus };
  list_clusters: { args: Record<string, never>; result: Array<Cluster> };
  list_tenants: { args: { clusterId: ClusterId | null }; result: Array<Tenant> };
  get_tenant: { args: { tenantId: TenantId }; result: Tenant };
  get_settings: { args: Record<string, never>; result: Settings };
  set_settings: { args: { settings: Settings }; result: Settings };
  time_zones: { args: Record<string, never>; result: Array<string> };
  ui_rendered: { args: Record<string, never>; result: StartupTiming };
  backup_page_head: { args: { clusterId: ClusterId; obTenantId: number | null }; result: BackupPageHead };
  recoverable_period: { args: { clusterId: ClusterId; obTenantId: number | null; period: number }; result: PeriodView };
  backup_task_page: { args: { query: TaskQuery }; result: BackupTaskPage };
  restore_task_page: { args: { query: TaskQuery }; result: RestoreTaskPage };
  log_backup_tasks: { args: { clusterId: ClusterId; obTenantId: number | null }; result: Array<LogBackupRow> };
};

/** Events the shell emits. */
export const EVENTS = { cacheChanged: "cache-changed" } as const;
