//! Backup destinations: DATA_BACKUP_DEST and the other `ALTER SYSTEM SET` parameters
//! (CDB_OB_BACKUP_PARAMETER), and the rule that every destination belongs to one tenant's
//! one kind of backup.

use super::{int, text, Cluster, Context, Row};
use crate::errors::{self, SqlResult};

/// Accepts the URI forms OceanBase takes for backup media.
pub fn check_uri(given: &str) -> SqlResult<()> {
    let uri = given.trim();
    let valid = ["file://", "oss://", "cos://", "s3://", "obs://", "gs://", "azblob://"]
        .iter()
        .any(|scheme| {
            uri.len() > scheme.len()
                && uri[..scheme.len()].eq_ignore_ascii_case(scheme)
                && (*scheme != "file://" || uri[scheme.len()..].starts_with('/'))
        });
    if valid {
        Ok(())
    } else {
        Err(errors::invalid_backup_dest(given))
    }
}

/// A destination's identity: scheme and path, without query (credentials) or trailing `/`.
fn path_key(uri: &str) -> String {
    let without_query = uri.split('?').next().unwrap_or(uri).trim();
    without_query.trim_end_matches('/').to_ascii_lowercase()
}

pub fn same_path(a: &str, b: &str) -> bool {
    path_key(a) == path_key(b)
}

impl Cluster {
    pub(super) fn set_parameter(
        &mut self,
        name: &str,
        value: &str,
        tenant: Option<&str>,
        ctx: &Context,
    ) -> SqlResult<()> {
        match name {
            "data_backup_dest" | "log_archive_dest" | "log_archive_dest_1" => {
                let Some(tenant) = tenant else {
                    return Err(errors::op_not_allowed(&format!("set {name} for sys tenant is")));
                };
                let id = self.user_tenant(tenant, &format!("set {name}"))?;
                if name == "data_backup_dest" {
                    self.set_data_backup_dest(id, value, ctx)
                } else {
                    self.set_log_archive_dest(id, value, ctx)
                }
            }
            "backup_dest" if self.info.major_version < 4 => {
                if value.trim().is_empty() {
                    self.cluster_backup_dest = None;
                } else {
                    check_uri(value)?;
                    self.cluster_backup_dest = Some(value.to_string());
                }
                Ok(())
            }
            // Other parameters (ha_low_thread_score, log_archive_dest_state, ...) are
            // accepted; they change nothing the views show.
            _ => {
                if let Some(tenant) = tenant {
                    let all = ["all", "all_user", "all_meta"];
                    if !all.iter().any(|a| a.eq_ignore_ascii_case(tenant)) {
                        self.user_tenant(tenant, "set parameter")?;
                    }
                }
                Ok(())
            }
        }
    }

    fn set_data_backup_dest(&mut self, tenant_id: i64, uri: &str, ctx: &Context) -> SqlResult<()> {
        if self.running_job_of(tenant_id) {
            return Err(errors::backup_in_progress());
        }
        if uri.trim().is_empty() {
            self.tenant_mut(tenant_id)?.data_dest = None;
            return Ok(());
        }
        check_uri(uri)?;
        self.check_path_free(tenant_id, uri, false)?;
        let tenant = self.tenant_mut(tenant_id)?;
        let unchanged = tenant.data_dest.as_deref().is_some_and(|d| same_path(d, uri));
        if !unchanged {
            tenant.data_dest_id = tenant.allocate_dest_id();
        }
        tenant.data_dest = Some(uri.trim().to_string());
        tenant.modified = ctx.now;
        Ok(())
    }

    /// OceanBase wants every destination to hold one tenant's one kind of backup.
    pub(super) fn check_path_free(&self, tenant_id: i64, uri: &str, archive: bool) -> SqlResult<()> {
        for t in self.tenants.values() {
            let own = t.id == tenant_id;
            let data_uses =
                t.data_dest.iter().any(|d| same_path(d, uri)) || t.sets.iter().any(|s| same_path(&s.path, uri));
            let archive_uses = t.archive_dest.iter().any(|d| same_path(&d.location, uri))
                || t.rounds.iter().any(|r| same_path(&r.path, uri));
            let conflict = if own {
                if archive {
                    data_uses
                } else {
                    archive_uses
                }
            } else {
                data_uses || archive_uses
            };
            if conflict {
                return Err(errors::backup_format_file_not_match());
            }
        }
        Ok(())
    }

    pub(super) fn backup_parameter_rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .tenants
            .values()
            .filter(|t| !t.dropped)
            .filter_map(|t| {
                t.data_dest.as_ref().map(|uri| {
                    vec![
                        ("TENANT_ID", int(t.id)),
                        ("NAME", text("data_backup_dest")),
                        ("VALUE", text(uri)),
                    ]
                })
            })
            .collect();
        if let Some(uri) = &self.cluster_backup_dest {
            rows.push(vec![
                ("TENANT_ID", int(1)),
                ("NAME", text("backup_dest")),
                ("VALUE", text(uri)),
            ]);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths() {
        assert!(check_uri("file:///data/backup").is_ok());
        assert!(check_uri("oss://bucket/p?host=h&access_id=a&access_key=k").is_ok());
        assert!(check_uri("file://relative").is_err());
        assert!(check_uri("a' ; DROP TENANT t1 -- ").is_err());
        assert!(same_path("oss://b/p/?host=x", "OSS://b/p?host=y"));
        assert!(!same_path("file:///a", "file:///b"));
    }
}
