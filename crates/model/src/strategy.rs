//! Backup strategies: what the desk backs up, where, when, and how long it keeps it.
//!
//! A strategy is owned by the desk (stored in its cache, applied to the cluster
//! on save). It never holds a credential: the storage spec names a keyring
//! account ([`SecretRef`]) and the secret is given at the moment a URI is built.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::names::InvalidInput;
use crate::storage::{is_aws_endpoint, StorageKind, StorageUri};
use crate::words;
use crate::words::Words;
use crate::{ClusterId, ObName, UtcMicros};

/// The desk's own id of a strategy (a row id of the cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct StrategyId(pub i64);

/// What a strategy covers. A tenant-level strategy overrides its cluster's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "level", rename_all = "camelCase")]
pub enum StrategyScope {
    /// Every user tenant of the cluster.
    Cluster,
    /// One tenant, by OceanBase's TENANT_ID (stable across renames) and name.
    #[serde(rename_all = "camelCase")]
    Tenant {
        #[ts(type = "number")]
        ob_tenant_id: i64,
        tenant_name: ObName,
    },
}

impl StrategyScope {
    pub fn ob_tenant_id(&self) -> Option<i64> {
        match self {
            StrategyScope::Cluster => None,
            StrategyScope::Tenant { ob_tenant_id, .. } => Some(*ob_tenant_id),
        }
    }

    pub fn tenant_name(&self) -> Option<&ObName> {
        match self {
            StrategyScope::Cluster => None,
            StrategyScope::Tenant { tenant_name, .. } => Some(tenant_name),
        }
    }
}

/// A keyring account holding a storage secret (the access key). Only the
/// name is stored; the secret stays in the OS keyring or in the session.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct SecretRef(String);

impl SecretRef {
    pub fn parse(value: &str) -> Result<SecretRef, InvalidInput> {
        let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
        if value.is_empty() || value.len() > 128 || !value.chars().all(ok_char) {
            return Err(InvalidInput::new(
                "secretRef",
                words!(
                    "must be 1 to 128 ASCII letters, digits, '-', '_', '.' or ':'",
                    "必须是 1 到 128 个 ASCII 字母、数字、'-'、'_'、'.' 或 ':'"
                ),
            ));
        }
        Ok(SecretRef(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A storage secret (access key), given when a URI is built. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct StorageSecret(String);

impl StorageSecret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for StorageSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StorageSecret(***)")
    }
}

/// Where backups go. `path` is `/data/backup` for File and `bucket/dir` for
/// object storage; the desk appends `/<tenant>/data` and `/<tenant>/archive`,
/// because OceanBase wants every tenant's data and archive in their own path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StorageSpec {
    pub kind: StorageKind,
    pub path: String,
    /// Endpoint (OSS, COS, S3).
    pub host: Option<String>,
    /// S3 region.
    pub region: Option<String>,
    /// COS APPID.
    pub app_id: Option<String>,
    /// AccessKey id (OSS, COS, S3).
    pub access_id: Option<String>,
    /// Keyring account of the AccessKey secret (OSS, COS, S3).
    pub secret_ref: Option<SecretRef>,
}

/// A data backup's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BackupMethod {
    Full,
    Incremental,
}

impl BackupMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupMethod::Full => "FULL",
            BackupMethod::Incremental => "INCREMENTAL",
        }
    }

    pub fn parse(text: &str) -> Option<BackupMethod> {
        [BackupMethod::Full, BackupMethod::Incremental]
            .into_iter()
            .find(|m| m.as_str() == text)
    }

    /// Of two methods due on one day, Full wins: it serves both.
    pub fn stronger(self, other: BackupMethod) -> BackupMethod {
        if self == BackupMethod::Full || other == BackupMethod::Full {
            BackupMethod::Full
        } else {
            BackupMethod::Incremental
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CycleMode {
    /// `day` is the ISO weekday: 1 = Monday ... 7 = Sunday.
    Week,
    /// `day` is the day of the month, 1 ... 31; 29 to 31 run on a shorter month's last day.
    Month,
}

/// One chosen day of the cycle and what runs on it; days not listed run nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayPlan {
    pub day: u8,
    pub method: BackupMethod,
}

/// A local time of day, `HH:MM` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

impl TimeOfDay {
    pub fn new(hour: u8, minute: u8) -> Result<TimeOfDay, InvalidInput> {
        if hour > 23 || minute > 59 {
            return Err(InvalidInput::new(
                "timeOfDay",
                words!(
                    "must be a time between 00:00 and 23:59",
                    "必须是 00:00 到 23:59 之间的时间"
                ),
            ));
        }
        Ok(TimeOfDay { hour, minute })
    }

    pub fn parse(text: &str) -> Result<TimeOfDay, InvalidInput> {
        let bad = || {
            InvalidInput::new(
                "timeOfDay",
                words!(
                    "must be HH:MM, between 00:00 and 23:59",
                    "格式必须为 HH:MM，在 00:00 到 23:59 之间"
                ),
            )
        };
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        TimeOfDay::new(h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).map_err(|_| bad())
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TimeOfDay::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// When data backups run: the days of a week or month, at a local time in
/// the schedule's own zone (not the display zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    pub mode: CycleMode,
    pub days: Vec<DayPlan>,
    pub time_of_day: TimeOfDay,
    /// IANA zone name, e.g. `Asia/Shanghai`.
    pub time_zone: String,
}

/// OCP's limit on a month cycle.
pub const MAX_MONTH_DAYS: usize = 10;

impl Schedule {
    pub fn validate(&self) -> Result<(), InvalidInput> {
        let (range, unit) = match self.mode {
            CycleMode::Week => (
                1..=7u8,
                Words::new("a weekday 1 (Monday) to 7 (Sunday)", "1（周一）到 7（周日）之间的星期"),
            ),
            CycleMode::Month => (
                1..=31u8,
                Words::new("a day of the month, 1 to 31", "1 到 31 之间的日期"),
            ),
        };
        for (i, plan) in self.days.iter().enumerate() {
            let day = plan.day;
            if !range.contains(&day) {
                let (en, zh) = (&unit.en, &unit.zh);
                return Err(InvalidInput::new(
                    "days",
                    words!("day {day} is not {en}", "第 {day} 天不是{zh}"),
                ));
            }
            if self.days[..i].iter().any(|p| p.day == day) {
                return Err(InvalidInput::new(
                    "days",
                    words!("day {day} is chosen twice", "第 {day} 天被选了两次"),
                ));
            }
        }
        if self.mode == CycleMode::Month && self.days.len() > MAX_MONTH_DAYS {
            return Err(InvalidInput::new("days", {
                let got = self.days.len();
                words!(
                    "a month cycle has at most {MAX_MONTH_DAYS} days (got {got})",
                    "按月周期最多选择 {MAX_MONTH_DAYS} 天（实际为 {got} 天）"
                )
            }));
        }
        if !self.days.iter().any(|p| p.method == BackupMethod::Full) {
            return Err(InvalidInput::new(
                "days",
                words!("choose at least one day with a Full backup", "请至少选择一天做全量备份"),
            ));
        }
        self.zone()?;
        Ok(())
    }

    pub fn zone(&self) -> Result<chrono_tz::Tz, InvalidInput> {
        self.time_zone.parse::<chrono_tz::Tz>().map_err(|_| {
            InvalidInput::new("timeZone", {
                let zone: String = self.time_zone.chars().take(40).collect();
                words!(
                    "{zone:?} is not an IANA time zone name (for example Asia/Shanghai or UTC)",
                    "{zone:?} 不是 IANA 时区名称（例如 Asia/Shanghai 或 UTC）"
                )
            })
        })
    }
}

/// Log archiving, which point-in-time restore needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogBackup {
    pub enabled: bool,
    /// How often the archive starts a new piece, in days (OceanBase: 1d to 7d).
    pub piece_switch_days: u8,
}

/// When the desk raises an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertThresholds {
    pub data_backup_timeout_minutes: u32,
    pub log_latency_seconds: u32,
    pub days_without_data_backup: u32,
}

impl Default for AlertThresholds {
    fn default() -> Self {
        Self {
            data_backup_timeout_minutes: 360,
            log_latency_seconds: 600,
            days_without_data_backup: 2,
        }
    }
}

/// The longest recovery window the delete policy takes (the connector's rule).
pub const MAX_RETENTION_DAYS: u32 = 3650;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Strategy {
    pub cluster_id: ClusterId,
    pub scope: StrategyScope,
    /// Where backups go; `None` keeps the destinations the cluster already has for each
    /// tenant (set up with OCP, obshell or SQL): the desk then changes none of them.
    pub storage: Option<StorageSpec>,
    pub schedule: Schedule,
    pub log_backup: LogBackup,
    /// The recovery window of the cluster's delete policy, in days.
    pub retention_days: u32,
    pub alerts: AlertThresholds,
    /// Scheduling paused: nothing runs until enabled again.
    pub paused: bool,
}

/// A strategy as the cache holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StrategyRecord {
    pub id: StrategyId,
    pub strategy: Strategy,
    pub created_at: UtcMicros,
    /// Last edit, pause or enable; the scheduler never catches up slots before it.
    pub updated_at: UtcMicros,
}

/// A count of days or minutes, named in each language.
#[derive(Clone, Copy)]
enum Unit {
    Days,
    Minutes,
    Seconds,
}

fn range(field: &'static str, value: u32, lo: u32, hi: u32, unit: Unit) -> Result<(), InvalidInput> {
    if (lo..=hi).contains(&value) {
        return Ok(());
    }
    Err(InvalidInput::new(
        field,
        match unit {
            Unit::Days => words!("must be between {lo} and {hi} days", "必须在 {lo} 到 {hi} 天之间"),
            Unit::Minutes => words!("must be between {lo} and {hi} minutes", "必须在 {lo} 到 {hi} 分钟之间"),
            Unit::Seconds => words!("must be between {lo} and {hi} seconds", "必须在 {lo} 到 {hi} 秒之间"),
        },
    ))
}

impl Strategy {
    /// Checks every rule of the form; the error names the first field that breaks one.
    pub fn validate(&self) -> Result<(), InvalidInput> {
        if let StrategyScope::Tenant {
            ob_tenant_id,
            tenant_name,
        } = &self.scope
        {
            if *ob_tenant_id <= 1 {
                return Err(InvalidInput::new(
                    "tenantName",
                    words!(
                        "the sys tenant cannot be backed up: choose a user tenant",
                        "sys 租户不能备份：请选择一个用户租户"
                    ),
                ));
            }
            ObName::user_tenant("tenantName", tenant_name.as_str())?;
        }
        if let Some(storage) = &self.storage {
            storage.validate()?;
        }
        self.schedule.validate()?;
        if self.log_backup.enabled || self.log_backup.piece_switch_days != 0 {
            range(
                "pieceSwitchDays",
                self.log_backup.piece_switch_days.into(),
                1,
                7,
                Unit::Days,
            )?;
        }
        range("retentionDays", self.retention_days, 1, MAX_RETENTION_DAYS, Unit::Days)?;
        range(
            "dataBackupTimeoutMinutes",
            self.alerts.data_backup_timeout_minutes,
            1,
            7 * 24 * 60,
            Unit::Minutes,
        )?;
        range(
            "logLatencySeconds",
            self.alerts.log_latency_seconds,
            1,
            7 * 86_400,
            Unit::Seconds,
        )?;
        range(
            "daysWithoutDataBackup",
            self.alerts.days_without_data_backup,
            1,
            365,
            Unit::Days,
        )?;
        Ok(())
    }
}

/// Characters of a storage path: enough for directories and buckets, nothing
/// that could end the URI, start its query or quote a statement.
fn path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '.')
}

/// A host, region or APPID: a query parameter value.
fn check_param(field: &'static str, value: Option<&str>, what: Words) -> Result<(), InvalidInput> {
    let v = value.unwrap_or_default();
    if v.is_empty() {
        let (en, zh) = (&what.en, &what.zh);
        return Err(InvalidInput::new(
            field,
            words!("{en} is required for this storage type", "该存储类型必须填写{zh}"),
        ));
    }
    if v.len() > 256
        || !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
    {
        return Err(InvalidInput::new(
            field,
            words!(
                "may contain only ASCII letters, digits, '.', '-', '_' and ':' (at most 256)",
                "只能包含 ASCII 字母、数字、'.'、'-'、'_' 和 ':'（最多 256 个字符）"
            ),
        ));
    }
    Ok(())
}

impl StorageSpec {
    pub fn validate(&self) -> Result<(), InvalidInput> {
        let p = &self.path;
        if p.is_empty() {
            return Err(InvalidInput::new(
                "storagePath",
                words!("must not be empty", "不能为空"),
            ));
        }
        if p.len() > 512 || !p.chars().all(path_char) {
            return Err(InvalidInput::new(
                "storagePath",
                words!(
                    "may contain only ASCII letters, digits, '/', '_', '-' and '.' (at most 512)",
                    "只能包含 ASCII 字母、数字、'/'、'_'、'-' 和 '.'（最多 512 个字符）"
                ),
            ));
        }
        if p.split('/').any(|seg| seg == "..") {
            return Err(InvalidInput::new(
                "storagePath",
                words!("must not contain '..'", "不能包含 '..'"),
            ));
        }
        match self.kind {
            StorageKind::File => {
                if !p.starts_with('/') || p.len() < 2 {
                    return Err(InvalidInput::new(
                        "storagePath",
                        words!(
                            "a File (NFS) path is absolute, like /data/backup",
                            "File（NFS）路径必须是绝对路径，例如 /data/backup"
                        ),
                    ));
                }
                for (field, v) in [
                    ("host", &self.host),
                    ("region", &self.region),
                    ("appId", &self.app_id),
                    ("accessId", &self.access_id),
                ] {
                    if v.is_some() {
                        return Err(InvalidInput::new(
                            field,
                            words!(
                                "a File (NFS) destination takes no credentials",
                                "File（NFS）目的地不需要凭据"
                            ),
                        ));
                    }
                }
                if self.secret_ref.is_some() {
                    return Err(InvalidInput::new(
                        "secretRef",
                        words!(
                            "a File (NFS) destination takes no credentials",
                            "File（NFS）目的地不需要凭据"
                        ),
                    ));
                }
            }
            kind => {
                let bucket = p.split('/').next().unwrap_or_default();
                if bucket.is_empty() || p.len() <= bucket.len() + 1 || p.ends_with('/') {
                    return Err(InvalidInput::new("storagePath", {
                        let scheme = kind.scheme();
                        words!(
                            "needs a bucket and a directory, like bucket/backup (no {scheme}://)",
                            "需要存储桶和目录，例如 bucket/backup（不带 {scheme}://）"
                        )
                    }));
                }
                check_param("host", self.host.as_deref(), Words::new("the endpoint", " Endpoint"))?;
                check_param(
                    "accessId",
                    self.access_id.as_deref(),
                    Words::new("the AccessKey id", " AccessKey ID"),
                )?;
                match &self.secret_ref {
                    Some(r) => {
                        SecretRef::parse(r.as_str())?;
                    }
                    None => {
                        return Err(InvalidInput::new(
                            "secretRef",
                            words!("the AccessKey secret is required", "必须填写 AccessKey Secret"),
                        ))
                    }
                }
                if kind == StorageKind::Cos {
                    check_param("appId", self.app_id.as_deref(), Words::new("the APPID", " APPID"))?;
                } else if self.app_id.is_some() {
                    return Err(InvalidInput::new(
                        "appId",
                        words!("only COS takes an APPID", "只有 COS 需要 APPID"),
                    ));
                }
                // Only AWS needs s3_region: OceanBase's S3 client leaves the region to the
                // SDK when none is given (deps/oblib/src/lib/restore/ob_storage_s3_base.cpp),
                // and the docs give it for AWS only (V4.3.3 set-log-archive-dest; the OBS,
                // GCS and COS-over-S3 examples of V4.2.5 and V4.3.3 omit it).
                let aws = self.host.as_deref().is_some_and(is_aws_endpoint);
                if kind == StorageKind::S3 && aws && self.region.is_none() {
                    return Err(InvalidInput::new(
                        "region",
                        words!(
                            "an AWS S3 endpoint needs the bucket's region",
                            "AWS S3 端点必须填写存储桶所在的 Region"
                        ),
                    ));
                }
                if kind == StorageKind::S3 && self.region.is_some() {
                    check_param("region", self.region.as_deref(), Words::new("the region", " Region"))?;
                } else if kind != StorageKind::S3 && self.region.is_some() {
                    return Err(InvalidInput::new(
                        "region",
                        words!("only S3 takes a region", "只有 S3 需要 Region"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Where `subpath` (e.g. `["trade", "data"]`) under the storage path points, without
    /// parameters or credentials: `oss://bucket/dir/trade/data`, as the cluster's views
    /// show a destination's location.
    pub fn location(&self, subpath: &[&str]) -> Result<String, InvalidInput> {
        self.validate()?;
        let mut path = self.path.trim_end_matches('/').to_owned();
        for seg in subpath {
            if seg.is_empty() || !seg.chars().all(path_char) || seg.contains('/') || *seg == ".." {
                return Err(InvalidInput::new(
                    "storagePath",
                    words!("{seg:?} is not a path segment", "{seg:?} 不是合法的路径段"),
                ));
            }
            path.push('/');
            path.push_str(seg);
        }
        Ok(format!("{}://{path}", self.kind.scheme()))
    }

    /// The destination URI of `subpath` (e.g. `["trade", "data"]`) under the
    /// storage path, with the secret given now. The result prints redacted.
    pub fn uri(&self, subpath: &[&str], secret: Option<&StorageSecret>) -> Result<StorageUri, InvalidInput> {
        let mut text = self.location(subpath)?;
        if self.kind != StorageKind::File {
            let secret = secret.ok_or_else(|| {
                InvalidInput::new(
                    "secretRef",
                    words!("the AccessKey secret is required", "必须填写 AccessKey Secret"),
                )
            })?;
            let s = secret.expose();
            // The secret goes into the URI's query: anything that could end the
            // value, its redaction or the statement is refused rather than escaped.
            if s.is_empty()
                || !s.chars().all(|c| {
                    c.is_ascii_graphic() && !matches!(c, '&' | '\'' | '"' | '\\' | ',' | ';' | '`' | '?' | '#' | ')')
                })
            {
                return Err(InvalidInput::new(
                    "secret",
                    words!(
                        "the AccessKey secret must be printable ASCII without & ' \" \\ , ; ` ? # )",
                        "AccessKey Secret 必须是可打印 ASCII 字符，且不能包含 & ' \" \\ , ; ` ? # )"
                    ),
                ));
            }
            text.push_str(&format!(
                "?host={}&access_id={}&access_key={s}",
                self.host.as_deref().unwrap_or_default(),
                self.access_id.as_deref().unwrap_or_default(),
            ));
            if let Some(app) = &self.app_id {
                text.push_str(&format!("&appid={app}"));
            }
            if let Some(region) = &self.region {
                text.push_str(&format!("&s3_region={region}"));
            }
        }
        StorageUri::parse("storagePath", &text)
    }
}

/// Which of a tenant's destinations a strategy points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DestinationKind {
    Data,
    Archive,
}

/// A destination a strategy would move: the tenant's current one (redacted) and the new
/// location. Backups at the old path stay there and a new full backup is needed
/// (`400.data-backup/720.change-the-backup-destination.md`, V4.1.0 to V4.3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DestinationChange {
    pub tenant: String,
    pub kind: DestinationKind,
    pub from: String,
    pub to: String,
}

impl Strategy {
    /// The data and archive locations this strategy gives `tenant`: 4.x,
    /// `<path>/<tenant>/data` and `<path>/<tenant>/archive` (OceanBase wants each in its
    /// own directory); 3.x, the one `backup_dest` of the cluster for both. `None` when the
    /// strategy keeps the cluster's destinations.
    pub fn locations_for(&self, tenant: &str, cluster_level: bool) -> Result<Option<(String, String)>, InvalidInput> {
        let Some(storage) = &self.storage else {
            return Ok(None);
        };
        if cluster_level {
            let one = storage.location(&[])?;
            return Ok(Some((one.clone(), one)));
        }
        Ok(Some((
            storage.location(&[tenant, "data"])?,
            storage.location(&[tenant, "archive"])?,
        )))
    }

    /// The destinations applying this strategy would move, given each tenant's current
    /// ones `(tenant name, data, archive)` (redacted, as the views show them). A tenant
    /// without a destination gains one: that moves nothing.
    pub fn destination_changes(
        &self,
        current: &[(String, Option<String>, Option<String>)],
        cluster_level: bool,
    ) -> Result<Vec<DestinationChange>, InvalidInput> {
        let mut out = Vec::new();
        for (tenant, data, archive) in current {
            let Some((to_data, to_archive)) = self.locations_for(tenant, cluster_level)? else {
                return Ok(Vec::new());
            };
            for (kind, from, to) in [
                (DestinationKind::Data, data, to_data),
                (DestinationKind::Archive, archive, to_archive),
            ] {
                if let Some(from) = from.as_deref().filter(|f| !f.trim().is_empty()) {
                    if !crate::storage::same_location(from, &to) {
                        out.push(DestinationChange {
                            tenant: tenant.clone(),
                            kind,
                            from: crate::storage::redact(from),
                            to,
                        });
                    }
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn file_strategy() -> Strategy {
        Strategy {
            cluster_id: ClusterId(1),
            scope: StrategyScope::Cluster,
            storage: Some(StorageSpec {
                kind: StorageKind::File,
                path: "/data/backup".into(),
                host: None,
                region: None,
                app_id: None,
                access_id: None,
                secret_ref: None,
            }),
            schedule: Schedule {
                mode: CycleMode::Week,
                days: vec![
                    DayPlan {
                        day: 1,
                        method: BackupMethod::Full,
                    },
                    DayPlan {
                        day: 4,
                        method: BackupMethod::Incremental,
                    },
                ],
                time_of_day: TimeOfDay::new(2, 0).unwrap(),
                time_zone: "Asia/Shanghai".into(),
            },
            log_backup: LogBackup {
                enabled: true,
                piece_switch_days: 1,
            },
            retention_days: 7,
            alerts: AlertThresholds::default(),
            paused: false,
        }
    }

    fn s3_spec() -> StorageSpec {
        StorageSpec {
            kind: StorageKind::S3,
            path: "bkt/ob".into(),
            host: Some("s3.us-east-1.amazonaws.com".into()),
            region: Some("us-east-1".into()),
            app_id: None,
            access_id: Some("AKIDEXAMPLE".into()),
            secret_ref: Some(SecretRef::parse("storage:s3-prod").unwrap()),
        }
    }

    /// Data-driven: a change to a valid strategy, and the field the form marks.
    #[test]
    fn each_broken_rule_names_its_field() {
        type Edit = fn(&mut Strategy);
        let cases: Vec<(Edit, &str)> = vec![
            (|s| s.schedule.days.retain(|d| d.method != BackupMethod::Full), "days"),
            (|s| s.schedule.days.clear(), "days"),
            (|s| s.schedule.days[0].day = 8, "days"),
            (|s| s.schedule.days[1].day = 1, "days"),
            (
                |s| {
                    s.schedule.mode = CycleMode::Month;
                    s.schedule.days = (1..=11)
                        .map(|day| DayPlan {
                            day,
                            method: BackupMethod::Full,
                        })
                        .collect();
                },
                "days",
            ),
            (
                |s| {
                    s.schedule.mode = CycleMode::Month;
                    s.schedule.days[0].day = 32;
                },
                "days",
            ),
            (|s| s.schedule.time_zone = "Mars/Olympus".into(), "timeZone"),
            (|s| s.log_backup.piece_switch_days = 8, "pieceSwitchDays"),
            (|s| s.log_backup.piece_switch_days = 0, "pieceSwitchDays"),
            (|s| s.retention_days = 0, "retentionDays"),
            (|s| s.retention_days = 3651, "retentionDays"),
            (|s| s.alerts.data_backup_timeout_minutes = 0, "dataBackupTimeoutMinutes"),
            (|s| s.alerts.log_latency_seconds = 0, "logLatencySeconds"),
            (|s| s.alerts.days_without_data_backup = 0, "daysWithoutDataBackup"),
            (
                |s| s.storage.as_mut().unwrap().path = "data/backup".into(),
                "storagePath",
            ),
            (
                |s| s.storage.as_mut().unwrap().path = "/data/backup'; DROP".into(),
                "storagePath",
            ),
            (
                |s| s.storage.as_mut().unwrap().path = "/data/../etc".into(),
                "storagePath",
            ),
            (|s| s.storage.as_mut().unwrap().path = "/data?x=1".into(), "storagePath"),
            (|s| s.storage.as_mut().unwrap().access_id = Some("x".into()), "accessId"),
            (
                |s| {
                    s.scope = StrategyScope::Tenant {
                        ob_tenant_id: 1,
                        tenant_name: ObName::parse("t", "sys").unwrap(),
                    }
                },
                "tenantName",
            ),
            (|s| s.storage = Some(s3_spec_missing_region()), "region"),
        ];
        for (i, (edit, field)) in cases.into_iter().enumerate() {
            let mut s = file_strategy();
            assert_eq!(s.validate(), Ok(()));
            edit(&mut s);
            let err = s.validate().expect_err(&format!("case {i} should be refused"));
            assert_eq!(err.field, field, "case {i}: {err}");
        }
    }

    fn s3_spec_missing_region() -> StorageSpec {
        StorageSpec {
            region: None,
            ..s3_spec()
        }
    }

    #[test]
    fn object_storage_needs_its_parameters_and_a_secret_reference() {
        let mut spec = s3_spec();
        assert_eq!(spec.validate(), Ok(()));
        spec.secret_ref = None;
        assert_eq!(spec.validate().unwrap_err().field, "secretRef");
        let mut cos = s3_spec();
        cos.kind = StorageKind::Cos;
        assert_eq!(cos.validate().unwrap_err().field, "appId");
        cos.app_id = Some("1250000000".into());
        assert_eq!(cos.validate().unwrap_err().field, "region", "S3 only");
        cos.region = None;
        assert_eq!(cos.validate(), Ok(()));
        let mut oss = s3_spec();
        oss.kind = StorageKind::Oss;
        oss.region = None;
        oss.host = Some("oss host".into());
        assert_eq!(oss.validate().unwrap_err().field, "host");

        // S3-compatible stores (OBS, GCS, MinIO) take no region; AWS needs one.
        let mut obs = s3_spec();
        obs.host = Some("obs.cn-north-4.myhuaweicloud.com".into());
        obs.region = None;
        assert_eq!(obs.validate(), Ok(()));
        let aws = s3_spec_missing_region();
        let err = aws.validate().unwrap_err();
        assert_eq!(err.field, "region");
        assert!(err.rule.en.contains("AWS"), "{}", err.rule.en);
    }

    #[test]
    fn a_new_path_names_each_destination_it_moves_and_nothing_else() {
        let s = file_strategy();
        let current = [
            // Already there: nothing moves.
            (
                "trade".to_string(),
                Some("file:///data/backup/trade/data/".to_string()),
                Some("LOCATION=file:///data/backup/trade/archive".to_string()),
            ),
            // Set up elsewhere (obshell's layout): both move.
            (
                "billing".to_string(),
                Some("oss://bkt/ob/1/1004/data?host=h&access_id=a&access_key=k".to_string()),
                Some("oss://bkt/ob/1/1004/clog?host=h".to_string()),
            ),
            // Nothing yet: it gains destinations, none moves.
            ("fresh".to_string(), None, None),
        ];
        let changes = s.destination_changes(&current, false).unwrap();
        assert_eq!(
            changes,
            [
                DestinationChange {
                    tenant: "billing".into(),
                    kind: DestinationKind::Data,
                    from: "oss://bkt/ob/1/1004/data?host=h&access_id=***&access_key=***".into(),
                    to: "file:///data/backup/billing/data".into(),
                },
                DestinationChange {
                    tenant: "billing".into(),
                    kind: DestinationKind::Archive,
                    from: "oss://bkt/ob/1/1004/clog?host=h".into(),
                    to: "file:///data/backup/billing/archive".into(),
                },
            ]
        );
        // 3.x: one backup_dest for the cluster.
        let v3 = [(
            "trade".to_string(),
            Some("file:///data/backup".to_string()),
            Some("file:///data/backup".to_string()),
        )];
        assert!(s.destination_changes(&v3, true).unwrap().is_empty());
        // Keeping the cluster's destinations moves none.
        let keep = Strategy {
            storage: None,
            ..file_strategy()
        };
        assert!(keep.destination_changes(&current, false).unwrap().is_empty());
    }

    #[test]
    fn a_strategy_that_keeps_the_clusters_destinations_has_no_storage_to_check() {
        let mut keep = file_strategy();
        keep.storage = None;
        assert_eq!(keep.validate(), Ok(()));
        let json = serde_json::to_value(&keep).unwrap();
        assert_eq!(json["storage"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<Strategy>(json).unwrap(), keep);
    }

    #[test]
    fn the_uri_carries_the_secret_only_when_exposed() {
        let spec = s3_spec();
        let secret = StorageSecret::new("wJalrXUtnFEMI/K7MDENG");
        let uri = spec.uri(&["trade", "data"], Some(&secret)).unwrap();
        assert_eq!(uri.kind(), StorageKind::S3);
        assert_eq!(
            uri.expose(),
            "s3://bkt/ob/trade/data?host=s3.us-east-1.amazonaws.com&access_id=AKIDEXAMPLE\
             &access_key=wJalrXUtnFEMI/K7MDENG&s3_region=us-east-1"
        );
        assert!(!uri.to_string().contains("wJalr") && !format!("{secret:?}").contains("wJalr"));
        assert_eq!(spec.uri(&["trade"], None).unwrap_err().field, "secretRef");
        let hostile = StorageSecret::new("k&host=evil");
        assert_eq!(spec.uri(&["t"], Some(&hostile)).unwrap_err().field, "secret");
        assert_eq!(spec.uri(&["a/b"], Some(&secret)).unwrap_err().field, "storagePath");

        let file = file_strategy().storage.unwrap();
        assert_eq!(
            file.uri(&["trade", "archive"], None).unwrap().expose(),
            "file:///data/backup/trade/archive"
        );
    }

    #[test]
    fn a_strategy_crosses_json_in_camel_case_and_never_carries_a_secret() {
        let mut s = file_strategy();
        s.storage = Some(s3_spec());
        s.scope = StrategyScope::Tenant {
            ob_tenant_id: 1002,
            tenant_name: ObName::parse("t", "trade").unwrap(),
        };
        let json = serde_json::to_string(&s).unwrap();
        for key in [
            "\"level\":\"tenant\"",
            "\"obTenantId\":1002",
            "\"timeOfDay\":\"02:00\"",
            "\"secretRef\":\"storage:s3-prod\"",
            "\"mode\":\"WEEK\"",
            "\"method\":\"INCREMENTAL\"",
            "\"pieceSwitchDays\":1",
        ] {
            assert!(json.contains(key), "{key} in {json}");
        }
        let back: Strategy = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        let bad_time = json.replace("\"02:00\"", "\"24:00\"");
        assert!(serde_json::from_str::<Strategy>(&bad_time).is_err());
        assert!(TimeOfDay::parse("2:00").is_err() && TimeOfDay::parse("02:60").is_err());
    }
}
