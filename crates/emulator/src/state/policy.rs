//! The delete policy: `ADD / DROP DELETE BACKUP POLICY` (CDB_OB_BACKUP_DELETE_POLICY), and
//! the sets and pieces it retires as time passes.

use super::backup::FileStatus;
use super::{int, text, Cluster, Row};
use crate::errors::{self, SqlResult};
use crate::timestamp::parse_interval;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletePolicy {
    pub name: String,
    pub window_text: String,
    pub window: i64,
}

impl Cluster {
    pub(super) fn add_delete_policy(&mut self, name: &str, window: &str, tenant: Option<&str>) -> SqlResult<()> {
        let tenant = tenant.ok_or_else(|| errors::missing_argument("TENANT"))?;
        let id = self.user_tenant(tenant, "add delete backup policy")?;
        if name != "default" {
            return Err(errors::not_supported("delete backup policy other than 'default'"));
        }
        let window_us = parse_interval(window).ok_or_else(|| errors::invalid_argument("RECOVERY_WINDOW"))?;
        let t = self.tenant_mut(id)?;
        if t.policy.is_some() {
            return Err(errors::op_not_allowed("adding a second delete backup policy is"));
        }
        t.policy = Some(DeletePolicy {
            name: name.to_string(),
            window_text: window.to_string(),
            window: window_us,
        });
        Ok(())
    }

    /// Removes the tenant's policy of that name, if it has one: OceanBase deletes the row
    /// and never asks whether there was one, so dropping a policy that does not exist
    /// succeeds (`ObDeletePolicyOperator::drop_delete_policy`, a plain `delete from
    /// __all_backup_delete_policy where tenant_id=.. and policy_name=..`, in
    /// `src/share/backup/ob_backup_clean_operator.cpp` at v4.1.0_CE, v4.2.1_CE and
    /// v4.2.1_CE_BP4; `ObBackupCleanScheduler::drop_delete_policy` checks only its
    /// arguments, `src/rootserver/backup/ob_backup_clean_scheduler.cpp`).
    pub(super) fn drop_delete_policy(&mut self, name: &str, tenant: Option<&str>) -> SqlResult<()> {
        let tenant = tenant.ok_or_else(|| errors::missing_argument("TENANT"))?;
        let id = self.user_tenant(tenant, "drop delete backup policy")?;
        let t = self.tenant_mut(id)?;
        if t.policy.as_ref().is_some_and(|p| p.name == name) {
            t.policy = None;
        }
        Ok(())
    }

    /// Sets and pieces no longer needed to restore inside the recovery window are deleted:
    /// everything older than the newest full set that is already outside the window.
    pub(super) fn apply_delete_policies(&mut self, now: i64) {
        for tenant in self.tenants.values_mut() {
            let Some(policy) = &tenant.policy else {
                continue;
            };
            let cutoff = now - policy.window;
            let Some((keep_from, replay_from)) = tenant
                .sets
                .iter()
                .filter(|s| s.usable() && !s.incremental && s.min_restore <= cutoff)
                .max_by_key(|s| s.set_id)
                .map(|s| (s.set_id, s.start_replay))
            else {
                continue;
            };
            for set in &mut tenant.sets {
                if set.set_id < keep_from && set.file_status != FileStatus::Deleted {
                    set.file_status = FileStatus::Deleted;
                }
            }
            let pieces = tenant.pieces_at(now);
            let first_kept = pieces.iter().find(|p| p.checkpoint >= replay_from).map(|p| p.piece_id);
            if let Some(first_kept) = first_kept {
                for round in &mut tenant.rounds {
                    round.deleted_before_piece = round.deleted_before_piece.max(first_kept);
                }
            }
        }
    }

    pub(super) fn delete_policy_rows(&self) -> Vec<Row> {
        self.tenants
            .values()
            .filter(|t| !t.dropped)
            .filter_map(|t| {
                t.policy.as_ref().map(|p| {
                    vec![
                        ("TENANT_ID", int(t.id)),
                        ("POLICY_NAME", text(&p.name)),
                        ("RECOVERY_WINDOW", text(&p.window_text)),
                    ]
                })
            })
            .collect()
    }
}
