//! Backup and recovery history as a file: exported (filtered as on screen)
//! for review on another workstation, and imported into a read-only
//! "imported" source. Every time is written as UTC microseconds, as UTC text
//! and as text in the exporting desk's display zone (with its offset).
//!
//! An import is all or nothing: [`parse_history`] checks the whole file
//! (format, version, every row) before anything is written, and names the row
//! and field of the first problem.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob};
use crate::storage::redact;
use crate::{words, ObVersion, TenantRecord, UtcMicros, Words};

pub const HISTORY_FORMAT: &str = "ob-backup-desk/history";
pub const HISTORY_VERSION: u32 = 1;
/// Longest text a row may carry (OceanBase's COMMENT columns hold 1024; paths 2048).
pub const MAX_TEXT: usize = 4096;
/// Largest file an import reads.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// A time as the file carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stamp {
    pub micros: UtcMicros,
    /// `2026-11-24T00:15:30.000000Z`
    pub utc: String,
    /// `2026-11-24 08:15:30.000000 +08:00` in the exporting desk's display zone.
    pub local: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedBackupJob {
    pub cluster: String,
    pub job: BackupJob,
    pub start: Option<Stamp>,
    pub end: Option<Stamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedRestoreJob {
    pub cluster: String,
    pub job: RestoreJob,
    pub start: Option<Stamp>,
    pub finish: Option<Stamp>,
}

/// A cluster as the exporting desk knew it: its release (which restore rule its
/// window follows) and its tenants (the names its rows are shown under).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedCluster {
    pub name: String,
    pub version: Option<ObVersion>,
    pub tenants: Vec<TenantRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedBackupSet {
    pub cluster: String,
    pub set: BackupSetFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedArchivePiece {
    pub cluster: String,
    pub piece: ArchivePiece,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryExport {
    pub format: String,
    pub version: u32,
    pub exported_at: Stamp,
    pub display_zone: String,
    pub backup_jobs: Vec<ExportedBackupJob>,
    pub restore_jobs: Vec<ExportedRestoreJob>,
    // What an importing desk computes the window and names tenants from. Files written
    // before these were carried lack them (the same version reads both: a reader that
    // does not know them ignores them), and an import then names what the rows name.
    #[serde(default)]
    pub clusters: Vec<ExportedCluster>,
    #[serde(default)]
    pub backup_sets: Vec<ExportedBackupSet>,
    #[serde(default)]
    pub archive_pieces: Vec<ExportedArchivePiece>,
}

/// Why a file was refused: where, and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {rule}")]
pub struct ImportError {
    /// `file`, `version`, `backupJobs[12].comment` ...
    pub place: String,
    pub rule: Words,
}

impl ImportError {
    /// The refusal as the operator reads it: the place, then the rule.
    pub fn words(&self) -> Words {
        Words::labelled(&self.place, &self.rule)
    }
}

fn err(place: impl Into<String>, rule: Words) -> ImportError {
    ImportError {
        place: place.into(),
        rule,
    }
}

/// A time as UTC text and as text in `zone` (an IANA name; UTC when unknown).
pub fn stamp(t: UtcMicros, zone: &str) -> Stamp {
    let utc = chrono::DateTime::from_timestamp_micros(t.0).unwrap_or_default();
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    Stamp {
        micros: t,
        utc: utc.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        local: utc.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S%.6f %:z").to_string(),
    }
}

/// A backup job as a file carries it: every text a cluster wrote redacted again,
/// whatever the cache holds, so no export carries a credential and every export
/// passes its own import's check.
fn redacted_job(j: BackupJob) -> BackupJob {
    BackupJob {
        comment: redact(&j.comment),
        description: redact(&j.description),
        path: redact(&j.path),
        ..j
    }
}

fn redacted_set(s: BackupSetFile) -> BackupSetFile {
    BackupSetFile {
        path: redact(&s.path),
        ..s
    }
}

fn redacted_piece(p: ArchivePiece) -> ArchivePiece {
    ArchivePiece {
        path: redact(&p.path),
        ..p
    }
}

fn redacted_restore(j: RestoreJob) -> RestoreJob {
    RestoreJob {
        backup_dest: redact(&j.backup_dest),
        restore_option: redact(&j.restore_option),
        backup_set_list: redact(&j.backup_set_list),
        backup_piece_list: redact(&j.backup_piece_list),
        comment: redact(&j.comment),
        description: redact(&j.description),
        ..j
    }
}

impl HistoryExport {
    /// The export of these rows (in this order), made at `now`, every time also in `zone`.
    /// Every door writes its file from this, so the app's and the CLI's are the same.
    pub fn new(
        now: UtcMicros,
        zone: &str,
        backups: impl IntoIterator<Item = (String, BackupJob)>,
        restores: impl IntoIterator<Item = (String, RestoreJob)>,
    ) -> Self {
        HistoryExport {
            format: HISTORY_FORMAT.into(),
            version: HISTORY_VERSION,
            exported_at: stamp(now, zone),
            display_zone: zone.into(),
            backup_jobs: backups
                .into_iter()
                .map(|(cluster, job)| ExportedBackupJob {
                    start: job.start.map(|t| stamp(t, zone)),
                    end: job.end.map(|t| stamp(t, zone)),
                    cluster,
                    job: redacted_job(job),
                })
                .collect(),
            restore_jobs: restores
                .into_iter()
                .map(|(cluster, job)| ExportedRestoreJob {
                    start: job.start.map(|t| stamp(t, zone)),
                    finish: job.finish.map(|t| stamp(t, zone)),
                    cluster,
                    job: redacted_restore(job),
                })
                .collect(),
            clusters: Vec::new(),
            backup_sets: Vec::new(),
            archive_pieces: Vec::new(),
        }
    }

    /// The export with what each cluster's window is computed from: its release and
    /// tenants, its backup sets and archive pieces (paths redacted).
    pub fn with_backups(
        mut self,
        clusters: Vec<ExportedCluster>,
        sets: impl IntoIterator<Item = (String, BackupSetFile)>,
        pieces: impl IntoIterator<Item = (String, ArchivePiece)>,
    ) -> Self {
        self.clusters = clusters;
        self.backup_sets = sets
            .into_iter()
            .map(|(cluster, set)| ExportedBackupSet {
                cluster,
                set: redacted_set(set),
            })
            .collect();
        self.archive_pieces = pieces
            .into_iter()
            .map(|(cluster, piece)| ExportedArchivePiece {
                cluster,
                piece: redacted_piece(piece),
            })
            .collect();
        self
    }
}

/// The JSON file an import reads (indented, for a person reading it too).
pub fn to_json(file: &HistoryExport) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(file)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One CSV line per job, backup jobs then restores, with every time in UTC and in
/// the display zone (the column names say which zone).
pub fn to_csv(file: &HistoryExport) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let zone = &file.display_zone;
    let local = format!("local ({zone})");
    let header = [
        "kind",
        "cluster",
        "tenant_id",
        "job_id",
        "tenant",
        "method_or_target",
        "status",
        "start_utc",
        &format!("start_{local}"),
        "end_utc",
        &format!("end_{local}"),
        "comment",
        "storage",
    ];
    let _ = w.write_record(header);
    let text = |s: &Option<Stamp>, utc: bool| {
        s.as_ref()
            .map(|s| if utc { s.utc.clone() } else { s.local.clone() })
            .unwrap_or_default()
    };
    for r in &file.backup_jobs {
        let j = &r.job;
        let _ = w.write_record([
            "backup",
            &r.cluster,
            &j.tenant_id.to_string(),
            &j.job_id.to_string(),
            "",
            j.backup_type.as_str(),
            j.status.as_str(),
            &text(&r.start, true),
            &text(&r.start, false),
            &text(&r.end, true),
            &text(&r.end, false),
            &j.comment,
            &j.path,
        ]);
    }
    for r in &file.restore_jobs {
        let j = &r.job;
        let _ = w.write_record([
            "restore",
            &r.cluster,
            &j.tenant_id.to_string(),
            &j.job_id.to_string(),
            &j.backup_tenant_name,
            &j.restore_tenant_name,
            j.status.as_str(),
            &text(&r.start, true),
            &text(&r.start, false),
            &text(&r.finish, true),
            &text(&r.finish, false),
            &j.comment,
            &j.backup_dest,
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// `text` with the whitespace before each `=` removed.
fn tight_equals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            space.push(c);
            continue;
        }
        if c != '=' {
            out.push_str(&space);
        }
        space.clear();
        out.push(c);
    }
    out + &space
}

/// Text a row may carry: bounded, printable, no markup a page could run.
fn check_text(place: &str, field: &str, value: &str) -> Result<(), ImportError> {
    let at = || format!("{place}.{field}");
    if value.chars().count() > MAX_TEXT {
        let got = value.chars().count();
        return Err(err(
            at(),
            words!(
                "is {got} characters long; at most {MAX_TEXT}",
                "长度为 {got} 个字符；最多 {MAX_TEXT} 个"
            ),
        ));
    }
    // Controls, and the invisible format characters that reorder or hide text on screen
    // (bidi overrides and isolates, zero-width characters, the BOM).
    let hidden =
        |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    if value
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || hidden(c))
    {
        return Err(err(at(), words!("contains control characters", "包含控制字符")));
    }
    // HTML allows whitespace (spaces, tabs, newlines) between an attribute and its
    // `=`: `onerror =` runs as `onerror=` does, so both are matched as one.
    let mut lower = value.to_ascii_lowercase();
    if lower.contains('=') {
        lower = tight_equals(&lower);
    }
    if ["<script", "javascript:", "<iframe", "onerror=", "onload="]
        .iter()
        .any(|m| lower.contains(m))
    {
        return Err(err(
            at(),
            words!(
                "contains markup or script, which no cluster writes",
                "包含标记或脚本，集群不会写出这样的内容"
            ),
        ));
    }
    if redact(value) != value {
        return Err(err(
            at(),
            words!(
                "carries a credential (access_key=...): exports are redacted, this file was altered",
                "带有凭据（access_key=...）：导出的文件会隐去凭据，此文件被改动过"
            ),
        ));
    }
    Ok(())
}

fn check_cluster(place: &str, name: &str) -> Result<(), ImportError> {
    crate::names::check_cluster_name("cluster", name).map_err(|e| err(format!("{place}.cluster"), e.rule))
}

fn check_span(place: &str, start: Option<UtcMicros>, end: Option<UtcMicros>) -> Result<(), ImportError> {
    // 2000-01-01 to 2100-01-01: anything else is not a backup time.
    let sane = |t: UtcMicros| (946_684_800_000_000..4_102_444_800_000_000).contains(&t.0);
    for t in [start, end].into_iter().flatten() {
        if !sane(t) {
            return Err(err(format!("{place}.job"), {
                let micros = t.0;
                words!(
                    "time {micros} is outside 2000-2100",
                    "时间 {micros} 不在 2000 到 2100 年之间"
                )
            }));
        }
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            return Err(err(
                format!("{place}.job"),
                words!("ends before it starts", "结束时间早于开始时间"),
            ));
        }
    }
    Ok(())
}

/// The envelope of a file that did not parse as an export: whether it is JSON at
/// all, whole, and an export of a version this desk reads.
fn check_envelope(bytes: &[u8]) -> Result<(), ImportError> {
    #[derive(Deserialize)]
    struct Envelope {
        format: Option<String>,
        version: Option<u32>,
    }
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            let (line, column) = (e.line(), e.column());
            err(
                "file",
                words!(
                    "is truncated (line {line}, column {column})",
                    "不完整（第 {line} 行，第 {column} 列）"
                ),
            )
        } else {
            err("file", words!("is not a history export: {e}", "不是历史导出文件：{e}"))
        }
    })?;
    check_format(envelope.format.as_deref(), envelope.version)
}

fn check_format(format: Option<&str>, version: Option<u32>) -> Result<(), ImportError> {
    if format != Some(HISTORY_FORMAT) {
        return Err(err(
            "format",
            words!(
                "must be {HISTORY_FORMAT:?}: this is not an OB Backup Desk history export",
                "必须为 {HISTORY_FORMAT:?}：这不是 OB Backup Desk 的历史导出文件"
            ),
        ));
    }
    match version {
        Some(HISTORY_VERSION) => Ok(()),
        Some(v) if v > HISTORY_VERSION => Err(err(
            "version",
            words!(
                "{v} was written by a newer desk; this desk reads version {HISTORY_VERSION}",
                "{v} 由更新版本的 OB Backup Desk 写出；本版本读取版本 {HISTORY_VERSION}"
            ),
        )),
        other => Err(err(
            "version",
            words!(
                "{other:?} is not a version this desk reads",
                "{other:?} 不是本版本能读取的版本"
            ),
        )),
    }
}

/// Reads and checks a whole export; nothing partial: the first problem is the answer.
pub fn parse_history(bytes: &[u8]) -> Result<HistoryExport, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(err("file", {
            let got = bytes.len();
            words!(
                "is {got} bytes; an import reads at most {MAX_FILE_BYTES}",
                "大小为 {got} 字节；导入最多读取 {MAX_FILE_BYTES} 字节"
            )
        }));
    }
    // One parse when the file is sound (a large file costs seconds per parse); when
    // it is not, its envelope is read to name a truncated, foreign or newer file as
    // such rather than as a shape error.
    let file: HistoryExport = match serde_json::from_slice(bytes) {
        Ok(file) => file,
        Err(e) => {
            check_envelope(bytes)?;
            // serde names the path poorly; the line and column point at the row.
            let (line, column) = (e.line(), e.column());
            return Err(err(
                "file",
                words!(
                    "a row is malformed at line {line}, column {column}: {e}",
                    "第 {line} 行第 {column} 列的记录格式错误：{e}"
                ),
            ));
        }
    };
    check_format(Some(&file.format), Some(file.version))?;

    let mut seen: HashMap<(String, i64, i64), usize> = HashMap::new();
    for (i, row) in file.backup_jobs.iter().enumerate() {
        let place = format!("backupJobs[{i}]");
        check_cluster(&place, &row.cluster)?;
        let j = &row.job;
        for (field, value) in [
            ("comment", &j.comment),
            ("description", &j.description),
            ("path", &j.path),
            ("jobLevel", &j.job_level),
            ("encryptionMode", &j.encryption_mode),
            ("status", &j.status.as_str().to_owned()),
            ("backupType", &j.backup_type.as_str().to_owned()),
        ] {
            check_text(&place, field, value)?;
        }
        check_span(&place, j.start, j.end)?;
        if let Some(first) = seen.insert((row.cluster.clone(), j.tenant_id, j.job_id), i) {
            let (cluster, tenant, job) = (&row.cluster, j.tenant_id, j.job_id);
            return Err(err(
                place,
                words!(
                    "duplicates backupJobs[{first}] (cluster {cluster}, tenant {tenant}, job {job})",
                    "与 backupJobs[{first}] 重复（集群 {cluster}，租户 {tenant}，任务 {job}）"
                ),
            ));
        }
    }
    seen.clear();
    for (i, row) in file.restore_jobs.iter().enumerate() {
        let place = format!("restoreJobs[{i}]");
        check_cluster(&place, &row.cluster)?;
        let j = &row.job;
        for (field, value) in [
            ("restoreTenantName", &j.restore_tenant_name),
            ("backupTenantName", &j.backup_tenant_name),
            ("backupClusterName", &j.backup_cluster_name),
            ("backupDest", &j.backup_dest),
            ("restoreOption", &j.restore_option),
            ("backupSetList", &j.backup_set_list),
            ("backupPieceList", &j.backup_piece_list),
            ("comment", &j.comment),
            ("description", &j.description),
            ("status", &j.status.as_str().to_owned()),
            ("phase", &j.phase),
        ] {
            check_text(&place, field, value)?;
        }
        check_span(&place, j.start, j.finish)?;
        if let Some(first) = seen.insert((row.cluster.clone(), j.tenant_id, j.job_id), i) {
            let (cluster, tenant, job) = (&row.cluster, j.tenant_id, j.job_id);
            return Err(err(
                place,
                words!(
                    "duplicates restoreJobs[{first}] (cluster {cluster}, tenant {tenant}, job {job})",
                    "与 restoreJobs[{first}] 重复（集群 {cluster}，租户 {tenant}，任务 {job}）"
                ),
            ));
        }
    }
    check_backups(&file)?;
    Ok(file)
}

/// The clusters, sets and pieces a file carries for the window: the same text rules
/// as the rows, and each thing once.
fn check_backups(file: &HistoryExport) -> Result<(), ImportError> {
    let once = |place: String, first: Option<usize>, what: &str| match first {
        Some(first) => Err(err(
            place,
            words!("duplicates {what}[{first}]", "与 {what}[{first}] 重复"),
        )),
        None => Ok(()),
    };
    let mut names: HashMap<&str, usize> = HashMap::new();
    for (i, c) in file.clusters.iter().enumerate() {
        let place = format!("clusters[{i}]");
        crate::names::check_cluster_name("name", &c.name).map_err(|e| err(format!("{place}.name"), e.rule))?;
        once(place.clone(), names.insert(&c.name, i), "clusters")?;
        let mut ids: HashMap<i64, usize> = HashMap::new();
        for (k, t) in c.tenants.iter().enumerate() {
            let place = format!("{place}.tenants[{k}]");
            if t.name.is_empty() {
                return Err(err(format!("{place}.name"), words!("must not be empty", "不能为空")));
            }
            for (field, value) in [
                ("name", &t.name),
                ("tenantType", &t.tenant_type),
                ("status", &t.status),
                ("role", &t.role),
                ("logMode", &t.log_mode),
            ] {
                check_text(&place, field, value)?;
            }
            once(place, ids.insert(t.ob_tenant_id, k), "tenants")?;
        }
    }
    let mut seen: HashMap<(&str, i64, i64), usize> = HashMap::new();
    for (i, row) in file.backup_sets.iter().enumerate() {
        let place = format!("backupSets[{i}]");
        check_cluster(&place, &row.cluster)?;
        let s = &row.set;
        check_text(&place, "path", &s.path)?;
        check_text(&place, "clusterVersion", &s.cluster_version)?;
        check_text(&place, "status", s.status.as_str())?;
        check_text(&place, "fileStatus", s.file_status.as_str())?;
        check_span(&place, s.start, s.end)?;
        once(
            place,
            seen.insert((&row.cluster, s.tenant_id, s.backup_set_id), i),
            "backupSets",
        )?;
    }
    let mut seen: HashMap<(&str, i64, i64, i64, i64), usize> = HashMap::new();
    for (i, row) in file.archive_pieces.iter().enumerate() {
        let place = format!("archivePieces[{i}]");
        check_cluster(&place, &row.cluster)?;
        let p = &row.piece;
        check_text(&place, "path", &p.path)?;
        check_text(&place, "status", p.status.as_str())?;
        check_text(&place, "fileStatus", p.file_status.as_str())?;
        let key = (row.cluster.as_str(), p.tenant_id, p.dest_id, p.round_id, p.piece_id);
        once(place, seen.insert(key, i), "archivePieces")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::{BackupJobStatus, BackupType};

    fn job(id: i64) -> BackupJob {
        BackupJob {
            tenant_id: 1002,
            job_id: id,
            incarnation: 1,
            backup_set_id: id,
            plus_archivelog: false,
            backup_type: BackupType::Full,
            job_level: "USER_TENANT".into(),
            encryption_mode: "NONE".into(),
            start: Some(UtcMicros(1_795_132_800_000_000)),
            end: Some(UtcMicros(1_795_136_400_000_000)),
            status: BackupJobStatus::Completed,
            result: 0,
            comment: String::new(),
            description: String::new(),
            path: "file:///b/trade/data".into(),
        }
    }

    fn file(jobs: Vec<BackupJob>) -> Vec<u8> {
        let e = HistoryExport::new(
            UtcMicros(1_795_140_000_000_000),
            "Asia/Shanghai",
            jobs.into_iter().map(|j| ("sandbox-hz".to_owned(), j)),
            [],
        );
        serde_json::to_vec_pretty(&e).unwrap()
    }

    #[test]
    fn an_export_reads_back_with_times_in_utc_and_the_display_offset() {
        let bytes = file(vec![job(1), job(2)]);
        let back = parse_history(&bytes).unwrap();
        assert_eq!(back.backup_jobs.len(), 2);
        let start = back.backup_jobs[0].start.as_ref().unwrap();
        assert_eq!(start.utc, "2026-11-20T00:00:00.000000Z");
        assert_eq!(start.local, "2026-11-20 08:00:00.000000 +08:00");
    }

    #[test]
    fn a_truncated_file_a_newer_version_and_a_foreign_file_are_named() {
        let bytes = file(vec![job(1)]);
        let e = parse_history(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(e.place == "file" && e.rule.en.contains("truncated"), "{e}");
        let newer = String::from_utf8(bytes.clone())
            .unwrap()
            .replace("\"version\": 1", "\"version\": 2");
        assert_eq!(parse_history(newer.as_bytes()).unwrap_err().place, "version");
        // A newer version whose rows no longer parse is still named by its version.
        let reshaped = newer.replace("\"jobId\": 1", "\"jobId\": \"J-1\"");
        assert_eq!(parse_history(reshaped.as_bytes()).unwrap_err().place, "version");
        let foreign = String::from_utf8(bytes.clone())
            .unwrap()
            .replace(HISTORY_FORMAT, "someone-else/history");
        assert_eq!(parse_history(foreign.as_bytes()).unwrap_err().place, "format");
        assert_eq!(parse_history(b"{\"hello\": 1}").unwrap_err().place, "format");
        assert_eq!(parse_history(b"[1,2,3]").unwrap_err().place, "file");
    }

    #[test]
    fn hostile_huge_and_duplicate_rows_are_refused_naming_the_row() {
        let mut script = job(2);
        script.comment = "<script>alert(1)</script>".into();
        let e = parse_history(&file(vec![job(1), script])).unwrap_err();
        assert_eq!(e.place, "backupJobs[1].comment");

        for spaced in [
            "<img src=x onerror =alert(1)>",
            "<img src=x onerror  \t= alert(1)>",
            "<img src=x ONERROR\n=alert(1)>",
            "<body onload\t=alert(1)>",
            "<svg onload \n\t =alert(1)>",
        ] {
            let mut hostile = job(2);
            hostile.comment = spaced.into();
            let e = parse_history(&file(vec![job(1), hostile])).unwrap_err();
            assert_eq!(e.place, "backupJobs[1].comment", "{spaced:?}");
            assert!(e.rule.en.contains("markup"), "{spaced:?}: {e}");
        }
        // Spaces before `=` in a cluster's own words are not markup.
        let mut plain = job(2);
        plain.comment = "retry = 3, online =yes, load = 0.5".into();
        assert!(parse_history(&file(vec![plain])).is_ok());

        let mut huge = job(2);
        huge.description = "x".repeat(MAX_TEXT + 1);
        assert_eq!(
            parse_history(&file(vec![huge])).unwrap_err().place,
            "backupJobs[0].description"
        );

        let e = parse_history(&file(vec![job(1), job(2), job(1)])).unwrap_err();
        assert_eq!(e.place, "backupJobs[2]");
        assert!(e.rule.en.contains("duplicates backupJobs[0]"), "{e}");

        // The writer redacts: a credential in a file means someone put it there.
        let altered = String::from_utf8(file(vec![job(3)]))
            .unwrap()
            .replace("file:///b/trade/data", "oss://b/p?host=h&access_key=LEAKED");
        assert_eq!(
            parse_history(altered.as_bytes()).unwrap_err().place,
            "backupJobs[0].path"
        );

        let mut backwards = job(4);
        backwards.end = Some(UtcMicros(1_700_000_000_000_000));
        assert!(parse_history(&file(vec![backwards])).is_err());

        // Text that reads other than it is: a right-to-left override, a zero-width space.
        for hidden in ["evil\u{202E}gpj.exe", "ok\u{200B}", "\u{FEFF}x"] {
            let mut row = job(5);
            row.comment = hidden.into();
            assert_eq!(
                parse_history(&file(vec![row])).unwrap_err().place,
                "backupJobs[0].comment",
                "{hidden:?}"
            );
        }

        // A restore's phase is text like any other (found by the property tests).
        let mut planted: serde_json::Value = serde_json::from_slice(&file(vec![job(6)])).unwrap();
        let restore = crate::backup::RestoreJob {
            phase: "<script>x</script>".into(),
            ..crate::backup::RestoreJob::sample(1002, 1, "t", crate::status::RestoreStatus::RestoreSuccess)
        };
        planted["restoreJobs"] = serde_json::json!([{ "cluster": "c", "job": restore, "start": null, "finish": null }]);
        assert_eq!(
            parse_history(&serde_json::to_vec(&planted).unwrap()).unwrap_err().place,
            "restoreJobs[0].phase"
        );
    }

    #[test]
    fn an_export_carries_no_credential_and_passes_its_own_import() {
        let mut leaky = job(1);
        leaky.path = "oss://b/p?host=h&access_id=AKID&access_key=LEAKED".into();
        leaky.comment = "retried with secret_key=S3CRET".into();
        let e = HistoryExport::new(
            UtcMicros(1_795_140_000_000_000),
            "UTC",
            [("sandbox-hz".to_owned(), leaky)],
            [],
        );
        let bytes = to_json(&e).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        for secret in ["AKID", "LEAKED", "S3CRET"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("access_key=***"), "{text}");
        assert_eq!(parse_history(&bytes).unwrap(), e);
        assert!(!String::from_utf8(to_csv(&e)).unwrap().contains("LEAKED"));
    }

    #[test]
    fn csv_carries_utc_and_the_display_zone_in_named_columns() {
        let e = HistoryExport::new(
            UtcMicros(1_795_140_000_000_000),
            "Asia/Shanghai",
            [("sandbox-hz".to_owned(), job(7))],
            [],
        );
        let text = String::from_utf8(to_csv(&e)).unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().contains("start_local (Asia/Shanghai)"));
        let row = lines.next().unwrap();
        assert!(row.starts_with("backup,sandbox-hz,1002,7,,FULL,COMPLETED,2026-11-20T00:00:00.000000Z,2026-11-20 08:00:00.000000 +08:00"), "{row}");
    }

    #[test]
    fn a_malformed_row_is_located() {
        let text = String::from_utf8(file(vec![job(1)]))
            .unwrap()
            .replace("\"jobId\": 1", "\"jobId\": \"one\"");
        let e = parse_history(text.as_bytes()).unwrap_err();
        assert!(e.rule.en.contains("line"), "{e}");
    }
}
