//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "desk",
    version,
    about = "OB Backup Desk, headless: sync, list, export, import; back up, restore, cancel"
)]
pub struct Cli {
    /// The app's data dir (holds cache.sqlite3); default: the desktop app's own.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print the result as JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring clusters' backup state into the cache.
    Sync(SyncArgs),
    /// List cached tenants.
    Tenants(TenantsArgs),
    /// List backup jobs (the Data Backup Tasks tab), newest first.
    Tasks(TaskArgs),
    /// List restore jobs (the Recovery Tasks tab), newest first.
    Restores(TaskArgs),
    /// Write backup and restore history as the app exports it: JSON (which `desk import`
    /// and the app import) or CSV; times in UTC and in --zone, no secrets.
    Export(ExportArgs),
    /// Bring in a JSON history export (the app's or `desk export --format json`) as
    /// read-only clusters named `<cluster>@<label>`: all of it or, refused, none.
    Import(ImportArgs),
    /// Back up a tenant (or, without --tenant, every user tenant) now.
    Backup(BackupArgs),
    /// Restore a tenant's backups into a new tenant on the same cluster.
    Restore(RestoreArgs),
    /// Cancel a running backup or restore.
    Cancel(CancelArgs),
    /// A tenant's recoverable window from the cache, and the backup sets and archive
    /// pieces behind each stretch of it (offline: no connection).
    Window(WindowArgs),
    /// Backup strategies: list, show, add, edit, pause, resume, delete (as the app's
    /// Backup Strategy tab; add and edit apply the strategy to the cluster first).
    #[command(subcommand)]
    Strategy(StrategyCommand),
    /// The desk's journal of actions on a cluster, newest first (offline).
    Journal(JournalArgs),
}

#[derive(Debug, Subcommand)]
pub enum StrategyCommand {
    /// The cached strategies (all, or one cluster's).
    List {
        #[arg(long, value_name = "NAME")]
        cluster: Option<String>,
    },
    /// One strategy, its next runs and latest slots (`--json`: `.record.strategy` is
    /// the shape `add` and `edit` read).
    Show(StrategyIdArgs),
    /// Adds a strategy for a cluster (or one of its tenants) from a JSON file holding
    /// what the app saves: schedule, storage (null keeps the cluster's destinations),
    /// logBackup, retentionDays, alerts, paused.
    Add(StrategyAddArgs),
    /// Replaces a strategy's settings with a JSON file's (its cluster and scope stay).
    Edit(StrategyEditArgs),
    /// Stops a strategy's schedule until resumed.
    Pause(StrategyIdArgs),
    /// Runs a paused strategy's schedule again.
    Resume(StrategyIdArgs),
    /// Deletes a strategy; the cluster's destinations stay as they are.
    Delete(StrategyIdArgs),
}

#[derive(Debug, Args)]
pub struct StrategyIdArgs {
    #[arg(long, value_name = "ID")]
    pub id: i64,
}

/// How a strategy file reaches a cluster.
#[derive(Debug, Args)]
pub struct StrategyFileArgs {
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    /// The environment variable holding the object storage access key (OSS, COS, S3);
    /// without it, the key already kept for this scope is used.
    #[arg(long, value_name = "VAR")]
    pub secret_env: Option<String>,
    /// The environment variable holding the cluster's password.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Args)]
pub struct StrategyAddArgs {
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// A tenant's own strategy; without it, the cluster's.
    #[arg(long, value_name = "NAME")]
    pub tenant: Option<String>,
    #[command(flatten)]
    pub from: StrategyFileArgs,
}

#[derive(Debug, Args)]
pub struct StrategyEditArgs {
    #[arg(long, value_name = "ID")]
    pub id: i64,
    #[command(flatten)]
    pub from: StrategyFileArgs,
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
}

/// Which cached cluster to act on, and where its password comes from.
#[derive(Debug, Args)]
pub struct ActionArgs {
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    /// Name of the environment variable holding the sys tenant password (never the password itself).
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub action: ActionArgs,
    #[arg(long, value_name = "NAME")]
    pub tenant: Option<String>,
    /// Incremental (refused without a prior full backup); default Full.
    #[arg(long)]
    pub incremental: bool,
    #[arg(long)]
    pub plus_archivelog: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub action: ActionArgs,
    /// The tenant whose backups are restored.
    #[arg(long, value_name = "NAME")]
    pub tenant: String,
    /// The new tenant's name.
    #[arg(long, value_name = "NAME")]
    pub target_tenant: String,
    /// RFC 3339 with an offset, or "latest" (the default).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// A zone for a full replica; repeatable, in primary-zone priority order.
    #[arg(long = "zone", value_name = "ZONE")]
    pub zones: Vec<String>,
    #[arg(long, default_value_t = 2)]
    pub unit_cpu: u32,
    #[arg(long, default_value_t = 4)]
    pub unit_memory_gib: u32,
    #[arg(long, default_value_t = 1)]
    pub unit_num: u32,
}

#[derive(Debug, Args)]
pub struct CancelArgs {
    #[command(flatten)]
    pub action: ActionArgs,
    #[command(subcommand)]
    pub what: CancelWhat,
}

#[derive(Debug, Subcommand)]
pub enum CancelWhat {
    /// The running data backup of a tenant.
    Backup {
        #[arg(long, value_name = "NAME")]
        tenant: String,
    },
    /// A running restore, by its job id.
    Restore {
        #[arg(long)]
        job: i64,
    },
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only this cached cluster (or, with --host, the name to record it under).
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,
    /// Sync a cluster by address instead of the cached ones.
    #[arg(long, requires = "port")]
    pub host: Option<String>,
    #[arg(long)]
    pub port: Option<u16>,
    /// OceanBase user (`root@sys`, `root@sys#cluster`).
    #[arg(long, default_value = "root@sys")]
    pub user: String,
    /// Name of the environment variable holding the password (never the password itself).
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Args)]
pub struct WindowArgs {
    #[arg(long, value_name = "NAME")]
    pub cluster: String,
    #[arg(long, value_name = "NAME")]
    pub tenant: String,
}

#[derive(Debug, Args)]
pub struct TenantsArgs {
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,
}

/// The filters of the task lists, as on the page.
#[derive(Debug, Args, Clone)]
pub struct FilterArgs {
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,
    /// Tenant name (with --cluster when the name exists in several clusters).
    #[arg(long, value_name = "NAME")]
    pub tenant: Option<String>,
    /// Status as OceanBase spells it (COMPLETED, FAILED, ...); repeatable.
    #[arg(long = "status", value_name = "STATUS")]
    pub statuses: Vec<String>,
    /// Started at or after (RFC 3339 with an offset, e.g. 2026-11-20T08:00:00+08:00).
    #[arg(long, value_name = "TIME")]
    pub from: Option<String>,
    /// Started at or before (RFC 3339 with an offset).
    #[arg(long, value_name = "TIME")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct TaskArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Rows per page (1 to 1000).
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor (printed as `next` by the previous page).
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Backup,
    Restore,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: Format,
    /// Only backup jobs, or only restores; default both, as the app exports.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The zone of the file's local times (an IANA name, as the app's display zone).
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub zone: String,
    /// Write here instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export to read (at most 256 MiB, from any path).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Names the imported clusters `<cluster>@<label>`: 1 to 40 letters, digits, '-', '_' or '.'.
    #[arg(long, value_name = "LABEL")]
    pub label: String,
}
