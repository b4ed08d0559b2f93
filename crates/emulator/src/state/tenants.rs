//! Tenants: the sys tenant, user tenants and their meta tenants (DBA_OB_TENANTS), standby
//! activation and DROP TENANT.

use super::archive::{ArchiveDest, Round};
use super::backup::BackupSet;
use super::policy::DeletePolicy;
use super::{int, text, time, Cluster, Context, Row};
use crate::config::{ClusterConfig, TenantConfig};
use crate::errors::{self, EmulatorError, SqlResult};
use crate::timestamp::{scn, DAY, MAX_SCN, SECOND};

/// A failover takes this long before TENANT_ROLE reads PRIMARY.
const ACTIVATION_DELAY: i64 = 3 * SECOND;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantStatus {
    Normal,
    /// Being restored, or left behind by a failed restore until dropped.
    Restore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Primary,
    Standby,
    Restore,
}

#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: i64,
    pub name: String,
    pub data_bytes: u64,
    pub created: i64,
    pub modified: i64,
    pub status: TenantStatus,
    pub role: Role,
    /// When ACTIVATE STANDBY was accepted.
    pub activating_since: Option<i64>,
    pub switchover_epoch: i64,
    pub recovery_until_scn: i64,
    /// A standby's replayed point (its restore SCN).
    pub standby_scn: Option<i64>,
    pub dropped: bool,
    /// LOG_MODE: ARCHIVELOG when true.
    pub archive_mode: bool,
    pub archive_dest: Option<ArchiveDest>,
    pub rounds: Vec<Round>,
    pub next_piece_id: i64,
    pub next_round_id: i64,
    pub data_dest: Option<String>,
    pub data_dest_id: i64,
    /// Destination ids are numbered per tenant from 1001, as OceanBase does.
    pub next_dest_id: i64,
    pub sets: Vec<BackupSet>,
    pub next_set_id: i64,
    pub policy: Option<DeletePolicy>,
}

impl Tenant {
    pub fn new(id: i64, name: &str, data_bytes: u64, created: i64) -> Self {
        Tenant {
            id,
            name: name.to_string(),
            data_bytes,
            created,
            modified: created,
            status: TenantStatus::Normal,
            role: Role::Primary,
            activating_since: None,
            switchover_epoch: 0,
            recovery_until_scn: MAX_SCN,
            standby_scn: None,
            dropped: false,
            archive_mode: false,
            archive_dest: None,
            rounds: Vec::new(),
            next_piece_id: 1,
            next_round_id: 1,
            data_dest: None,
            data_dest_id: 0,
            next_dest_id: 1001,
            sets: Vec::new(),
            next_set_id: 1,
            policy: None,
        }
    }

    pub fn allocate_dest_id(&mut self) -> i64 {
        let id = self.next_dest_id;
        self.next_dest_id += 1;
        id
    }

    /// The role as of `now`, counting a finished activation.
    pub fn role_at(&self, now: i64) -> Role {
        match self.activating_since {
            Some(since) if now >= since + ACTIVATION_DELAY => Role::Primary,
            _ => self.role,
        }
    }
}

/// Default destinations for a configured tenant that archives but names none.
pub fn default_dest(cluster: &str, tenant: &str, kind: &str) -> String {
    format!("file:///obbackup/{cluster}/{tenant}/{kind}")
}

impl Cluster {
    pub(super) fn bootstrap(&mut self, config: &ClusterConfig, now: i64) -> Result<(), EmulatorError> {
        let long_ago = now - 400 * DAY;
        self.create_unit_config("sys_unit_config", 1, 2.0, 4 << 30, long_ago);
        self.create_pool_record("sys_pool", 1, 1, self.info.zones.clone(), Some(1), long_ago);
        for tenant in &config.tenants {
            self.bootstrap_tenant(config, tenant, now)?;
        }
        Ok(())
    }

    fn bootstrap_tenant(&mut self, config: &ClusterConfig, tc: &TenantConfig, now: i64) -> Result<(), EmulatorError> {
        if tc.tenant_id <= 1000 || tc.tenant_id % 2 != 0 {
            return Err(EmulatorError::Config(format!(
                "tenant {} needs an even id above 1000, like 1002",
                tc.name
            )));
        }
        if self.tenants.contains_key(&tc.tenant_id) || self.find_tenant(&tc.name).is_some() {
            return Err(EmulatorError::Config(format!(
                "tenant {} ({}) is configured twice",
                tc.name, tc.tenant_id
            )));
        }
        let created = now - 365 * DAY;
        let unit_id = self.allocate_unit_id();
        self.create_unit_config(&format!("{}_unit", tc.name), unit_id, 4.0, 8 << 30, created);
        let pool_id = self.allocate_pool_id();
        let zones = self.info.zones.clone();
        self.create_pool_record(
            &format!("{}_pool", tc.name),
            pool_id,
            unit_id,
            zones,
            Some(tc.tenant_id),
            created,
        );

        let mut tenant = Tenant::new(tc.tenant_id, &tc.name, tc.data_bytes, created);
        if config.release.line == crate::release::Line::V3 {
            // 3.x: one backup_dest for the whole cluster, data and log alike.
            if tc.archivelog || tc.data_backup_dest.is_some() {
                let uri = tc
                    .data_backup_dest
                    .clone()
                    .or_else(|| self.cluster_backup_dest.clone())
                    .unwrap_or_else(|| format!("file:///obbackup/{}", config.cluster_name));
                self.check_uri(&uri).map_err(|e| EmulatorError::Config(e.message))?;
                self.cluster_backup_dest = Some(uri.clone());
                super::v3::point_at(&mut tenant, &uri, created);
            }
            if tc.archivelog {
                tenant.archive_mode = true;
                Self::open_round(&mut tenant, now - 3600 * SECOND);
            }
            self.max_tenant_id = self.max_tenant_id.max(tc.tenant_id);
            self.tenants.insert(tc.tenant_id, tenant);
            return Ok(());
        }
        let archive_value = match (&tc.log_archive_dest, tc.archivelog) {
            (Some(value), _) => Some(value.clone()),
            (None, true) => Some(default_dest(&config.cluster_name, &tc.name, "archive")),
            (None, false) => None,
        };
        if let Some(value) = archive_value {
            let mut dest = ArchiveDest::parse(&value, config.release)
                .map_err(|e| EmulatorError::Config(format!("{}: {}", tc.name, e.message)))?;
            dest.dest_id = tenant.allocate_dest_id();
            tenant.archive_dest = Some(dest);
        }
        let data_dest = match (&tc.data_backup_dest, tc.archivelog && config.history.is_some()) {
            (Some(uri), _) => Some(uri.clone()),
            (None, true) => Some(default_dest(&config.cluster_name, &tc.name, "data")),
            (None, false) => None,
        };
        if let Some(uri) = data_dest {
            tenant.data_dest = Some(uri);
            tenant.data_dest_id = tenant.allocate_dest_id();
        }
        if tc.archivelog {
            tenant.archive_mode = true;
            // Archiving has been on for a while: its round is already DOING.
            Self::open_round(&mut tenant, now - 3600 * SECOND);
        }
        self.max_tenant_id = self.max_tenant_id.max(tc.tenant_id);
        self.tenants.insert(tc.tenant_id, tenant);
        Ok(())
    }

    /// A live (not dropped) user tenant by name, ignoring case.
    pub fn find_tenant(&self, name: &str) -> Option<i64> {
        self.tenants
            .values()
            .find(|t| !t.dropped && t.name.eq_ignore_ascii_case(name))
            .map(|t| t.id)
    }

    /// A user tenant named in a statement; sys and meta tenants have no backups.
    pub fn user_tenant(&self, name: &str, action: &str) -> SqlResult<i64> {
        if name.eq_ignore_ascii_case("sys") || name.to_ascii_uppercase().starts_with("META$") {
            return Err(errors::op_not_allowed(&format!("{action} for sys or meta tenant is")));
        }
        self.find_tenant(name).ok_or_else(|| errors::tenant_not_exist(name))
    }

    pub fn tenant_mut(&mut self, id: i64) -> SqlResult<&mut Tenant> {
        self.tenants
            .get_mut(&id)
            .ok_or_else(|| errors::internal(format!("tenant {id} vanished")))
    }

    pub fn allocate_tenant_id(&mut self) -> i64 {
        self.max_tenant_id = (self.max_tenant_id + 2) & !1;
        if self.max_tenant_id <= 1000 {
            self.max_tenant_id = 1002;
        }
        self.max_tenant_id
    }

    pub(super) fn activate_standby(&mut self, name: Option<&str>, ctx: &Context) -> SqlResult<()> {
        let Some(name) = name else {
            return Err(errors::op_not_allowed("activate standby for sys tenant is"));
        };
        let id = self.user_tenant(name, "activate standby")?;
        let tenant = self.tenant_mut(id)?;
        if tenant.role_at(ctx.now) != Role::Standby || tenant.activating_since.is_some() {
            return Err(errors::op_not_allowed(
                "tenant role is not STANDBY, activate standby tenant is",
            ));
        }
        tenant.activating_since = Some(ctx.now);
        tenant.modified = ctx.now;
        Ok(())
    }

    /// Turns finished activations into primaries.
    pub(super) fn finish_activations(&mut self, now: i64) {
        for tenant in self.tenants.values_mut() {
            if let Some(since) = tenant.activating_since {
                if now >= since + ACTIVATION_DELAY {
                    tenant.activating_since = None;
                    tenant.role = Role::Primary;
                    tenant.switchover_epoch += 1;
                    tenant.recovery_until_scn = MAX_SCN;
                    tenant.standby_scn = None;
                    tenant.modified = since + ACTIVATION_DELAY;
                }
            }
        }
    }

    pub(super) fn drop_tenant(&mut self, name: &str, if_exists: bool, ctx: &Context) -> SqlResult<()> {
        if name.eq_ignore_ascii_case("sys") || name.to_ascii_uppercase().starts_with("META$") {
            return Err(errors::op_not_allowed("drop sys tenant or meta tenant is"));
        }
        let Some(id) = self.find_tenant(name) else {
            return if if_exists {
                Ok(())
            } else {
                Err(errors::tenant_not_exist(name))
            };
        };
        self.abort_restore_of(id, ctx.now, "tenant has been dropped");
        self.abort_backups_of(id, ctx.now);
        for pool in &mut self.pools {
            if pool.tenant_id == Some(id) {
                pool.tenant_id = None;
                pool.modified = ctx.now;
            }
        }
        let tenant = self.tenant_mut(id)?;
        tenant.dropped = true;
        // A dropped tenant stops archiving; its pieces stay on the destination.
        if let Some(round) = tenant.rounds.last_mut() {
            round.stop(ctx.now);
        }
        tenant.archive_mode = false;
        Ok(())
    }

    pub(super) fn tenant_rows(&self, now: i64) -> Vec<Row> {
        let version = self.info.release.version.to_string();
        let locality = self
            .info
            .zones
            .iter()
            .map(|z| format!("FULL{{1}}@{z}"))
            .collect::<Vec<_>>()
            .join(", ");
        let now_scn = scn(now);
        let base = |id: i64, name: &str, kind: &str, created: i64, modified: i64| -> Row {
            vec![
                ("TENANT_ID", int(id)),
                ("TENANT_NAME", text(name)),
                ("TENANT_TYPE", text(kind)),
                ("CREATE_TIME", time(created)),
                ("MODIFY_TIME", time(modified)),
                ("PRIMARY_ZONE", text("RANDOM")),
                ("LOCALITY", text(locality.clone())),
                ("PREVIOUS_LOCALITY", text("")),
                ("COMPATIBILITY_MODE", text("MYSQL")),
                ("IN_RECYCLEBIN", text("NO")),
                ("LOCKED", text("NO")),
                ("ARBITRATION_SERVICE_STATUS", text("DISABLED")),
                ("UNIT_NUM", int(1)),
                ("COMPATIBLE", text(version.clone())),
                ("MAX_LS_ID", int(1001)),
            ]
        };
        let mut rows = Vec::new();
        let sys_created = self.info.started_at - 400 * DAY;
        let mut sys = base(1, "sys", "SYS", sys_created, sys_created);
        sys.extend(primary_fields(now_scn, false));
        rows.push(sys);
        for t in self.tenants.values().filter(|t| !t.dropped) {
            let mut meta = base(t.id - 1, &format!("META${}", t.id), "META", t.created, t.created);
            meta.extend(primary_fields(now_scn, false));
            rows.push(meta);

            let mut user = base(t.id, &t.name, "USER", t.created, t.modified);
            let role = t.role_at(now);
            let (status, role_text) = match (t.status, role) {
                (TenantStatus::Restore, _) | (_, Role::Restore) => ("RESTORE", "RESTORE"),
                (TenantStatus::Normal, Role::Standby) => ("NORMAL", "STANDBY"),
                (TenantStatus::Normal, Role::Primary) => ("NORMAL", "PRIMARY"),
            };
            let switchover = if t.activating_since.is_some() && role == Role::Standby {
                "FAILOVER TO PRIMARY"
            } else {
                "NORMAL"
            };
            let replayed = match role {
                Role::Primary => now_scn,
                Role::Standby | Role::Restore => t.standby_scn.unwrap_or(0),
            };
            user.extend([
                ("STATUS", text(status)),
                ("TENANT_ROLE", text(role_text)),
                ("SWITCHOVER_STATUS", text(switchover)),
                ("SWITCHOVER_EPOCH", int(t.switchover_epoch)),
                ("SYNC_SCN", int(replayed)),
                ("REPLAYABLE_SCN", int(replayed)),
                ("READABLE_SCN", int(replayed)),
                (
                    "RECOVERY_UNTIL_SCN",
                    int(if role == Role::Primary {
                        MAX_SCN
                    } else {
                        t.recovery_until_scn
                    }),
                ),
                (
                    "LOG_MODE",
                    text(if t.archive_mode { "ARCHIVELOG" } else { "NOARCHIVELOG" }),
                ),
            ]);
            rows.push(user);
        }
        rows
    }
}

fn primary_fields(now_scn: i64, archivelog: bool) -> Row {
    vec![
        ("STATUS", text("NORMAL")),
        ("TENANT_ROLE", text("PRIMARY")),
        ("SWITCHOVER_STATUS", text("NORMAL")),
        ("SWITCHOVER_EPOCH", int(0)),
        ("SYNC_SCN", int(now_scn)),
        ("REPLAYABLE_SCN", int(now_scn)),
        ("READABLE_SCN", int(now_scn)),
        ("RECOVERY_UNTIL_SCN", int(MAX_SCN)),
        ("LOG_MODE", text(if archivelog { "ARCHIVELOG" } else { "NOARCHIVELOG" })),
    ]
}
