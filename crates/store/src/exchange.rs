//! Export and import of backup and recovery history (the file format and its
//! checks are `desk_model::exchange`). An import writes everything in one
//! transaction into clusters marked imported, named `<cluster>@<label>` so
//! they never merge with live data.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob};
use desk_model::exchange::{ExportedCluster, HistoryExport, MAX_FILE_BYTES};
use desk_model::{words, ClusterId, ObVersion, TenantRecord, UtcMicros};
use rusqlite::params;

use crate::history::write_history;
use crate::tenants::write_tenants;
use crate::{HistorySnapshot, Store, StoreError};

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub clusters: Vec<String>,
    #[ts(type = "number")]
    pub backup_jobs: u64,
    #[ts(type = "number")]
    pub restore_jobs: u64,
}

/// `label`: letters, digits, '-', '_' and '.', 1 to 40 (a file stem or a date).
/// Public so a door can refuse a label before it creates or opens anything.
pub fn check_import_label(label: &str) -> Result<(), StoreError> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if label.is_empty() || label.len() > 40 || !label.chars().all(ok) {
        return Err(StoreError::Invalid {
            field: "label",
            rule: words!(
                "1 to 40 letters, digits, '-', '_' or '.'",
                "须为 1 到 40 个字母、数字、'-'、'_' 或 '.'"
            ),
        });
    }
    Ok(())
}

/// Reads a file to import from any path (a file, a FIFO, a device) taking at most
/// [`MAX_FILE_BYTES`] + 1 bytes: one byte past the limit is enough to refuse, so a
/// source without end (`/dev/zero`, a FIFO fed forever) is never read further and
/// never waited on for more. Both doors (the app and `desk import`) read through it.
pub fn read_import_file(path: &Path) -> Result<Vec<u8>, StoreError> {
    read_at_most(path, MAX_FILE_BYTES)
}

/// [`read_import_file`] with the limit as a parameter, so tests need not feed 256 MiB.
fn read_at_most(path: &Path, limit: usize) -> Result<Vec<u8>, StoreError> {
    let shown = path.display();
    let unreadable = |e: std::io::Error| StoreError::Invalid {
        field: "path",
        rule: words!("cannot read {shown}: {e}", "无法读取 {shown}：{e}"),
    };
    let too_large = || StoreError::Invalid {
        field: "path",
        rule: words!(
            "{shown} holds more than {limit} bytes; an import reads at most {limit}",
            "{shown} 超过 {limit} 字节；导入最多读取 {limit} 字节"
        ),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    // A regular file says its size: one too large is refused without reading it.
    // Anything else says 0 (or lies), so the bounded read below is what counts.
    let said = if meta.is_file() { meta.len() } else { 0 };
    if said > limit as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(said as usize + 1);
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Backup jobs and restores for an export, each with its cluster's name.
pub type ExportHistory = (Vec<(String, BackupJob)>, Vec<(String, RestoreJob)>);

/// What an export carries for each cluster's window: the clusters (release, tenants),
/// and the backup sets and archive pieces, each with its cluster's name.
pub type ExportBackups = (
    Vec<ExportedCluster>,
    Vec<(String, BackupSetFile)>,
    Vec<(String, ArchivePiece)>,
);

/// Rows of one cluster in a file being imported.
#[derive(Default)]
struct ImportedCluster<'a> {
    version: Option<&'a ObVersion>,
    tenants: Vec<TenantRecord>,
    jobs: Vec<BackupJob>,
    restores: Vec<RestoreJob>,
    sets: Vec<BackupSetFile>,
    pieces: Vec<ArchivePiece>,
}

/// The tenants an imported cluster is shown with: those the file names, else what its
/// rows name (a 3.x restore row's TENANT_ID is the restored tenant; 4.x's is the sys
/// tenant's, 1, which names nothing). Tenants of the rows nothing names stay unnamed
/// rather than be given a made-up name.
fn tenants_of(c: &ImportedCluster<'_>) -> Vec<TenantRecord> {
    let mut tenants = c.tenants.clone();
    for r in &c.restores {
        let named = tenants
            .iter()
            .any(|t| t.ob_tenant_id == r.tenant_id || t.name == r.restore_tenant_name);
        if r.tenant_id > 1 && !r.restore_tenant_name.is_empty() && !named {
            tenants.push(TenantRecord {
                ob_tenant_id: r.tenant_id,
                name: r.restore_tenant_name.clone(),
                tenant_type: "USER".into(),
                // What the cluster said of it is not in the file.
                status: String::new(),
                role: String::new(),
                log_mode: String::new(),
                unit_num: 0,
            });
        }
    }
    tenants
}

impl Store {
    /// Writes a checked export as imported clusters, all or nothing: the clusters
    /// and every row of theirs in one transaction, so a crash (even `kill -9`)
    /// leaves either the whole import or none of it, and the label free again.
    pub fn import_history(&mut self, file: &HistoryExport, label: &str) -> Result<ImportReport, StoreError> {
        check_import_label(label)?;
        // Each cluster's rows, in file order, gathered in one pass over the file.
        let mut by_cluster: BTreeMap<&str, ImportedCluster<'_>> = BTreeMap::new();
        for c in &file.clusters {
            let e = by_cluster.entry(&c.name).or_default();
            e.version = c.version.as_ref();
            e.tenants = c.tenants.clone();
        }
        for r in &file.backup_jobs {
            by_cluster.entry(&r.cluster).or_default().jobs.push(r.job.clone());
        }
        for r in &file.restore_jobs {
            by_cluster.entry(&r.cluster).or_default().restores.push(r.job.clone());
        }
        for r in &file.backup_sets {
            by_cluster.entry(&r.cluster).or_default().sets.push(r.set.clone());
        }
        for r in &file.archive_pieces {
            by_cluster.entry(&r.cluster).or_default().pieces.push(r.piece.clone());
        }
        let tx = self.writer()?.transaction()?;
        let mut clusters = Vec::with_capacity(by_cluster.len());
        for (name, c) in &by_cluster {
            let imported = format!("{name}@{label}");
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM clusters WHERE name = ?1)",
                [&imported],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::Invalid {
                    field: "label",
                    rule: words!(
                        "{imported} is already in the desk; import under another label",
                        "{imported} 已在本机中；请用另一个标签导入"
                    ),
                });
            }
            let id: i64 = tx.query_row(
                "INSERT INTO clusters (name, host, port, sandbox, imported_from, version)
                 VALUES (?1, '-', 1, 0, ?2, ?3) RETURNING id",
                params![imported, label, c.version.map(|v| v.to_string())],
                |r| r.get(0),
            )?;
            write_tenants(&tx, ClusterId(id), &tenants_of(c))?;
            write_history(
                &tx,
                ClusterId(id),
                &HistorySnapshot {
                    jobs: &c.jobs,
                    restores: &c.restores,
                    sets: &c.sets,
                    pieces: &c.pieces,
                },
            )?;
            clusters.push(imported);
        }
        // Dropping `tx` on any error above rolls everything back.
        tx.commit()?;
        self.checkpoint_soon();
        Ok(ImportReport {
            clusters,
            backup_jobs: file.backup_jobs.len() as u64,
            restore_jobs: file.restore_jobs.len() as u64,
        })
    }

    /// Every cached backup job and restore (with its cluster's name) for an export,
    /// optionally one cluster's and from a time on (by start).
    pub fn history_for_export(
        &self,
        cluster: Option<ClusterId>,
        from: Option<UtcMicros>,
        to: Option<UtcMicros>,
    ) -> Result<ExportHistory, StoreError> {
        let clusters = self.clusters()?;
        let mut backups = Vec::new();
        let mut restores = Vec::new();
        let within = |t: Option<UtcMicros>| {
            let t = t.map(|t| t.0).unwrap_or(0);
            from.is_none_or(|f| t >= f.0) && to.is_none_or(|e| t <= e.0)
        };
        for c in clusters.iter().filter(|c| cluster.is_none_or(|id| id == c.id)) {
            backups.extend(
                self.backup_jobs_of(c.id, None)?
                    .into_iter()
                    .filter(|j| within(j.start))
                    .map(|j| (c.name.clone(), j)),
            );
            restores.extend(
                self.restore_jobs_of(c.id)?
                    .into_iter()
                    .filter(|j| within(j.start))
                    .map(|j| (c.name.clone(), j)),
            );
        }
        Ok((backups, restores))
    }

    /// What an export carries for the window of each cluster (one, or all): its release,
    /// tenants, backup sets and archive pieces, whatever the time filter (the window at
    /// any time depends on sets and pieces that started before it).
    pub fn backups_for_export(&self, cluster: Option<ClusterId>) -> Result<ExportBackups, StoreError> {
        let mut clusters = Vec::new();
        let mut sets = Vec::new();
        let mut pieces = Vec::new();
        for c in self
            .clusters()?
            .into_iter()
            .filter(|c| cluster.is_none_or(|id| id == c.id))
        {
            let tenants = self.tenants(Some(c.id))?;
            for t in self.tenant_backups(c.id, None)? {
                sets.extend(t.sets.into_iter().map(|s| (c.name.clone(), s)));
                pieces.extend(t.pieces.into_iter().map(|p| (c.name.clone(), p)));
            }
            clusters.push(ExportedCluster {
                name: c.name,
                version: c.version,
                tenants: tenants.into_iter().map(|t| t.record).collect(),
            });
        }
        Ok((clusters, sets, pieces))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::time::{Duration, Instant};

    use super::*;

    fn refused_for_size(r: Result<Vec<u8>, StoreError>) -> String {
        match r {
            Err(StoreError::Invalid { field: "path", rule }) => {
                assert!(rule.zh.contains("导入最多读取"), "{rule:?}");
                rule.en
            }
            other => panic!("expected a refusal naming path, got {other:?}"),
        }
    }

    #[test]
    fn a_file_within_the_limit_is_read_whole_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, vec![b'x'; 1000]).unwrap();
        assert_eq!(read_at_most(&path, 1000).unwrap().len(), 1000);
        let said = refused_for_size(read_at_most(&path, 999));
        assert!(said.contains("more than 999 bytes"), "{said}");
        let missing = read_at_most(&dir.path().join("nowhere.json"), 10).unwrap_err();
        assert!(missing.to_string().starts_with("path: cannot read"), "{missing}");
        let folder = read_at_most(dir.path(), 10).unwrap_err();
        assert!(folder.to_string().starts_with("path: cannot read"), "{folder}");
    }

    /// A sparse file claiming more than 256 MiB is refused by its size, unread.
    #[test]
    fn a_regular_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.json");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
        let started = Instant::now();
        let said = refused_for_size(read_import_file(&path));
        assert!(said.contains(&format!("more than {MAX_FILE_BYTES} bytes")), "{said}");
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    }

    /// `/dev/zero` says it holds nothing and never ends: refused after limit + 1 bytes.
    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused() {
        let said = refused_for_size(read_import_file(Path::new("/dev/zero")));
        assert!(said.contains("/dev/zero holds more than"), "{said}");
    }

    /// A FIFO fed far past the limit: refused once limit + 1 bytes are in, and the
    /// writer sees the pipe closed (EPIPE) having put in little more than that, where
    /// an unbounded read would have drained all of it.
    #[cfg(unix)]
    #[test]
    fn a_fifo_fed_past_the_limit_is_refused_without_draining_it() {
        const LIMIT: usize = 1 << 20;
        const FED: usize = 64 << 20;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                // Opening a FIFO for writing waits for its reader.
                let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
                let chunk = vec![b'{'; 4096];
                let mut written = 0;
                while written < FED {
                    match pipe.write(&chunk) {
                        Ok(n) => written += n,
                        Err(e) => {
                            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
                            break;
                        }
                    }
                }
                written
            })
        };
        let started = Instant::now();
        let said = refused_for_size(read_at_most(&fifo, LIMIT));
        assert!(said.contains(&format!("more than {LIMIT} bytes")), "{said}");
        let written = writer.join().unwrap();
        // What the reader took (limit + 1) plus at most what the pipe buffers (1 MiB,
        // Linux's pipe-max-size default; 64 KiB unless raised) and one chunk in flight.
        assert!(
            written <= LIMIT + 1 + (1 << 20) + 4096,
            "the writer put {written} bytes in: the reader kept reading"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }
}
