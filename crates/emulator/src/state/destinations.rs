//! Backup destinations: DATA_BACKUP_DEST and the other `ALTER SYSTEM SET` parameters
//! (CDB_OB_BACKUP_PARAMETER), and the rule that every destination belongs to one tenant's
//! one kind of backup.

use super::{int, text, Cluster, Context, Row};
use crate::errors::{self, SqlResult};
use crate::release::{Line, Release};

/// Accepts the URI forms the release takes for backup media (the parameter tables of
/// each release's "set data backup dest" page, and `ObObjectStorageInfo::
/// parse_storage_info_` / `validate_arguments`, `deps/oblib/src/lib/restore/
/// ob_storage_info.cpp`): an absolute `file://` path with no query; `oss://` with host and
/// keys; `cos://` also with `appid`; `s3://` where the release has S3, `s3_region`
/// allowed on `s3://` only. What a release does not take is OB_INVALID_BACKUP_DEST.
pub fn check_uri(given: &str, release: Release) -> SqlResult<()> {
    let uri = given.trim();
    let (scheme, rest) = uri.split_once("://").unwrap_or(("", ""));
    let scheme = scheme.to_ascii_lowercase();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let has = |key: &str| {
        query.split('&').any(|kv| {
            kv.split_once('=')
                .is_some_and(|(k, v)| k.eq_ignore_ascii_case(key) && !v.is_empty())
        })
    };
    let keys = has("host") && has("access_id") && has("access_key");
    let media = release.media;
    let valid = !path.trim_matches('/').is_empty()
        && (scheme == "s3" || !has("s3_region"))
        && match scheme.as_str() {
            "file" => path.starts_with('/') && query.is_empty(),
            "oss" => media.oss && keys,
            "cos" => media.cos && keys && has("appid"),
            "s3" => (media.s3 || media.s3_compatible) && keys && (media.s3_compatible || has("s3_region")),
            _ => false,
        };
    if valid {
        Ok(())
    } else {
        Err(errors::invalid_backup_dest(given, release.uri_in_invalid_dest_message))
    }
}

impl Cluster {
    pub(crate) fn check_uri(&self, uri: &str) -> SqlResult<()> {
        check_uri(uri, self.info.release)
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

/// Object storage (`oss://`, `cos://`, `s3://`): a bucket that checks the keys each request
/// is signed with. `file://` has none.
fn is_object_storage(uri: &str) -> bool {
    let scheme = uri.trim().split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("oss" | "cos" | "s3"))
}

/// One `name=value` of a URI's query, the name without case as [`check_uri`] reads it.
fn query_value<'a>(uri: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = uri.trim().split_once('?')?;
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Whether a request signed as `given` is one the bucket takes for what was written as
/// `written` (the same path): the same `access_id` and `access_key`, compared exactly, and
/// the same `host` when both name one (another endpoint is another region's answer: 403
/// too). `file://` paths have no keys and always match.
pub fn same_credentials(written: &str, given: &str) -> bool {
    if !is_object_storage(given) || !is_object_storage(written) {
        return true;
    }
    let keys_match = ["access_id", "access_key"]
        .iter()
        .all(|k| query_value(written, k) == query_value(given, k));
    let host_matches = match (query_value(written, "host"), query_value(given, "host")) {
        (Some(w), Some(g)) => w.eq_ignore_ascii_case(g),
        _ => true,
    };
    keys_match && host_matches
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
            "backup_dest" if self.info.release.line == Line::V3 => {
                if value.trim().is_empty() {
                    self.cluster_backup_dest = None;
                } else {
                    self.check_uri(value)?;
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
        self.check_uri(uri)?;
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

    /// Every URI the emulator wrote at `uri`'s path with: a tenant's DATA_BACKUP_DEST and
    /// LOG_ARCHIVE_DEST (configured or set), the sets and archive rounds written there, and
    /// 3.x's cluster `backup_dest`. Dropped tenants' too: their backups stay on storage.
    fn writers_of<'a>(&'a self, uri: &str) -> Vec<&'a str> {
        let mut written: Vec<&str> = Vec::new();
        for t in self.tenants.values() {
            written.extend(t.data_dest.as_deref());
            written.extend(t.sets.iter().map(|s| s.path.as_str()));
            written.extend(t.archive_dest.as_ref().map(|d| d.location.as_str()));
            written.extend(t.rounds.iter().map(|r| r.path.as_str()));
        }
        written.extend(self.cluster_backup_dest.as_deref());
        written.retain(|w| same_path(w, uri));
        written
    }

    /// A read of a destination the emulator knows, signed with `uri`'s keys: an object store
    /// refuses keys other than the ones the path was written with (any of them, when a
    /// destination was set again with new keys: both pairs belong to the bucket's owner),
    /// and the release answers that refusal its own way
    /// ([`crate::release::ReleaseProfile::object_storage_denied`]). A path nothing was
    /// written at, and `file://`, are not this check's business.
    pub(crate) fn check_read_keys(&self, uri: &str) -> SqlResult<()> {
        let written = self.writers_of(uri);
        if written.is_empty() || written.iter().any(|w| same_credentials(w, uri)) {
            Ok(())
        } else {
            Err(errors::object_storage_denied(self.info.release.object_storage_denied))
        }
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
        let r = Release::V4_3_5_CE;
        assert!(check_uri("file:///data/backup", r).is_ok());
        assert!(check_uri("oss://bucket/p?host=h&access_id=a&access_key=k", r).is_ok());
        assert!(check_uri("file://relative", r).is_err());
        assert!(check_uri("a' ; DROP TENANT t1 -- ", r).is_err());
        assert!(
            check_uri("cos://b/p?host=h&access_id=a&access_key=k", r).is_err(),
            "COS needs its appid"
        );
        // S3-compatible stores need no region; s3_region belongs to s3:// only.
        assert!(check_uri("s3://b/p?host=obs.example.com&access_id=a&access_key=k", r).is_ok());
        assert!(check_uri("oss://b/p?host=h&access_id=a&access_key=k&s3_region=x", r).is_err());
        // What a release does not take.
        assert!(check_uri("cos://b/p?host=h&access_id=a&access_key=k&appid=1", Release::V4_1_0_CE).is_err());
        assert!(check_uri(
            "s3://b/p?host=h&access_id=a&access_key=k&s3_region=r",
            Release::V4_2_1_CE
        )
        .is_err());
        assert!(check_uri("oss://b/p?host=h&access_id=a&access_key=k", Release::V3_1_5_CE).is_err());
        // The message names the URI from 4.2.1 BP4 on.
        let old = check_uri("ftp://x", Release::V4_2_1_CE).unwrap_err();
        assert_eq!(
            (old.code, old.message.as_str()),
            (9026, "backup destination is not valid")
        );
        let new = check_uri("ftp://x", r).unwrap_err();
        assert_eq!(new.message, "ftp://x is not a valid uri");
        assert!(same_path("oss://b/p/?host=x", "OSS://b/p?host=y"));
        assert!(!same_path("file:///a", "file:///b"));
    }

    #[test]
    fn keys_are_compared_exactly_and_hosts_when_both_name_one() {
        let written = "oss://b/p?host=oss-cn-hangzhou.aliyuncs.com&access_id=AK&access_key=Secret1";
        assert!(same_credentials(written, written));
        // The order of the query and the case of its names do not matter; values do.
        assert!(same_credentials(
            written,
            "oss://b/p/?ACCESS_KEY=Secret1&access_id=AK&host=OSS-CN-HANGZHOU.aliyuncs.com"
        ));
        assert!(!same_credentials(
            written,
            "oss://b/p?host=oss-cn-hangzhou.aliyuncs.com&access_id=AK&access_key=secret1"
        ));
        assert!(!same_credentials(
            written,
            "oss://b/p?host=oss-cn-hangzhou.aliyuncs.com&access_id=AK2&access_key=Secret1"
        ));
        assert!(!same_credentials(
            written,
            "oss://b/p?host=oss-cn-shanghai.aliyuncs.com&access_id=AK&access_key=Secret1"
        ));
        assert!(!same_credentials(
            written,
            "oss://b/p?host=oss-cn-hangzhou.aliyuncs.com&access_id=AK"
        ));
        // Only one side names a host: the keys decide.
        assert!(same_credentials(
            "s3://b/p?access_id=AK&access_key=K",
            "s3://b/p?host=h&access_id=AK&access_key=K"
        ));
        assert!(same_credentials(
            "cos://b/p?host=h&access_id=AK&access_key=K&appid=1",
            "cos://b/p?host=h&access_id=AK&access_key=K&appid=2"
        ));
        // `file://` has no keys.
        assert!(same_credentials("file:///data/backup", "file:///data/backup"));
    }
}
