// Generated from the Rust types by `cargo test -p ob-backup-desk --test bindings`
// (set UPDATE_BINDINGS=1 to rewrite). Do not edit by hand.

import type { Channel } from '@tauri-apps/api/core';

/**
 * The AccessKey pair an operator types for one send (a restore or its retry); never
 * kept. `Debug` shows neither.
 */
export type AccessKeys = { accessId: string, accessKey: string, };

/**
 * When the desk raises an alert.
 */
export type AlertThresholds = { dataBackupTimeoutMinutes: number, logLatencySeconds: number, daysWithoutDataBackup: number, };

/**
 * An amount done, of a total when the release reports one.
 */
export type Amount = { done: number, total: number | null, };

export type AppStatus = { version: string, cache: CacheStatus, };

/**
 * What an apply is doing, for the operator to watch.
 */
export type ApplyProgress = { 
/**
 * The tenant being configured; empty for a 3.x cluster as a whole.
 */
tenant: string, step: ApplyStep, 
/**
 * While the desk waits: the STATUS the cluster reports (the round's, the job's).
 */
clusterSays: string, waitedSecs: number, 
/**
 * The most the desk waits for this step; 0 when it does not wait.
 */
limitSecs: number, };

/**
 * What an apply did, for the UI to list.
 */
export type ApplyReport = { 
/**
 * Tenants configured.
 */
tenants: Array<string>, 
/**
 * Tenants left alone, and why (standby, restoring ...).
 */
skipped: Array<TenantNote>, 
/**
 * Destinations moved to the strategy's path: a new full backup is needed there.
 */
moved: Array<DestinationChange>, 
/**
 * Tenants whose running backup was canceled so that its destination could move
 * (empty name: the cluster's, on 3.x).
 */
canceledBackups: Array<string>, 
/**
 * What the operator should know that is not an error.
 */
notes: Array<TenantNote>, 
/**
 * Statements sent.
 */
statements: number, };

export type ApplyStep = "cancelingBackup" | "stoppingArchive" | "settingDestination" | "startingArchive" | "settingRetention";

/**
 * A row of `CDB_OB_ARCHIVELOG_PIECE_FILES`.
 */
export type ArchivePiece = { tenantId: number, 
/**
 * The archive destination (DEST_ID; 0 when the release does not say): a restore
 * reads the pieces of one destination at a time.
 */
destId: number, roundId: number, pieceId: number, status: PieceStatus, startScn: Scn, checkpointScn: Scn, maxScn: Scn, endScn: Scn, fileStatus: FileStatus, 
/**
 * Redacted.
 */
path: string, };

export type ArchiveStatus = "PREPARE" | "BEGINNING" | "DOING" | "INTERRUPTED" | "STOP" | "STOPPING" | "SUSPENDING" | "SUSPEND" | (string & {});

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
export type BackupKind = "physical" | "logical";

/**
 * A data backup's method.
 */
export type BackupMethod = "FULL" | "INCREMENTAL";

/**
 * Backup Now.
 */
export type BackupNow = { cluster: ClusterId, 
/**
 * A tenant's name; `None` backs up every user tenant of the cluster.
 */
tenant: string | null, method: BackupType, 
/**
 * Also back up the logs needed to make the set restorable on its own.
 */
plusArchivelog: boolean, };

/**
 * The overview card. Method, file size and latency are `None` when neither a
 * strategy nor the cluster's own configuration backs the tenant up (the seed shows
 * them only when a strategy exists; a cluster configured outside the desk counts).
 */
export type BackupOverview = { status: ScheduleStatus, backupMethod: BackupKind | null, 
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
showLogLatency: boolean, 
/**
 * What the cluster is configured with, for one tenant's page.
 */
clusterConfig: ClusterBackupConfig | null, };

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
tenantName: string | null, state: TaskState, 
/**
 * Who started it, from the desk's journal.
 */
source: TaskSource, 
/**
 * A running job's phase and progress from the last sync's cached tasks; `None` when
 * it is not running.
 */
progress: JobProgress | null, 
/**
 * The import's label when the row is imported history, not the live cluster's.
 */
importedFrom: string | null, job: BackupJob, };

export type BackupTaskStatus = "INIT" | "DOING" | "BACKUP_SYS_META" | "BACKUP_USER_META" | "BACKUP_META_FINISH" | "BACKUP_DATA_SYS" | "BACKUP_DATA_MINOR" | "BACKUP_DATA_MAJOR" | "BEFORE_BACKUP_LOG" | "BACKUP_LOG" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | (string & {});

export type BackupType = "FULL" | "INC" | (string & {});

/**
 * How the cache opened, shown in the top bar and on the Settings page.
 */
export type CacheStatus = { "kind": "ready", path: string, } | { "kind": "recovered", path: string, setAside: string, damage: string, } | { "kind": "readOnlyNewerSchema", path: string, found: number, supported: number, } | { "kind": "readOnlyFile", path: string, } | { "kind": "unavailable", path: string, message: string, };

/**
 * What the desk may do on this server, with the reason for each refusal.
 */
export type Capabilities = { 
/**
 * Any backup or restore at all.
 */
backup: boolean, 
/**
 * Why not, when `backup` is false.
 */
backupRefusal: Words | null, 
/**
 * Backup Now for a single tenant.
 */
tenantBackup: boolean, 
/**
 * Why not, when `tenant_backup` is false (shown on the disabled button).
 */
tenantBackupRefusal: Words | null, 
/**
 * 3.x: backup, archive and restore are cluster-level statements.
 */
clusterLevelOnly: boolean, };

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
lastError: Words | null, tenantCount: number, 
/**
 * History imported from an export file (its label): read-only, never synced.
 */
importedFrom: string | null, };

/**
 * How the cluster itself is set up to back a tenant up, as its views say
 * (`CDB_OB_BACKUP_PARAMETER`, `CDB_OB_ARCHIVE_DEST`, `CDB_OB_ARCHIVELOG`,
 * `CDB_OB_BACKUP_DELETE_POLICY`; on 3.x the cluster's `backup_dest`). Destinations are
 * redacted.
 */
export type ClusterBackupConfig = { dataBackupDest: string | null, logArchiveDest: string | null, 
/**
 * The latest archive round's status (DOING, STOP, INTERRUPTED ...).
 */
archiveStatus: ArchiveStatus | null, 
/**
 * PIECE_SWITCH_INTERVAL in seconds; 0 when unknown.
 */
pieceSwitchIntervalSecs: number, 
/**
 * The delete policy's RECOVERY_WINDOW (`7d`), if one is set.
 */
recoveryWindow: string | null, };

/**
 * The desk's own id of a cluster (a row id of the cache, not OceanBase's cluster id).
 */
export type ClusterId = number;

/**
 * A connection as the form edits it (no password).
 */
export type Connection = { name: string, host: string, port: number, 
/**
 * e.g. `root@sys` or `root@sys#obcluster` through OBProxy.
 */
user: string, tls: boolean, };

export type CycleMode = "WEEK" | "MONTH";

/**
 * One chosen day of the cycle and what runs on it; days not listed run nothing.
 */
export type DayPlan = { day: number, method: BackupMethod, };

/**
 * A destination a strategy would move: the tenant's current one (redacted) and the new
 * location. Backups at the old path stay there and a new full backup is needed
 * (`400.data-backup/720.change-the-backup-destination.md`, V4.1.0 to V4.3.3).
 */
export type DestinationChange = { tenant: string, kind: DestinationKind, from: string, to: string, };

/**
 * Which of a tenant's destinations a strategy points at.
 */
export type DestinationKind = "data" | "archive";

/**
 * What a strategy form needs to know about destinations before it is saved: what the
 * tenants have now, and what the strategy would move.
 */
export type DestinationReview = { 
/**
 * The tenants the strategy covers (primary user tenants), with their destinations.
 */
current: Array<TenantDestinations>, 
/**
 * 3.x: one `backup_dest` for the whole cluster.
 */
clusterLevel: boolean, 
/**
 * What saving `strategy` would move (empty without one, or when it keeps them).
 */
changes: Array<DestinationChange>, };

/**
 * Community (`OceanBase_CE ...` in the version comment) or Enterprise (`OceanBase ...`).
 */
export type Edition = "COMMUNITY" | "ENTERPRISE";

/**
 * Stable error codes. The UI matches on these, never on message text.
 */
export type ErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "CACHE_READ_ONLY" | "CACHE_UNAVAILABLE" | "SETTINGS_UNAVAILABLE" | "INTERNAL";

export type ExportFormat = "JSON" | "CSV";

export type ExportResult = { path: string, backupJobs: number, restoreJobs: number, };

/**
 * Why Retry or Clean Up cannot act on a failed restore; `None` where it can.
 */
export type FailedRestoreActions = { retry: Words | null, cleanUp: Words | null, };

export type FileStatus = "COPYING" | "AVAILABLE" | "DELETING" | "EXPIRED" | "INCOMPLETE" | "BROKEN" | "DELETED" | (string & {});

/**
 * Which task to follow.
 */
export type Follow = { cluster: ClusterId, kind: TaskKind, 
/**
 * The backup's tenant or the restore's target tenant.
 */
tenant: string, jobId: number, };

/**
 * The page's header: why each action is refused, if it is (`None` = allowed).
 */
export type HeaderRefusals = { 
/**
 * Backup Now (tenant): the seed's version gate.
 */
backupNow: Words | null, 
/**
 * Initiate Recovery: only when something is recoverable.
 */
initiateRecovery: Words | null, };

/**
 * What an import brought in.
 */
export type ImportReport = { clusters: Array<string>, backupJobs: number, restoreJobs: number, };

/**
 * Initiate Recovery.
 */
export type InitiateRecovery = { 
/**
 * Where the backup comes from (the page's cluster and tenant).
 */
sourceCluster: ClusterId, sourceTenant: string, 
/**
 * Where the new tenant is created; the same cluster in the sandbox.
 */
targetCluster: ClusterId, targetTenant: string, 
/**
 * `None` recovers to the latest recoverable point.
 */
until: UtcMicros | null, zones: Array<ZonePlacement>, unitCpu: number, unitMemoryGib: number, unitNum: number, 
/**
 * The AccessKey pair of the source's object storage, typed for this send only (never
 * stored); without it the desk uses the keys it holds for a strategy's destination.
 */
accessKeys?: AccessKeys, };

/**
 * The shell's own codes, or why an operation on a cluster did not happen.
 */
export type IpcCode = ErrorCode | OpErrorCode;

export type IpcError = { code: IpcCode, 
/**
 * In every language: the UI shows the current one.
 */
message: Words, field: string | null, 
/**
 * For a recovery time outside the window: the nearest recoverable times.
 */
nearest: NearestTimes | null, };

/**
 * A job's progress, as a progress cell shows it.
 */
export type JobProgress = { kind: TaskKind, 
/**
 * The phase as OceanBase spells it (BACKUP_DATA_MAJOR, RESTORING, RESTORE_SYS_REPLICA):
 * a backup task's STATUS, a restore's (see `restore_progress`); the job's status once it
 * has ended.
 */
phase: Phase, 
/**
 * 0..=100; 100 only when `terminal`.
 */
percent: number, terminal: boolean, 
/**
 * Bytes restored of the total (restores); bytes written so far, no total (backups).
 */
bytes: Amount | null, tablets: Amount | null, 
/**
 * Log streams (4.x restores, where the release reports them).
 */
logStreams: Amount | null, start: UtcMicros | null, end: UtcMicros | null, };

/**
 * What the operator (or a strategy's schedule) asked for.
 */
export type JournalAction = "BACKUP_TENANT" | "BACKUP_CLUSTER" | "CANCEL_BACKUP" | "START_LOG_BACKUP" | "STOP_LOG_BACKUP" | "RESTORE" | "CANCEL_RESTORE" | "RETRY_RESTORE" | "CLEAN_UP_RESTORE" | "ACTIVATE_TENANT" | "APPLY_STRATEGY";

/**
 * One journal row.
 */
export type JournalEntry = { id: number, cluster: ClusterId, 
/**
 * The tenant acted on; `None` for the whole cluster.
 */
tenantName: string | null, 
/**
 * The OS user the desk runs as, or `scheduler:<strategy id>`.
 */
actor: string, action: JournalAction, 
/**
 * Redacted JSON of the request.
 */
params: string, state: JournalState, 
/**
 * The largest job id of that kind on the cluster before sending.
 */
baselineJob: number, 
/**
 * The OceanBase job this action started, once seen.
 */
jobId: number | null, createdAt: UtcMicros, finishedAt: UtcMicros | null, errorCode: string | null, errorMessage: string | null, };

/**
 * Where an action stands.
 */
export type JournalState = "SENDING" | "SENT" | "CONFIRMED" | "FAILED" | "NOT_APPLIED";

/**
 * Languages the UI is translated into. One list: the Settings page offers
 * exactly these.
 */
export type Language = "en-US" | "zh-CN";

/**
 * The latest successful data backup.
 */
export type LastDataBackup = { backupSetId: number, backupType: BackupType, at: UtcMicros, bytes: number, };

/**
 * Log archiving, which point-in-time restore needs.
 */
export type LogBackup = { enabled: boolean, 
/**
 * How often the archive starts a new piece, in days (OceanBase: 1d to 7d).
 */
pieceSwitchDays: number, };

/**
 * A log backup row (from cached archive pieces, until archive rounds are cached).
 */
export type LogBackupRow = { clusterId: ClusterId, clusterName: string, tenantName: string | null, piece: ArchivePiece, start: UtcMicros | null, checkpoint: UtcMicros | null, };

/**
 * The recoverable instants either side of a refused recovery time.
 */
export type NearestTimes = { before: UtcMicros | null, after: UtcMicros | null, };

/**
 * A notice as the desktop and the UI show it.
 */
export type Notice = { 
/**
 * Same key, same condition: shown once until the condition clears.
 */
key: string, kind: NoticeKind, clusterId: ClusterId, title: string, body: string, };

/**
 * One list of what a notice is about; the UI labels and colours these.
 */
export type NoticeKind = "taskCompleted" | "taskFailed" | "dataBackupTimeout" | "logLatency" | "noDataBackup";

/**
 * Which notices the administrator wants; the Settings page edits it.
 */
export type NoticeSettings = { 
/**
 * A backup or recovery started from the desk (by hand) completed.
 */
taskCompleted: boolean, 
/**
 * A backup or recovery started from the desk (by hand or by a strategy) failed or was canceled.
 */
taskFailed: boolean, 
/**
 * A strategy's alert threshold tripped.
 */
strategyAlerts: boolean, };

/**
 * A validated OceanBase identifier: ASCII letter or `_` first, then ASCII
 * letters, digits and `_`, at most 64 characters. This is stricter than
 * OceanBase (which accepts some quoted forms) on purpose: such a name can be
 * written into `ALTER SYSTEM` text without quoting and never needs escaping.
 */
export type ObName = string;

/**
 * An OceanBase version such as `4.3.5.3` or `3.2.2-20220304134610`.
 */
export type ObVersion = string;

export type OpErrorCode = "INVALID_INPUT" | "BACKUP_NOT_SUPPORTED" | "VERSION_TOO_OLD" | "NO_BACKUP_DESTINATION" | "NO_ARCHIVE_DESTINATION" | "LOG_BACKUP_OFF" | "LOG_BACKUP_ALREADY_ON" | "FULL_BACKUP_NEEDED" | "BACKUP_RUNNING" | "NOTHING_TO_CANCEL" | "OUTSIDE_WINDOW" | "NOTHING_RECOVERABLE" | "TENANT_EXISTS" | "TENANT_MISSING" | "JOB_MISSING" | "NOT_FOUND" | "CACHE_READ_ONLY" | "ZONE_UNKNOWN" | "RESOURCE_NAME_TAKEN" | "NOT_FAILED" | "NEEDS_CLEAN_UP" | "NOT_RESTORED" | "IN_DOUBT" | "CREDENTIALS_NEEDED" | "UNREACHABLE" | "CLUSTER_REFUSED" | "CACHE" | "FILE_ACCESS" | "TARGET_CANNOT_RESTORE";

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

/**
 * The values a phase takes, for TypeScript: the UI words each one it knows.
 */
export type Phase = BackupTaskStatus | BackupJobStatus | RestoreStatus;

export type PieceStatus = "ACTIVE" | "FREEZING" | "FROZEN" | (string & {});

/**
 * Where a restored tenant can go on a cluster.
 */
export type PlacementOptions = { zones: Array<Zone>, pools: Array<ResourcePool>, units: Array<UnitConfig>, 
/**
 * The replica types this release takes in a restored tenant ([`replica_refusal`]).
 */
replicas: Array<Replica>, };

/**
 * What an operator is told when an action went out.
 */
export type Receipt = { journalId: number, state: JournalState, 
/**
 * The OceanBase job the action started, once seen.
 */
jobId: number | null, 
/**
 * What happened, in every language.
 */
message: Words, };

export type RecoverableRange = { start: UtcMicros, end: UtcMicros, };

/**
 * A cluster Initiate Recovery lists as a target, and why it cannot take the restore
 * (`None` when it can): every cluster is listed, so none is left out unexplained.
 */
export type RecoveryTarget = { clusterId: ClusterId, name: string, refusal: Words | null, };

export type Replica = "FULL" | "READ_ONLY" | "LOG";

export type ResourcePool = { name: string, 
/**
 * The tenant the pool is granted to; `None` while free.
 */
tenantId: number | null, unitCount: number, unitConfigId: number, zones: Array<string>, };

/**
 * A restore, from `CDB_OB_RESTORE_PROGRESS` (running) or `_HISTORY` (finished): one per
 * job. 4.x keeps two rows per job with one JOB_ID, the sys tenant's (TENANT_ID = 1,
 * the restore's own status) and the restored tenant's (its phase and figures); this is
 * the sys tenant's row with the tenant's phase and figures. 3.x keeps one row per job.
 */
export type RestoreJob = { 
/**
 * The row's TENANT_ID: 1 on 4.x (the sys tenant's job), the restored tenant on 3.x.
 */
tenantId: number, jobId: number, restoreTenantName: string, backupTenantName: string, backupClusterName: string, 
/**
 * Redacted.
 */
backupDest: string, restoreOption: string, restoreScn: Scn, status: RestoreStatus, 
/**
 * 4.x: the restored tenant's own job's STATUS (RESTORING, UPGRADE, ...), where it
 * has one yet; empty otherwise.
 */
phase: string, start: UtcMicros | null, finish: UtcMicros | null, backupSetList: string, backupPieceList: string, totalBytes: number, finishBytes: number, lsCount: number, finishLsCount: number, tabletCount: number, finishTabletCount: number, comment: string, description: string, 
/**
 * From the progress view (still running) rather than the history.
 */
running: boolean, };

/**
 * A restore job of a cluster, by its OceanBase job id.
 */
export type RestoreRef = { cluster: ClusterId, jobId: number, };

/**
 * The columns a recovery task list sorts by.
 */
export type RestoreSortKey = "id" | "startTime" | "endTime" | "recoveryTime";

export type RestoreStatus = "CREATE_TENANT" | "WAIT_TENANT_RESTORE_FINISH" | "RESTORING" | "RESTORE_PRE" | "RESTORE_CREATE_INIT_LS" | "PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN" | "RESTORE_WAIT_LS" | "RESTORE_SYS_REPLICA" | "UPGRADE_PRE" | "UPGRADE_POST" | "MODIFY_SCHEMA" | "CREATE_USER_PARTITIONS" | "RESTORE_USER_REPLICA" | "REBUILD_INDEX" | "POST_CHECK" | "UPGRADE" | "RESTORE_SUCCESS" | "RESTORE_FAIL" | "SUCCESS" | "FAIL" | "FAILED" | (string & {});

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
clusterId: ClusterId, targetCluster: string, state: TaskState, backupMethod: BackupKind, 
/**
 * The instant restored to.
 */
recoveryTime: UtcMicros | null, 
/**
 * A running restore's phase and progress from its cached row; `None` when it is not
 * running.
 */
progress: JobProgress | null, 
/**
 * The import's label when the row is imported history, not the live cluster's.
 */
importedFrom: string | null, 
/**
 * `job.backup_dest` is the storage directory, redacted.
 */
job: RestoreJob, };

/**
 * What the sandbox's fault tools can do to one of its clusters, so offline mode, a
 * failed recovery or a stuck backup can be tried without a real outage.
 */
export type SandboxFault = "takeOffline" | "bringOnline" | "failNextRestore" | "hangNextBackup";

/**
 * A saved strategy, and what applying it to the cluster did.
 */
export type SavedStrategy = { view: StrategyView, applied: ApplyReport, };

/**
 * When data backups run: the days of a week or month, at a local time in
 * the schedule's own zone (not the display zone).
 */
export type Schedule = { mode: CycleMode, days: Array<DayPlan>, timeOfDay: TimeOfDay, 
/**
 * IANA zone name, e.g. `Asia/Shanghai`.
 */
timeZone: string, };

/**
 * The overview card's Status (OCP's `backupScheduleStatus`).
 */
export type ScheduleStatus = "pendingScheduling" | "inProgress" | "noStrategy" | "paused" | "schedulingException" | "clusterConfigured";

/**
 * One run of a schedule: the slot's instant and what runs in it.
 */
export type ScheduledRun = { at: UtcMicros, method: BackupMethod, };

/**
 * An OceanBase SCN: nanoseconds since the Unix epoch.
 */
export type Scn = number;

/**
 * Which store the desk uses, for the UI to say.
 */
export type SecretBackend = { "kind": "keyring" } | { "kind": "session", reason: Words, };

/**
 * A keyring account holding a storage secret (the access key). Only the
 * name is stored; the secret stays in the OS keyring or in the session.
 */
export type SecretRef = string;

export type ServerFlavor = "OCEAN_BASE" | "SEEK_DB" | "EMULATOR";

export type ServerInfo = { flavor: ServerFlavor, edition: Edition, version: ObVersion, 
/**
 * `@@version_comment` as the server sent it.
 */
versionComment: string, capabilities: Capabilities, };

export type Settings = { 
/**
 * IANA zone every time on screen is shown in, with its offset.
 */
timeZone: string, language: Language, 
/**
 * Run the built-in sandbox: emulated clusters in this process.
 */
sandbox: boolean, 
/**
 * Which desktop notices to show.
 */
notices: NoticeSettings, };

/**
 * A slot of a strategy's schedule and what became of it.
 */
export type SlotRun = { slotAt: UtcMicros, method: BackupMethod, state: SlotState, attempts: number, 
/**
 * Stable code of the last failure.
 */
lastErrorCode: string | null, 
/**
 * The last failure's message, credentials redacted.
 */
lastError: Words | null, 
/**
 * OceanBase's JOB_ID of the backup, when known.
 */
obJobId: number | null, updatedAt: UtcMicros, };

/**
 * The state of one scheduled slot, as the desk recorded it.
 */
export type SlotState = "CLAIMED" | "LAUNCHED" | "FAILED" | "MISSED" | "SKIPPED";

export type StartupTiming = { 
/**
 * Milliseconds from process start to the UI's first rendered page.
 */
msSinceStart: number, };

export type StorageKind = "FILE" | "OSS" | "COS" | "S3";

/**
 * Where backups go. `path` is `/data/backup` for File and `bucket/dir` for
 * object storage; the desk appends `/<tenant>/data` and `/<tenant>/archive`,
 * because OceanBase wants every tenant's data and archive in their own path.
 */
export type StorageSpec = { kind: StorageKind, path: string, 
/**
 * Endpoint (OSS, COS, S3).
 */
host: string | null, 
/**
 * S3 region.
 */
region: string | null, 
/**
 * COS APPID.
 */
appId: string | null, 
/**
 * AccessKey id (OSS, COS, S3).
 */
accessId: string | null, 
/**
 * Keyring account of the AccessKey secret (OSS, COS, S3).
 */
secretRef: SecretRef | null, };

export type Strategy = { clusterId: ClusterId, scope: StrategyScope, 
/**
 * Where backups go; `None` keeps the destinations the cluster already has for each
 * tenant (set up with OCP, obshell or SQL): the desk then changes none of them.
 */
storage: StorageSpec | null, schedule: Schedule, logBackup: LogBackup, 
/**
 * The recovery window of the cluster's delete policy, in days.
 */
retentionDays: number, alerts: AlertThresholds, 
/**
 * Scheduling paused: nothing runs until enabled again.
 */
paused: boolean, };

/**
 * The desk's own id of a strategy (a row id of the cache).
 */
export type StrategyId = number;

/**
 * A strategy as the cache holds it.
 */
export type StrategyRecord = { id: StrategyId, strategy: Strategy, createdAt: UtcMicros, 
/**
 * Last edit, pause or enable; the scheduler never catches up slots before it.
 */
updatedAt: UtcMicros, };

/**
 * What a strategy covers. A tenant-level strategy overrides its cluster's.
 */
export type StrategyScope = { "level": "cluster" } | { "level": "tenant", obTenantId: number, tenantName: ObName, };

/**
 * What the Backup Strategy tab (and `desk strategy show`) shows for a tenant or a cluster.
 */
export type StrategyView = { record: StrategyRecord, 
/**
 * The tenant has no strategy of its own: this is its cluster's.
 */
inherited: boolean, 
/**
 * The next runs (5), in UTC microseconds.
 */
nextRuns: Array<ScheduledRun>, 
/**
 * The latest slots and what became of them, newest first.
 */
runs: Array<SlotRun>, 
/**
 * The access key is in the secret store (it is never sent back).
 */
secretStored: boolean, };

export type TaskKind = "BACKUP" | "RESTORE";

/**
 * One progress report.
 */
export type TaskProgress = { cluster: ClusterId, jobId: number, 
/**
 * The job's state, from its status as OceanBase names it (`status`).
 */
state: TaskState, status: string, progress: JobProgress, 
/**
 * For a failed job: the cluster's comment (redacted).
 */
comment: string, };

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
sort: RestoreSortKey, ascending: boolean, after: PageCursor | null, limit: number, 
/**
 * The task center's "Show imported history": rows of imported clusters, which
 * are otherwise never listed beside live ones (each comes marked with its label).
 */
includeImported: boolean, };

/**
 * Who started a backup job.
 */
export type TaskSource = "manual" | "scheduled" | "outsideTheDesk";

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
 * The import's label when the tenant is imported history, not a live cluster's.
 */
importedFrom: string | null, 
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
 * A tenant of the cluster, for a per-tenant action.
 */
export type TenantAction = { cluster: ClusterId, tenant: string, };

/**
 * A tenant's destinations as the cache last saw them (redacted).
 */
export type TenantDestinations = { tenant: string, obTenantId: number, dataBackupDest: string | null, logArchiveDest: string | null, };

/**
 * The desk's own id of a tenant (a row id of the cache, not OceanBase's TENANT_ID).
 */
export type TenantId = number;

/**
 * Something said about one tenant.
 */
export type TenantNote = { tenant: string, why: Words, };

/**
 * A local time of day, `HH:MM` on the wire.
 */
export type TimeOfDay = string;

/**
 * A recoverable range, in UTC microseconds (inclusive).
 */
export type TimeRange = { start: UtcMicros, end: UtcMicros, };

export type UnitConfig = { id: number, name: string, maxCpu: number, memoryBytes: number, };

/**
 * A UTC instant in microseconds since the Unix epoch.
 *
 * Microseconds because OceanBase restore points are microsecond-precise; an
 * `i64` covers ±292,000 years and fits a JavaScript number exactly up to
 * year 2255, far beyond any backup.
 */
export type UtcMicros = number;

/**
 * One sentence in each language of [`Language::ALL`]. Keyed by the language
 * codes the UI uses, so the UI picks with `words[language]`.
 */
export type Words = { "en-US": string, "zh-CN": string, };

export type Zone = { name: string, 
/**
 * ACTIVE, INACTIVE ...
 */
status: string, region: string, };

/**
 * One zone of the restored tenant.
 */
export type ZonePlacement = { zone: string, replica: Replica, 
/**
 * Priority for the primary zone: 1 is first; equal numbers share.
 */
priority: number, };

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
  backup_now: { args: { req: BackupNow }; result: Receipt };
  cancel_backup: { args: { req: TenantAction }; result: Receipt };
  set_log_backup: { args: { req: TenantAction; on: boolean }; result: Receipt };
  initiate_recovery: { args: { req: InitiateRecovery }; result: Receipt };
  cancel_restore: { args: { restore: RestoreRef }; result: Receipt };
  retry_restore: { args: { restore: RestoreRef; accessKeys: AccessKeys | null }; result: Receipt };
  clean_up_restore: { args: { restore: RestoreRef }; result: Receipt };
  failed_restore_actions: { args: { restore: RestoreRef }; result: FailedRestoreActions };
  activate_tenant: { args: { cluster: ClusterId; tenant: string }; result: Receipt };
  follow_task: { args: { task: Follow; progress: Channel<TaskProgress> }; result: TaskProgress };
  journal: { args: { cluster: ClusterId }; result: Array<JournalEntry> };
  recoverable_ranges: { args: { cluster: ClusterId; obTenantId: number }; result: Array<TimeRange> };
  check_recovery_time: { args: { cluster: ClusterId; obTenantId: number; at: UtcMicros }; result: null };
  recovery_targets: { args: { cluster: ClusterId }; result: Array<RecoveryTarget> };
  placement_options: { args: { cluster: ClusterId }; result: PlacementOptions };
  effective_strategy: { args: { cluster: ClusterId; obTenantId: number | null }; result: StrategyView | null };
  list_strategies: { args: { cluster: ClusterId | null }; result: Array<StrategyRecord> };
  preview_strategy: { args: { strategy: Strategy }; result: Array<ScheduledRun> };
  secret_backend: { args: Record<string, never>; result: SecretBackend };
  review_destinations: { args: { cluster: ClusterId; scope: StrategyScope; strategy: Strategy | null }; result: DestinationReview };
  save_strategy: { args: { id: StrategyId | null; strategy: Strategy; secret: string | null; progress: Channel<ApplyProgress> }; result: SavedStrategy };
  set_strategy_paused: { args: { id: StrategyId; paused: boolean }; result: StrategyRecord };
  delete_strategy: { args: { id: StrategyId }; result: null };
  test_cluster_connection: { args: { connection: Connection; password: string }; result: ServerInfo };
  add_cluster: { args: { connection: Connection; password: string }; result: ClusterId };
  update_cluster: { args: { cluster: ClusterId; connection: Connection; password: string | null }; result: null };
  set_cluster_password: { args: { cluster: ClusterId; password: string }; result: null };
  sync_now: { args: { cluster: ClusterId }; result: null };
  get_connection: { args: { cluster: ClusterId }; result: Connection | null };
  remove_cluster: { args: { cluster: ClusterId }; result: null };
  export_history: { args: { format: ExportFormat; cluster: ClusterId | null; from: UtcMicros | null; to: UtcMicros | null; directory: string | null }; result: ExportResult };
  import_history: { args: { path: string; label: string }; result: ImportReport };
  backup_page_head: { args: { clusterId: ClusterId; obTenantId: number | null }; result: BackupPageHead };
  recoverable_period: { args: { clusterId: ClusterId; obTenantId: number | null; period: number }; result: PeriodView };
  backup_task_page: { args: { query: TaskQuery }; result: BackupTaskPage };
  restore_task_page: { args: { query: TaskQuery }; result: RestoreTaskPage };
  log_backup_tasks: { args: { clusterId: ClusterId | null; obTenantId: number | null }; result: Array<LogBackupRow> };
  sandbox_fault: { args: { cluster: ClusterId; fault: SandboxFault }; result: null };
};

/** Events the shell emits. */
export const EVENTS = { cacheChanged: "cache-changed", notice: "notice" } as const;
