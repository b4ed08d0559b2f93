//! Sample rows for other crates' tests and benches (feature `samples`): one place
//! that spells out every field, so a test names only what it is about.

use crate::backup::{BackupJob, RestoreJob, Scn};
use crate::status::{BackupJobStatus, BackupType, RestoreStatus};

impl BackupJob {
    /// A tenant's incremental backup job `job_id` (set `job_id`), with no times yet.
    pub fn sample(tenant_id: i64, job_id: i64, status: BackupJobStatus) -> BackupJob {
        BackupJob {
            tenant_id,
            job_id,
            incarnation: 1,
            backup_set_id: job_id,
            plus_archivelog: false,
            backup_type: BackupType::Incremental,
            job_level: "USER_TENANT".into(),
            encryption_mode: "NONE".into(),
            start: None,
            end: None,
            status,
            result: 0,
            comment: String::new(),
            description: String::new(),
            path: String::new(),
        }
    }
}

impl RestoreJob {
    /// Restore `job_id` by tenant `tenant_id` into `target` (from tenant `source` of
    /// `cluster`), running (as the progress view shows it) until `status` is terminal.
    pub fn sample(tenant_id: i64, job_id: i64, target: &str, status: RestoreStatus) -> RestoreJob {
        RestoreJob {
            tenant_id,
            job_id,
            restore_tenant_name: target.into(),
            backup_tenant_name: "source".into(),
            backup_cluster_name: "cluster".into(),
            backup_dest: String::new(),
            restore_option: String::new(),
            restore_scn: Scn(0),
            running: !status.is_terminal(),
            status,
            phase: String::new(),
            start: None,
            finish: None,
            backup_set_list: String::new(),
            backup_piece_list: String::new(),
            total_bytes: 0,
            finish_bytes: 0,
            ls_count: 0,
            finish_ls_count: 0,
            tablet_count: 0,
            finish_tablet_count: 0,
            comment: String::new(),
            description: String::new(),
        }
    }

    /// A finished restore with every field empty: the base a test's own literal
    /// fills in (`..RestoreJob::blank()`).
    pub fn blank() -> RestoreJob {
        RestoreJob::sample(0, 0, "", RestoreStatus::Success)
    }
}
