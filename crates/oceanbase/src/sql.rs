//! Every statement the desk sends to a cluster is built here, and only here.
//!
//! `ALTER SYSTEM` takes no server-side `?` parameters, so statements are text:
//! names are [`ObName`]s (validated identifiers, written bare), URIs are
//! [`StorageUri`]s (validated), and every literal goes through [`literal`],
//! which refuses what it could not write safely under either `sql_mode`.

use std::fmt;

use desk_model::backup::Scn;
use desk_model::names::InvalidInput;
use desk_model::storage::redact;
use desk_model::{words, ObName, ObVersion, StorageUri, UtcMicros};

/// A statement ready to send. Prints redacted; [`Statement::sql_with_secrets`]
/// is the text itself, for the wire only.
#[derive(Clone, PartialEq, Eq)]
pub struct Statement(String);

impl Statement {
    /// The text as sent: it may carry credentials (inside storage URIs), so it
    /// is never logged, stored or shown. Use Display for that.
    pub fn sql_with_secrets(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.0))
    }
}

impl fmt::Debug for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Statement({self})")
    }
}

/// A single-quoted SQL string literal of `value`.
///
/// A quote is doubled (`''`), which means the same with and without
/// `NO_BACKSLASH_ESCAPES`. A backslash does not (it escapes in one mode and is
/// literal in the other), so it is refused, as are control characters: none of
/// them belongs in anything the desk sends.
pub fn literal(field: &'static str, value: &str) -> Result<String, InvalidInput> {
    if let Some(c) = value.chars().find(|c| *c == '\\' || c.is_control()) {
        return Err(InvalidInput::new(
            field,
            words!("must not contain {c:?}", "不能包含 {c:?}"),
        ));
    }
    Ok(format!("'{}'", value.replace('\'', "''")))
}

fn tenant_clause(tenant: Option<&ObName>) -> String {
    tenant.map(|t| format!(" TENANT = {t}")).unwrap_or_default()
}

/// How often the archive starts a new piece (OceanBase accepts 1d to 7d).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceSwitchInterval {
    secs: u32,
}

impl PieceSwitchInterval {
    pub fn from_secs(secs: u32) -> Result<Self, InvalidInput> {
        if !(86_400..=7 * 86_400).contains(&secs) {
            return Err(InvalidInput::new(
                "pieceSwitchInterval",
                words!("must be between 1 day and 7 days", "必须在 1 天到 7 天之间"),
            ));
        }
        Ok(Self { secs })
    }

    pub fn secs(&self) -> i64 {
        i64::from(self.secs)
    }

    fn as_ob(&self) -> String {
        match self.secs {
            s if s % 86_400 == 0 => format!("{}d", s / 86_400),
            s if s % 3_600 == 0 => format!("{}h", s / 3_600),
            s if s % 60 == 0 => format!("{}m", s / 60),
            s => format!("{s}s"),
        }
    }
}

pub fn set_data_backup_dest(tenant: &ObName, uri: &StorageUri) -> Result<Statement, InvalidInput> {
    Ok(Statement(format!(
        "ALTER SYSTEM SET DATA_BACKUP_DEST = {} TENANT = {tenant}",
        literal("dataBackupDest", uri.expose())?
    )))
}

pub fn set_log_archive_dest(
    tenant: &ObName,
    uri: &StorageUri,
    piece_switch: Option<PieceSwitchInterval>,
) -> Result<Statement, InvalidInput> {
    let mut dest = format!("LOCATION={} BINDING=Optional", uri.expose());
    if let Some(p) = piece_switch {
        dest.push_str(&format!(" PIECE_SWITCH_INTERVAL={}", p.as_ob()));
    }
    Ok(Statement(format!(
        "ALTER SYSTEM SET LOG_ARCHIVE_DEST = {} TENANT = {tenant}",
        literal("logArchiveDest", &dest)?
    )))
}

/// `ARCHIVELOG` (on) or `NOARCHIVELOG` (off), for a tenant or every tenant.
pub fn archivelog(tenant: Option<&ObName>, on: bool) -> Statement {
    let verb = if on { "ARCHIVELOG" } else { "NOARCHIVELOG" };
    Statement(format!("ALTER SYSTEM {verb}{}", tenant_clause(tenant)))
}

/// What a data backup covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupScope {
    /// Every user tenant of the cluster.
    Cluster,
    Tenants(Vec<ObName>),
}

pub fn backup(scope: &BackupScope, incremental: bool, plus_archivelog: bool) -> Result<Statement, InvalidInput> {
    let kind = if incremental { "BACKUP INCREMENTAL" } else { "BACKUP" };
    let target = match scope {
        BackupScope::Cluster => "DATABASE".to_owned(),
        BackupScope::Tenants(ts) if ts.is_empty() => {
            return Err(InvalidInput::new(
                "tenants",
                words!("choose at least one tenant", "请至少选择一个租户"),
            ));
        }
        BackupScope::Tenants(ts) => {
            let names: Vec<&str> = ts.iter().map(ObName::as_str).collect();
            format!("TENANT = {}", names.join(", "))
        }
    };
    let plus = if plus_archivelog { " PLUS ARCHIVELOG" } else { "" };
    Ok(Statement(format!("ALTER SYSTEM {kind} {target}{plus}")))
}

pub fn cancel_backup(tenant: Option<&ObName>) -> Statement {
    Statement(format!("ALTER SYSTEM CANCEL BACKUP{}", tenant_clause(tenant)))
}

pub fn add_delete_policy(tenant: Option<&ObName>, recovery_window_days: u32) -> Result<Statement, InvalidInput> {
    if !(1..=3650).contains(&recovery_window_days) {
        return Err(InvalidInput::new(
            "retentionDays",
            words!("must be between 1 and 3650 days", "必须在 1 到 3650 天之间"),
        ));
    }
    let tenant = tenant.map(|t| format!(" TENANT {t}")).unwrap_or_default();
    Ok(Statement(format!(
        "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '{recovery_window_days}d'{tenant}"
    )))
}

pub fn drop_delete_policy(tenant: Option<&ObName>) -> Statement {
    let tenant = tenant.map(|t| format!(" TENANT {t}")).unwrap_or_default();
    Statement(format!("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'{tenant}"))
}

/// The point a restore recovers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreUntil {
    /// The latest recoverable point.
    Latest,
    /// `UNTIL TIME`: the wall time of `at` at `offset_secs` east of UTC, to the microsecond.
    Time {
        at: UtcMicros,
        offset_secs: i32,
    },
    Scn(Scn),
}

impl RestoreUntil {
    /// How to name the instant `t` to a 4.x server so that it restores exactly there.
    /// From 4.1, `UNTIL SCN` (nanoseconds since the epoch; documented from V4.1.0,
    /// `en-US/600.manage/600.backup-and-recovery/600.restore-data/200.initiate-the-tenant-restore.md`),
    /// which no zone can shift: `UNTIL TIME` is read in the zone the BACKUP recorded, not
    /// the session's (`ObRestoreUtil::get_backup_sys_time_zone_`). 4.0 has only UNTIL
    /// TIME; its backups (data version below 4.2.0) are always read as +08:00.
    pub fn instant(version: &ObVersion, t: UtcMicros) -> RestoreUntil {
        RestoreUntil::at_scn(version, Scn::from_micros(t))
    }

    /// [`RestoreUntil::instant`] for an SCN as a view gave it (a restore sent again).
    pub fn at_scn(version: &ObVersion, scn: Scn) -> RestoreUntil {
        match scn.to_micros() {
            _ if *version >= ObVersion::new(4, 1, 0, 0) => RestoreUntil::Scn(scn),
            Some(at) => RestoreUntil::Time {
                at,
                offset_secs: 8 * 3600,
            },
            None => RestoreUntil::Latest,
        }
    }
}

/// A replica of the restored tenant in one zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplicaType {
    Full,
    ReadOnly,
    Log,
}

impl ReplicaType {
    fn letter(self) -> char {
        match self {
            ReplicaType::Full => 'F',
            ReplicaType::ReadOnly => 'R',
            ReplicaType::Log => 'L',
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreRequest {
    pub target_tenant: ObName,
    pub data: StorageUri,
    pub archive: StorageUri,
    pub until: RestoreUntil,
    pub pool_list: Vec<ObName>,
    pub locality: Vec<(ReplicaType, ObName)>,
    pub primary_zone: Option<ObName>,
    pub concurrency: Option<u32>,
}

/// `YYYY-MM-DD HH:MM:SS.ffffff` in UTC.
pub fn utc_text(t: UtcMicros) -> Result<String, InvalidInput> {
    wall_text(t, 0)
}

/// `YYYY-MM-DD HH:MM:SS.ffffff` at `offset_secs` east of UTC.
fn wall_text(t: UtcMicros, offset_secs: i32) -> Result<String, InvalidInput> {
    let dt =
        t.0.checked_add(i64::from(offset_secs) * 1_000_000)
            .and_then(chrono::DateTime::from_timestamp_micros)
            .ok_or_else(|| InvalidInput::new("recoveryTime", words!("is out of range", "超出了可表示的范围")))?;
    Ok(dt.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
}

pub fn restore(req: &RestoreRequest) -> Result<Statement, InvalidInput> {
    if req.pool_list.is_empty() {
        return Err(InvalidInput::new(
            "poolList",
            words!("choose at least one resource pool", "请至少选择一个资源池"),
        ));
    }
    if let Some(c) = req.concurrency {
        if !(1..=512).contains(&c) {
            return Err(InvalidInput::new(
                "concurrency",
                words!("must be between 1 and 512", "必须在 1 到 512 之间"),
            ));
        }
    }
    let from = literal("backupDest", &format!("{},{}", req.data.expose(), req.archive.expose()))?;
    let until = match req.until {
        RestoreUntil::Latest => String::new(),
        RestoreUntil::Time { at, offset_secs } => format!(" UNTIL TIME = '{}'", wall_text(at, offset_secs)?),
        RestoreUntil::Scn(s) => format!(" UNTIL SCN = {}", s.0),
    };
    let pools: Vec<&str> = req.pool_list.iter().map(ObName::as_str).collect();
    let mut options = format!("pool_list={}", pools.join(","));
    if !req.locality.is_empty() {
        let parts: Vec<String> = req
            .locality
            .iter()
            .map(|(r, z)| format!("{}@{z}", r.letter()))
            .collect();
        options.push_str(&format!("&locality={}", parts.join(",")));
    }
    if let Some(z) = &req.primary_zone {
        options.push_str(&format!("&primary_zone={z}"));
    }
    if let Some(c) = req.concurrency {
        options.push_str(&format!("&concurrency={c}"));
    }
    Ok(Statement(format!(
        "ALTER SYSTEM RESTORE {} FROM {from}{until} WITH {}",
        req.target_tenant,
        literal("restoreOptions", &options)?
    )))
}

pub fn cancel_restore(tenant: &ObName) -> Statement {
    Statement(format!("ALTER SYSTEM CANCEL RESTORE {tenant}"))
}

pub fn activate_standby(tenant: &ObName) -> Statement {
    Statement(format!("ALTER SYSTEM ACTIVATE STANDBY TENANT = {tenant}"))
}

/// A resource unit for a restored tenant: CPU cores and memory in GiB.
pub fn create_resource_unit(unit: &ObName, max_cpu: u32, memory_gib: u32) -> Result<Statement, InvalidInput> {
    check_unit(max_cpu, memory_gib)?;
    Ok(Statement(format!(
        "CREATE RESOURCE UNIT {unit} MAX_CPU {max_cpu}, MEMORY_SIZE '{memory_gib}G'"
    )))
}

fn check_unit(max_cpu: u32, memory_gib: u32) -> Result<(), InvalidInput> {
    if !(1..=1024).contains(&max_cpu) {
        return Err(InvalidInput::new(
            "unitCpu",
            words!("must be between 1 and 1024 cores", "必须在 1 到 1024 核之间"),
        ));
    }
    if !(1..=16_384).contains(&memory_gib) {
        return Err(InvalidInput::new(
            "unitMemory",
            words!("must be between 1 and 16384 GiB", "必须在 1 到 16384 GiB 之间"),
        ));
    }
    Ok(())
}

pub fn create_resource_pool(
    pool: &ObName,
    unit: &ObName,
    unit_num: u32,
    zones: &[ObName],
) -> Result<Statement, InvalidInput> {
    if zones.is_empty() {
        return Err(InvalidInput::new(
            "zones",
            words!("choose at least one zone", "请至少选择一个 Zone"),
        ));
    }
    if !(1..=64).contains(&unit_num) {
        return Err(InvalidInput::new(
            "unitNum",
            words!("must be between 1 and 64", "必须在 1 到 64 之间"),
        ));
    }
    let zone_list: Vec<String> = zones.iter().map(|z| format!("'{z}'")).collect();
    Ok(Statement(format!(
        "CREATE RESOURCE POOL {pool} UNIT = '{unit}', UNIT_NUM = {unit_num}, ZONE_LIST = ({})",
        zone_list.join(", ")
    )))
}

/// [`create_resource_pool`] that leaves an existing pool of that name alone
/// (`CREATE RESOURCE POOL IF NOT EXISTS`, in every release's grammar: v3.1.5_CE and
/// v4.2.1_CE `sql_parser_mysql_mode.y`).
pub fn create_resource_pool_if_missing(
    pool: &ObName,
    unit: &ObName,
    unit_num: u32,
    zones: &[ObName],
) -> Result<Statement, InvalidInput> {
    let stmt = create_resource_pool(pool, unit, unit_num, zones)?;
    Ok(Statement(stmt.0.replacen(
        "CREATE RESOURCE POOL ",
        "CREATE RESOURCE POOL IF NOT EXISTS ",
        1,
    )))
}

/// `DROP RESOURCE POOL IF EXISTS` (v3.1.5_CE and v4.2.1_CE `sql_parser_mysql_mode.y`):
/// for a pool the views of 3.x do not show.
pub fn drop_resource_pool_if_exists(pool: &ObName) -> Statement {
    Statement(format!("DROP RESOURCE POOL IF EXISTS {pool}"))
}

/// `DROP RESOURCE UNIT IF EXISTS`, as [`drop_resource_pool_if_exists`].
pub fn drop_resource_unit_if_exists(unit: &ObName) -> Statement {
    Statement(format!("DROP RESOURCE UNIT IF EXISTS {unit}"))
}

pub fn drop_resource_pool(pool: &ObName) -> Statement {
    Statement(format!("DROP RESOURCE POOL {pool}"))
}

pub fn drop_resource_unit(unit: &ObName) -> Statement {
    Statement(format!("DROP RESOURCE UNIT {unit}"))
}

/// Drops a tenant left by a failed restore (FORCE: no recycle bin).
pub fn drop_tenant(tenant: &ObName) -> Statement {
    Statement(format!("DROP TENANT {tenant} FORCE"))
}

/// Statements of OceanBase 3.x, where backup is cluster-level.
pub mod v3 {
    use super::*;

    pub fn set_backup_dest(uri: &StorageUri) -> Result<Statement, InvalidInput> {
        Ok(Statement(format!(
            "ALTER SYSTEM SET backup_dest = {}",
            literal("backupDest", uri.expose())?
        )))
    }

    pub fn set_backup_dest_option(recovery_window_days: u32) -> Result<Statement, InvalidInput> {
        if !(1..=3650).contains(&recovery_window_days) {
            return Err(InvalidInput::new(
                "retentionDays",
                words!("must be between 1 and 3650 days", "必须在 1 到 3650 天之间"),
            ));
        }
        Ok(Statement(format!(
            "ALTER SYSTEM SET backup_dest_option = 'recovery_window={recovery_window_days}d&auto_delete_obsolete_backup=true'"
        )))
    }

    pub fn archivelog(on: bool) -> Statement {
        Statement(
            if on {
                "ALTER SYSTEM ARCHIVELOG"
            } else {
                "ALTER SYSTEM NOARCHIVELOG"
            }
            .to_owned(),
        )
    }

    pub fn backup_database(incremental: bool) -> Statement {
        Statement(
            if incremental {
                "ALTER SYSTEM BACKUP INCREMENTAL DATABASE"
            } else {
                "ALTER SYSTEM BACKUP DATABASE"
            }
            .to_owned(),
        )
    }

    /// 3.2 Enterprise's tenant backup: `ALTER SYSTEM BACKUP TENANT t TO 'uri'`.
    pub fn backup_tenant(tenant: &ObName, uri: &StorageUri) -> Result<Statement, InvalidInput> {
        Ok(Statement(format!(
            "ALTER SYSTEM BACKUP TENANT {tenant} TO {}",
            literal("storage", uri.expose())?
        )))
    }

    pub fn cancel_backup() -> Statement {
        Statement("ALTER SYSTEM CANCEL BACKUP".to_owned())
    }

    /// A 3.x cluster name inside an option string: letters, digits, `_`, `-`, `.`.
    fn cluster_name(value: &str) -> Result<&str, InvalidInput> {
        if value.is_empty()
            || value.len() > 128
            || !value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            return Err(InvalidInput::new(
                "backupClusterName",
                words!(
                    "may contain only ASCII letters, digits, '_', '-' and '.' (1 to 128)",
                    "只能包含 ASCII 字母、数字、'_'、'-' 和 '.'（1 到 128 个字符）"
                ),
            ));
        }
        Ok(value)
    }

    /// `CREATE RESOURCE UNIT` in 3.x's words (V3.1.5 SQL reference
    /// `1700.create-resource-unit.md`): MAX_MEMORY, and MAX_IOPS, MAX_DISK_SIZE and
    /// MAX_SESSION_NUM required. The unit's IOPS, disk and session ceilings are generous
    /// limits, not reservations: the minimums 3.x documents (128, 512M, 64) scaled by cores.
    pub fn create_resource_unit(unit: &ObName, max_cpu: u32, memory_gib: u32) -> Result<Statement, InvalidInput> {
        check_unit(max_cpu, memory_gib)?;
        let iops = 10_000 * max_cpu;
        let sessions = 512 * max_cpu;
        Ok(Statement(format!(
            "CREATE RESOURCE UNIT {unit} MAX_CPU {max_cpu}, MIN_CPU {max_cpu}, MAX_MEMORY '{memory_gib}G', \
             MIN_MEMORY '{memory_gib}G', MAX_IOPS {iops}, MIN_IOPS 128, MAX_DISK_SIZE '{}G', MAX_SESSION_NUM {sessions}",
            memory_gib.saturating_mul(8).max(64)
        )))
    }

    /// [`create_resource_unit`] that leaves an existing unit of that name alone
    /// (`CREATE RESOURCE UNIT IF NOT EXISTS`, v3.1.5_CE `sql_parser_mysql_mode.y`).
    pub fn create_resource_unit_if_missing(
        unit: &ObName,
        max_cpu: u32,
        memory_gib: u32,
    ) -> Result<Statement, InvalidInput> {
        let stmt = create_resource_unit(unit, max_cpu, memory_gib)?;
        Ok(Statement(stmt.0.replacen(
            "CREATE RESOURCE UNIT ",
            "CREATE RESOURCE UNIT IF NOT EXISTS ",
            1,
        )))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn restore(
        target: &ObName,
        source: &ObName,
        uri: &StorageUri,
        until: Option<UtcMicros>,
        backup_cluster_name: &str,
        backup_cluster_id: u64,
        pool_list: &[ObName],
    ) -> Result<Statement, InvalidInput> {
        if pool_list.is_empty() {
            return Err(InvalidInput::new(
                "poolList",
                words!("choose at least one resource pool", "请至少选择一个资源池"),
            ));
        }
        let pools: Vec<&str> = pool_list.iter().map(ObName::as_str).collect();
        let options = format!(
            "backup_cluster_name={}&backup_cluster_id={backup_cluster_id}&pool_list={}",
            cluster_name(backup_cluster_name)?,
            pools.join(",")
        );
        // 3.x reads UNTIL in the session's zone (v3.1.5_CE `ob_alter_system_resolver.cpp`),
        // and the desk's sessions run in +00:00. 3.2.1 and later restore to the latest
        // without UNTIL (release notes); 3.1 requires it.
        let until = match until {
            Some(t) => format!(" UNTIL '{}'", utc_text(t)?),
            None => String::new(),
        };
        Ok(Statement(format!(
            "ALTER SYSTEM RESTORE {target} FROM {source} AT {}{until} WITH {}",
            literal("backupDest", uri.expose())?,
            literal("restoreOptions", &options)?
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> ObName {
        ObName::parse("name", s).unwrap()
    }

    fn uri(s: &str) -> StorageUri {
        StorageUri::parse("uri", s).unwrap()
    }

    /// Data-driven: (statement, expected text).
    fn check(cases: Vec<(Statement, &str)>) {
        for (stmt, expected) in cases {
            assert_eq!(stmt.sql_with_secrets(), expected);
        }
    }

    #[test]
    fn statements_read_as_the_reference_writes_them() {
        let t1 = name("t1");
        check(vec![
            (
                set_data_backup_dest(&t1, &uri("file:///data/backup/data")).unwrap(),
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup/data' TENANT = t1",
            ),
            (
                set_log_archive_dest(&t1, &uri("file:///data/backup/archive"), Some(PieceSwitchInterval::from_secs(86_400).unwrap())).unwrap(),
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/backup/archive BINDING=Optional PIECE_SWITCH_INTERVAL=1d' TENANT = t1",
            ),
            (archivelog(Some(&t1), true), "ALTER SYSTEM ARCHIVELOG TENANT = t1"),
            (archivelog(None, false), "ALTER SYSTEM NOARCHIVELOG"),
            (backup(&BackupScope::Cluster, false, false).unwrap(), "ALTER SYSTEM BACKUP DATABASE"),
            (
                backup(&BackupScope::Tenants(vec![t1.clone()]), true, true).unwrap(),
                "ALTER SYSTEM BACKUP INCREMENTAL TENANT = t1 PLUS ARCHIVELOG",
            ),
            (cancel_backup(Some(&t1)), "ALTER SYSTEM CANCEL BACKUP TENANT = t1"),
            (
                add_delete_policy(Some(&t1), 7).unwrap(),
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT t1",
            ),
            (drop_delete_policy(None), "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'"),
            (cancel_restore(&name("new_t")), "ALTER SYSTEM CANCEL RESTORE new_t"),
            (activate_standby(&name("new_t")), "ALTER SYSTEM ACTIVATE STANDBY TENANT = new_t"),
            (
                create_resource_pool(&name("p1"), &name("u1"), 1, &[name("z1"), name("z2")]).unwrap(),
                "CREATE RESOURCE POOL p1 UNIT = 'u1', UNIT_NUM = 1, ZONE_LIST = ('z1', 'z2')",
            ),
            (create_resource_unit(&name("u1"), 2, 4).unwrap(), "CREATE RESOURCE UNIT u1 MAX_CPU 2, MEMORY_SIZE '4G'"),
            (drop_tenant(&name("new_t")), "DROP TENANT new_t FORCE"),
            (v3::backup_database(true), "ALTER SYSTEM BACKUP INCREMENTAL DATABASE"),
            (v3::set_backup_dest(&uri("file:///nfs/ob")).unwrap(), "ALTER SYSTEM SET backup_dest = 'file:///nfs/ob'"),
        ]);
    }

    #[test]
    fn restore_carries_each_until_form_and_the_options() {
        let mut req = RestoreRequest {
            target_tenant: name("new_t"),
            data: uri("file:///data/backup/data"),
            archive: uri("file:///data/backup/archive"),
            until: RestoreUntil::Time {
                at: UtcMicros(1_795_132_800_123_456),
                offset_secs: 0,
            },
            pool_list: vec![name("p1")],
            locality: vec![(ReplicaType::Full, name("z1")), (ReplicaType::ReadOnly, name("z2"))],
            primary_zone: Some(name("z1")),
            concurrency: Some(8),
        };
        check(vec![(
            restore(&req).unwrap(),
            "ALTER SYSTEM RESTORE new_t FROM 'file:///data/backup/data,file:///data/backup/archive' \
             UNTIL TIME = '2026-11-20 00:00:00.123456' WITH 'pool_list=p1&locality=F@z1,R@z2&primary_zone=z1&concurrency=8'",
        )]);
        req.until = RestoreUntil::Scn(Scn(1_795_132_800_123_456_789));
        req.locality.clear();
        req.primary_zone = None;
        req.concurrency = None;
        check(vec![(
            restore(&req).unwrap(),
            "ALTER SYSTEM RESTORE new_t FROM 'file:///data/backup/data,file:///data/backup/archive' \
             UNTIL SCN = 1795132800123456789 WITH 'pool_list=p1'",
        )]);
        req.until = RestoreUntil::Latest;
        assert!(!restore(&req).unwrap().sql_with_secrets().contains("UNTIL"));
    }

    #[test]
    fn an_instant_is_an_scn_from_4_1_and_a_plus_8_wall_time_on_4_0() {
        let t = UtcMicros(1_795_132_800_123_456);
        let v = |s: &str| s.parse::<ObVersion>().unwrap();
        assert_eq!(
            RestoreUntil::instant(&v("4.2.1.1"), t),
            RestoreUntil::Scn(Scn(1_795_132_800_123_456_000))
        );
        let on_40 = RestoreUntil::instant(&v("4.0.0.0"), t);
        let mut req = RestoreRequest {
            target_tenant: name("r"),
            data: uri("file:///d"),
            archive: uri("file:///a"),
            until: on_40,
            pool_list: vec![name("p1")],
            locality: vec![],
            primary_zone: None,
            concurrency: None,
        };
        // 2026-11-20 00:00:00.123456 UTC is 08:00 in the +08:00 the backup is read in.
        assert!(restore(&req)
            .unwrap()
            .sql_with_secrets()
            .contains("UNTIL TIME = '2026-11-20 08:00:00.123456'"));
        req.until = RestoreUntil::Latest;
        assert!(restore(&req).is_ok());
        req.pool_list.clear();
        assert_eq!(restore(&req).unwrap_err().field, "poolList");
    }

    #[test]
    fn credentials_stay_in_the_wire_text_only() {
        let oss = uri("oss://b/p?host=h&access_id=ID9&access_key=KEY9");
        let s = set_data_backup_dest(&name("t1"), &oss).unwrap();
        assert!(s.sql_with_secrets().contains("KEY9"));
        for shown in [s.to_string(), format!("{s:?}")] {
            assert!(!shown.contains("KEY9") && !shown.contains("ID9"), "{shown}");
        }
    }

    #[test]
    fn literals_double_quotes_and_refuse_backslashes_and_controls() {
        assert_eq!(literal("f", "it's").unwrap(), "'it''s'");
        assert_eq!(
            literal("f", "a'; DROP TENANT t1; -- ").unwrap(),
            "'a''; DROP TENANT t1; -- '"
        );
        for bad in ["a\\'", "a\nb", "a\0", "\u{1a}"] {
            assert_eq!(literal("field", bad).unwrap_err().field, "field", "{bad:?}");
        }
    }

    #[test]
    fn out_of_range_numbers_are_refused_naming_the_field() {
        assert_eq!(add_delete_policy(None, 0).unwrap_err().field, "retentionDays");
        assert_eq!(
            PieceSwitchInterval::from_secs(3_600).unwrap_err().field,
            "pieceSwitchInterval"
        );
        assert_eq!(create_resource_unit(&name("u"), 0, 4).unwrap_err().field, "unitCpu");
        assert_eq!(
            backup(&BackupScope::Tenants(vec![]), false, false).unwrap_err().field,
            "tenants"
        );
        assert_eq!(
            v3::restore(
                &name("a"),
                &name("b"),
                &uri("file:///x"),
                Some(UtcMicros(0)),
                "c'; x",
                1,
                &[name("p")]
            )
            .unwrap_err()
            .field,
            "backupClusterName"
        );
    }
}
