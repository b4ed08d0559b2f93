//! Readers an operation uses to check before it sends and to confirm after:
//! zones, resource pools and unit configs (where a restored tenant can go),
//! one tenant's backup destinations, and the jobs started after a known one.

use desk_model::backup::{BackupDestinations, BackupJob, RestoreJob};
use desk_model::placement::{ResourcePool, UnitConfig, Zone};
use desk_model::{words, ObName, UtcMicros};

use crate::catalog::View;
use crate::error::{ObError, ObErrorCode};
use crate::session::Session;
use crate::sql::literal;
use crate::views::{job, map_rows, one_per_job, restore_job, JOBS, JOB_HISTORY, RESTORE_HISTORY, RESTORE_PROGRESS};

impl Session {
    /// `DBA_OB_ZONES`.
    pub async fn zones(&mut self) -> Result<Vec<Zone>, ObError> {
        if self.is_v3() {
            return self.zones_v3().await;
        }
        self.read_view(&ZONES, " ORDER BY ZONE", |c| {
            Ok(Zone {
                name: c.text("ZONE"),
                status: c.text("STATUS"),
                region: c.text("REGION"),
            })
        })
        .await
    }

    /// `DBA_OB_RESOURCE_POOLS`.
    pub async fn resource_pools(&mut self) -> Result<Vec<ResourcePool>, ObError> {
        // 3.x documents no view of pools for the sys tenant: a name taken is refused by
        // the cluster itself (4651).
        if self.is_v3() {
            return Ok(Vec::new());
        }
        self.read_view(&POOLS, " ORDER BY NAME", |c| {
            Ok(ResourcePool {
                name: c.text("NAME"),
                tenant_id: c.opt_text("TENANT_ID").map(|_| c.int("TENANT_ID")).transpose()?,
                unit_count: c.uint("UNIT_COUNT")?,
                unit_config_id: c.int("UNIT_CONFIG_ID")?,
                zones: c
                    .text("ZONE_LIST")
                    .split(';')
                    .map(str::trim)
                    .filter(|z| !z.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        })
        .await
    }

    /// `DBA_OB_UNIT_CONFIGS`.
    pub async fn unit_configs(&mut self) -> Result<Vec<UnitConfig>, ObError> {
        if self.is_v3() {
            return Ok(Vec::new());
        }
        self.read_view(&UNIT_CONFIGS, " ORDER BY NAME", |c| {
            let cpu = c.text("MAX_CPU");
            Ok(UnitConfig {
                id: c.int("UNIT_CONFIG_ID")?,
                name: c.text("NAME"),
                max_cpu: cpu.trim().parse().unwrap_or(0.0),
                memory_bytes: c.uint("MEMORY_SIZE")?,
            })
        })
        .await
    }

    /// One tenant's backup destinations (redacted); empty where unset.
    pub async fn destinations_of(&mut self, ob_tenant_id: i64) -> Result<BackupDestinations, ObError> {
        Ok(self
            .destinations()
            .await?
            .into_iter()
            .find(|d| d.tenant_id == ob_tenant_id)
            .unwrap_or(BackupDestinations {
                tenant_id: ob_tenant_id,
                ..Default::default()
            }))
    }

    /// The largest backup job id a tenant has had (running or finished); 0 for none.
    /// A job an action starts afterwards has a larger id: that is how it is recognised.
    pub async fn last_backup_job_id(&mut self, ob_tenant_id: i64) -> Result<i64, ObError> {
        let mut last = 0;
        // 3.x: a backup is known by its set, BS_KEY.
        let (views, id) = if self.is_v3() {
            (["CDB_OB_BACKUP_PROGRESS", "CDB_OB_BACKUP_SET_DETAILS"], "BS_KEY")
        } else {
            (["CDB_OB_BACKUP_JOBS", "CDB_OB_BACKUP_JOB_HISTORY"], "JOB_ID")
        };
        for view in views {
            let rows = self
                .query_rows(&format!(
                    "SELECT MAX({id}) AS JOB_ID FROM oceanbase.{view} WHERE TENANT_ID = {ob_tenant_id}"
                ))
                .await?;
            for id in map_rows(&rows, "CDB_OB_BACKUP_JOBS", |c| c.int("JOB_ID"))? {
                last = last.max(id);
            }
        }
        Ok(last)
    }

    /// A tenant's backup jobs with an id above `after`, running first, then finished.
    pub async fn backup_jobs_after(&mut self, ob_tenant_id: i64, after: i64) -> Result<Vec<BackupJob>, ObError> {
        if self.is_v3() {
            let mut out = self.backup_jobs_v3().await?;
            out.extend(self.backup_job_history_v3(None).await?);
            out.retain(|j| j.tenant_id == ob_tenant_id && j.job_id > after);
            return Ok(out);
        }
        let tail = format!(" WHERE TENANT_ID = {ob_tenant_id} AND JOB_ID > {after} ORDER BY JOB_ID");
        let mut out = self.read_view(&JOBS, &tail, job).await?;
        out.extend(self.read_view(&JOB_HISTORY, &tail, job).await?);
        Ok(out)
    }

    /// The cluster's own clock, to the second (`UTC_TIMESTAMP()`): what it judges a
    /// restore point's age by.
    pub async fn server_now(&mut self) -> Result<UtcMicros, ObError> {
        let rows = self.query_rows("SELECT UTC_TIMESTAMP() AS T").await?;
        map_rows(&rows, "UTC_TIMESTAMP()", |c| c.time("T"))?
            .into_iter()
            .flatten()
            .next()
            .ok_or_else(|| {
                ObError::new(
                    ObErrorCode::UnexpectedResult,
                    words!("the cluster did not tell its time", "集群没有返回其当前时间"),
                )
            })
    }

    /// The largest restore job id the cluster has had; 0 for none.
    pub async fn last_restore_job_id(&mut self) -> Result<i64, ObError> {
        let mut last = 0;
        for view in ["CDB_OB_RESTORE_PROGRESS", "CDB_OB_RESTORE_HISTORY"] {
            let rows = self
                .query_rows(&format!("SELECT MAX(JOB_ID) AS JOB_ID FROM oceanbase.{view}"))
                .await?;
            for id in map_rows(&rows, "CDB_OB_RESTORE_HISTORY", |c| c.int("JOB_ID"))? {
                last = last.max(id);
            }
        }
        Ok(last)
    }

    /// Restores into tenant `name` with a job id above `after`: running first, then finished.
    pub async fn restores_of(&mut self, name: &ObName, after: i64) -> Result<Vec<RestoreJob>, ObError> {
        let name = literal("tenantName", name.as_str()).map_err(ObError::from)?;
        if self.is_v3() {
            let tail = format!(" WHERE TENANT_NAME = {name} AND JOB_ID > {after} ORDER BY JOB_ID");
            let mut out = self.restores_v3(true, &tail).await?;
            out.extend(self.restores_v3(false, &tail).await?);
            return Ok(out);
        }
        let tail = format!(" WHERE RESTORE_TENANT_NAME = {name} AND JOB_ID > {after} ORDER BY JOB_ID");
        let mut out = one_per_job(
            self.read_view(&RESTORE_PROGRESS, &tail, |c| restore_job(c, true))
                .await?,
        );
        out.extend(one_per_job(
            self.read_view(&RESTORE_HISTORY, &tail, |c| restore_job(c, false))
                .await?,
        ));
        Ok(out)
    }
}

const ZONES: View = View {
    name: "DBA_OB_ZONES",
    may_be_absent: false,
    keys: &["ZONE"],
    optional: &["STATUS", "REGION"],
};

const POOLS: View = View {
    name: "DBA_OB_RESOURCE_POOLS",
    may_be_absent: false,
    keys: &["NAME"],
    optional: &["TENANT_ID", "UNIT_COUNT", "UNIT_CONFIG_ID", "ZONE_LIST"],
};

const UNIT_CONFIGS: View = View {
    name: "DBA_OB_UNIT_CONFIGS",
    may_be_absent: false,
    keys: &["UNIT_CONFIG_ID", "NAME"],
    optional: &["MAX_CPU", "MEMORY_SIZE"],
};
