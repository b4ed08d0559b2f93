//! Readers for the sys tenant's views. Every column is read by name as text
//! and converted here, so NULLs, unknown statuses and column order never
//! break a page: NULL becomes "absent", an unknown status is kept as text.

use chrono::NaiveDateTime;
use desk_model::backup::{
    ArchivePiece, ArchiveRound, BackupDestinations, BackupJob, BackupSetFile, BackupTask, DeletePolicy, RestoreJob, Scn,
};
use desk_model::status::{
    ArchiveStatus, BackupJobStatus, BackupSetStatus, BackupTaskStatus, BackupType, FileStatus, PieceStatus,
    RestoreStatus,
};
use desk_model::storage::redact;
use desk_model::{TenantRecord, UtcMicros};
use mysql_async::Row;

use crate::catalog::View;
use crate::error::{ObError, ObErrorCode};
use crate::session::Session;
use crate::sql::utc_text;

/// One row, read by column name.
pub(crate) struct Cols<'a> {
    row: &'a Row,
    view: &'static str,
    /// Where the names of the row's columns are found (the same for every row
    /// of a result: looked up once per result, not once per value).
    names: &'a Names,
}

/// A result's column names, and the index of the last one looked up: readers
/// ask for columns mostly in the order they were selected, so the next
/// lookup usually hits the one after it without a search.
pub(crate) struct Names {
    names: Vec<Vec<u8>>,
    /// Two columns share a name: always the first one, as a search finds it.
    repeated: bool,
    hint: std::cell::Cell<usize>,
}

impl Names {
    fn of(row: &Row) -> Names {
        let names: Vec<Vec<u8>> = row.columns_ref().iter().map(|c| c.name_ref().to_vec()).collect();
        let repeated = names
            .iter()
            .enumerate()
            .any(|(i, a)| names[..i].iter().any(|b| a.eq_ignore_ascii_case(b)));
        Names {
            names,
            repeated,
            hint: std::cell::Cell::new(0),
        }
    }

    /// The first column named `column` (without regard to ASCII case).
    fn position(&self, column: &str) -> Option<usize> {
        let matches = |i: &usize| {
            self.names
                .get(*i)
                .is_some_and(|n| n == column.as_bytes() || n.eq_ignore_ascii_case(column.as_bytes()))
        };
        let hint = self.hint.get();
        let hinted = if self.repeated {
            None
        } else {
            [hint, hint + 1].into_iter().find(matches)
        };
        let found = hinted.or_else(|| (0..self.names.len()).find(matches))?;
        self.hint.set(found + 1);
        Some(found)
    }
}

impl Cols<'_> {
    pub(crate) fn bad(&self, column: &str, value: &str, want: &str) -> ObError {
        let view = self.view;
        ObError::new(
            ObErrorCode::UnexpectedResult,
            desk_model::words!(
                "{view}.{column}: {value:?} is not {want}",
                "{view}.{column} 的值 {value:?} 不是预期的 {want}"
            ),
        )
    }

    /// The column's value; `None` for NULL or a column the server did not send.
    fn value(&self, column: &str) -> Option<&mysql_async::Value> {
        // A row shorter than its column list would be a driver bug: treat as absent.
        match self.row.as_ref(self.names.position(column)?)? {
            mysql_async::Value::NULL => None,
            v => Some(v),
        }
    }

    /// The column as text, credentials redacted (every value the connector returns is,
    /// whatever its column: a status or a name as much as a path); `None` for NULL or a
    /// column the server did not send.
    pub(crate) fn opt_text(&self, column: &str) -> Option<String> {
        let text = match self.value(column)? {
            mysql_async::Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            other => other.as_sql(true).trim_matches('\'').to_owned(),
        };
        // Every credential is `name=value`: most values have no `=` and are kept as they are.
        Some(if text.contains('=') { redact(&text) } else { text })
    }

    /// A number column, parsed without building a `String` when the server
    /// sent text (the text protocol always does); `None` for NULL.
    fn number<T: std::str::FromStr>(&self, column: &str, want: &str) -> Result<Option<T>, ObError> {
        let Some(value) = self.value(column) else {
            return Ok(None);
        };
        let parsed = match value {
            mysql_async::Value::Bytes(b) => std::str::from_utf8(b).ok().and_then(|t| t.trim().parse().ok()),
            _ => None,
        };
        match parsed {
            Some(n) => Ok(Some(n)),
            None => {
                let text = self.opt_text(column).unwrap_or_default();
                text.trim().parse().map(Some).map_err(|_| self.bad(column, &text, want))
            }
        }
    }

    pub(crate) fn text(&self, column: &str) -> String {
        self.opt_text(column).unwrap_or_default()
    }

    /// `parse` of [`Cols::text`], without copying the text out of the row first.
    pub(crate) fn parsed<T>(&self, column: &str, parse: impl FnOnce(&str) -> T) -> T {
        match self.value(column) {
            None => parse(""),
            Some(mysql_async::Value::Bytes(b)) if !b.contains(&b'=') => parse(&String::from_utf8_lossy(b)),
            Some(_) => parse(&self.text(column)),
        }
    }

    /// [`Cols::text`], redacted as every text is: the name says a column is known to carry
    /// credentials (a destination, a comment quoting one).
    pub(crate) fn redacted(&self, column: &str) -> String {
        self.text(column)
    }

    pub(crate) fn int(&self, column: &str) -> Result<i64, ObError> {
        if let Some(mysql_async::Value::Bytes(b)) = self.value(column) {
            if let Some((negative, n)) = plain_digits(b) {
                return Ok(if negative { -(n as i64) } else { n as i64 });
            }
        }
        Ok(self.number(column, "an integer")?.unwrap_or(0))
    }

    pub(crate) fn uint(&self, column: &str) -> Result<u64, ObError> {
        if let Some(mysql_async::Value::Bytes(b)) = self.value(column) {
            if let Some((false, n)) = plain_digits(b) {
                return Ok(n);
            }
        }
        Ok(self.number(column, "a non-negative integer")?.unwrap_or(0))
    }

    pub(crate) fn scn(&self, column: &str) -> Result<Scn, ObError> {
        self.uint(column).map(Scn)
    }

    /// A TIMESTAMP in the session zone (UTC).
    pub(crate) fn time(&self, column: &str) -> Result<Option<UtcMicros>, ObError> {
        if let Some(mysql_async::Value::Bytes(b)) = self.value(column) {
            if let Some(t) = wall_time_micros(b) {
                return Ok(Some(UtcMicros(t)));
            }
        }
        let Some(v) = self.opt_text(column) else {
            return Ok(None);
        };
        let v = v.trim();
        if v.is_empty() || v.starts_with("0000-00-00") {
            return Ok(None);
        }
        let dt =
            NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M:%S%.f").map_err(|_| self.bad(column, v, "a timestamp"))?;
        Ok(Some(UtcMicros(dt.and_utc().timestamp_micros())))
    }

    pub(crate) fn on_off(&self, column: &str) -> bool {
        const ON: [&str; 4] = ["ON", "TRUE", "1", "YES"];
        // The common case without a copy; anything else (other whitespace, not bytes) as before.
        if let Some(mysql_async::Value::Bytes(b)) = self.value(column) {
            if ON.iter().any(|w| b.trim_ascii().eq_ignore_ascii_case(w.as_bytes())) {
                return true;
            }
        }
        ON.contains(&self.text(column).trim().to_ascii_uppercase().as_str())
    }

    /// A percentage column (e.g. DATA_PROGRESS 0..100, may carry decimals) in per mille.
    pub(crate) fn permille(&self, column: &str) -> Result<u16, ObError> {
        match self.opt_text(column) {
            None => Ok(0),
            Some(v) => {
                let pct: f64 = v.trim().parse().map_err(|_| self.bad(column, &v, "a percentage"))?;
                Ok((pct.clamp(0.0, 100.0) * 10.0).round() as u16)
            }
        }
    }
}

/// An optional `-` then 1 to 18 ASCII digits, exactly (how a server sends an
/// integer): its sign and value, read without a `str`. Anything else (`None`)
/// goes the general way, which reads these the same and the rest as before.
fn plain_digits(b: &[u8]) -> Option<(bool, u64)> {
    let (negative, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits
        .iter()
        .try_fold(0u64, |n, &d| d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0')))
        .map(|n| (negative, n))
}

/// `YYYY-MM-DD HH:MM:SS` with an optional fraction of 1 to 9 digits, exactly
/// (how OceanBase renders a TIMESTAMP): read without chrono's format parser.
/// Anything else (`None`) goes the general way, which gives the same result
/// for these and also reads or refuses the rest.
fn wall_time_micros(b: &[u8]) -> Option<i64> {
    fn digits(b: &[u8]) -> Option<u32> {
        b.iter()
            .try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    }
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let date = chrono::NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)?;
    let time =
        chrono::NaiveTime::from_hms_nano_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?, nanos)?;
    Some(date.and_time(time).and_utc().timestamp_micros())
}

pub(crate) fn map_rows<T>(
    rows: &[Row],
    view: &'static str,
    f: impl Fn(&Cols<'_>) -> Result<T, ObError>,
) -> Result<Vec<T>, ObError> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let mut names = Names::of(first);
    rows.iter()
        .map(|row| {
            if !std::ptr::eq(row.columns_ref(), first.columns_ref()) {
                // Rows of one result share their columns; anything else is looked up anew.
                names = Names::of(row);
            }
            f(&Cols {
                row,
                view,
                names: &names,
            })
        })
        .collect()
}

impl Session {
    /// [`map_rows`] over a query's rows as they arrive (none are kept): the same
    /// values, or the error of the first row `f` refuses.
    pub(crate) async fn query_map<T: Send>(
        &mut self,
        sql: &str,
        view: &'static str,
        f: impl Fn(&Cols<'_>) -> Result<T, ObError> + Send + Sync,
    ) -> Result<Vec<T>, ObError> {
        let mut names: Option<(std::sync::Arc<[mysql_async::Column]>, Names)> = None;
        let mut out = Vec::new();
        let mut refused = None;
        self.query_each(sql, |row| {
            if refused.is_some() {
                return;
            }
            let names = match &mut names {
                Some((columns, names)) if std::sync::Arc::ptr_eq(columns, &row.columns()) => names,
                slot => &slot.insert((row.columns(), Names::of(&row))).1,
            };
            match f(&Cols { row: &row, view, names }) {
                Ok(v) => out.push(v),
                Err(e) => refused = Some(e),
            }
        })
        .await?;
        match refused {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }
}

impl Session {
    /// The rows of `view` that `tail` (a filter and an order on its key columns)
    /// selects, each read by `f`, with only the columns the server's view has.
    /// None when the release has no such view.
    pub(crate) async fn read_view<T: Send>(
        &mut self,
        view: &View,
        tail: &str,
        f: impl Fn(&Cols<'_>) -> Result<T, ObError> + Send + Sync,
    ) -> Result<Vec<T>, ObError> {
        match self.select_sql(view, tail).await? {
            Some(sql) => self.query_map(&sql, view.name, f).await,
            None => Ok(Vec::new()),
        }
    }
}

/// `DBA_OB_TENANTS` (4.x).
const TENANTS: View = View {
    name: "DBA_OB_TENANTS",
    may_be_absent: false,
    keys: &["TENANT_ID", "TENANT_NAME", "TENANT_TYPE"],
    optional: &["STATUS", "TENANT_ROLE", "LOG_MODE", "UNIT_NUM"],
};

/// `CDB_OB_BACKUP_JOBS` and `CDB_OB_BACKUP_JOB_HISTORY` have the same columns.
pub(crate) const fn job_view(name: &'static str) -> View {
    View {
        name,
        may_be_absent: false,
        keys: &["TENANT_ID", "JOB_ID", "STATUS", "END_TIMESTAMP"],
        optional: &[
            "INCARNATION",
            "BACKUP_SET_ID",
            "PLUS_ARCHIVELOG",
            "BACKUP_TYPE",
            "JOB_LEVEL",
            "ENCRYPTION_MODE",
            "START_TIMESTAMP",
            "RESULT",
            "COMMENT",
            "DESCRIPTION",
            "PATH",
        ],
    }
}
pub(crate) const JOBS: View = job_view("CDB_OB_BACKUP_JOBS");
pub(crate) const JOB_HISTORY: View = job_view("CDB_OB_BACKUP_JOB_HISTORY");

const TASKS: View = View {
    name: "CDB_OB_BACKUP_TASKS",
    may_be_absent: false,
    keys: &["TENANT_ID", "TASK_ID", "JOB_ID"],
    optional: &[
        "BACKUP_SET_ID",
        "STATUS",
        "START_TIMESTAMP",
        "END_TIMESTAMP",
        "INPUT_BYTES",
        "OUTPUT_BYTES",
        "TABLET_COUNT",
        "FINISH_TABLET_COUNT",
        "MACRO_BLOCK_COUNT",
        "FINISH_MACRO_BLOCK_COUNT",
        "DATA_PROGRESS",
        "COMMENT",
    ],
};

const SET_FILES: View = View {
    name: "CDB_OB_BACKUP_SET_FILES",
    may_be_absent: false,
    keys: &["TENANT_ID", "BACKUP_SET_ID", "END_TIMESTAMP"],
    optional: &[
        "DEST_ID",
        "BACKUP_TYPE",
        "PREV_FULL_BACKUP_SET_ID",
        "PREV_INC_BACKUP_SET_ID",
        "START_TIMESTAMP",
        "STATUS",
        "FILE_STATUS",
        "PLUS_ARCHIVELOG",
        "START_REPLAY_SCN",
        "MIN_RESTORE_SCN",
        "INPUT_BYTES",
        "OUTPUT_BYTES",
        "PATH",
        "CLUSTER_VERSION",
    ],
};

const ARCHIVELOG: View = View {
    name: "CDB_OB_ARCHIVELOG",
    may_be_absent: false,
    keys: &["TENANT_ID", "DEST_ID"],
    optional: &[
        "ROUND_ID",
        "STATUS",
        "START_SCN",
        "CHECKPOINT_SCN",
        "PIECE_SWITCH_INTERVAL",
        "INPUT_BYTES",
        "OUTPUT_BYTES",
        "COMMENT",
        "PATH",
    ],
};

const PIECES: View = View {
    name: "CDB_OB_ARCHIVELOG_PIECE_FILES",
    may_be_absent: false,
    keys: &["TENANT_ID", "ROUND_ID", "PIECE_ID", "STATUS", "CHECKPOINT_SCN"],
    optional: &["DEST_ID", "START_SCN", "MAX_SCN", "END_SCN", "FILE_STATUS", "PATH"],
};

/// The restore views share these; the history adds FINISH_TIMESTAMP, the LS
/// counts and COMMENT, and the tablet counts come in later releases.
pub(crate) const fn restore_view(name: &'static str, history: bool) -> View {
    View {
        name,
        may_be_absent: false,
        keys: if history {
            &["TENANT_ID", "JOB_ID", "RESTORE_TENANT_NAME", "FINISH_TIMESTAMP"]
        } else {
            &["TENANT_ID", "JOB_ID", "RESTORE_TENANT_NAME"]
        },
        optional: &[
            "BACKUP_TENANT_NAME",
            "BACKUP_CLUSTER_NAME",
            "BACKUP_DEST",
            "RESTORE_OPTION",
            "RESTORE_SCN",
            "STATUS",
            "START_TIMESTAMP",
            "BACKUP_SET_LIST",
            "BACKUP_PIECE_LIST",
            "TOTAL_BYTES",
            "FINISH_BYTES",
            "LS_COUNT",
            "FINISH_LS_COUNT",
            "TABLET_COUNT",
            "FINISH_TABLET_COUNT",
            "COMMENT",
            "DESCRIPTION",
        ],
    }
}
pub(crate) const RESTORE_PROGRESS: View = restore_view("CDB_OB_RESTORE_PROGRESS", false);
pub(crate) const RESTORE_HISTORY: View = restore_view("CDB_OB_RESTORE_HISTORY", true);

const BACKUP_PARAMETERS: View = View {
    name: "CDB_OB_BACKUP_PARAMETER",
    may_be_absent: false,
    keys: &["TENANT_ID", "NAME", "VALUE"],
    optional: &[],
};

const ARCHIVE_DEST: View = View {
    name: "CDB_OB_ARCHIVE_DEST",
    may_be_absent: false,
    keys: &["TENANT_ID", "DEST_NO", "NAME", "VALUE"],
    optional: &[],
};

const DELETE_POLICY: View = View {
    name: "CDB_OB_BACKUP_DELETE_POLICY",
    may_be_absent: false,
    keys: &["TENANT_ID", "POLICY_NAME", "RECOVERY_WINDOW"],
    optional: &[],
};

fn name_value(c: &Cols<'_>) -> Result<(i64, String, String), ObError> {
    Ok((c.int("TENANT_ID")?, c.text("NAME"), c.text("VALUE")))
}

/// `PIECE_SWITCH_INTERVAL` as OceanBase shows it (`1d`, `12h`, `86400`) in seconds.
pub(crate) fn interval_secs(text: &str) -> Option<i64> {
    let t = text.trim();
    let (num, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: i64 = num.parse().ok()?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return None,
    };
    // A server's number may be any length: too many seconds is no interval, not a panic.
    n.checked_mul(mult)
}

pub(crate) fn job(c: &Cols<'_>) -> Result<BackupJob, ObError> {
    Ok(BackupJob {
        tenant_id: c.int("TENANT_ID")?,
        job_id: c.int("JOB_ID")?,
        incarnation: c.int("INCARNATION")?,
        backup_set_id: c.int("BACKUP_SET_ID")?,
        plus_archivelog: c.on_off("PLUS_ARCHIVELOG"),
        backup_type: c.parsed("BACKUP_TYPE", BackupType::parse),
        job_level: c.text("JOB_LEVEL"),
        encryption_mode: c.text("ENCRYPTION_MODE"),
        start: c.time("START_TIMESTAMP")?,
        end: c.time("END_TIMESTAMP")?,
        status: c.parsed("STATUS", BackupJobStatus::parse),
        result: c.int("RESULT")?,
        comment: c.redacted("COMMENT"),
        description: c.redacted("DESCRIPTION"),
        path: c.redacted("PATH"),
    })
}

pub(crate) fn restore_job(c: &Cols<'_>, running: bool) -> Result<RestoreJob, ObError> {
    Ok(RestoreJob {
        tenant_id: c.int("TENANT_ID")?,
        job_id: c.int("JOB_ID")?,
        restore_tenant_name: c.text("RESTORE_TENANT_NAME"),
        backup_tenant_name: c.text("BACKUP_TENANT_NAME"),
        backup_cluster_name: c.text("BACKUP_CLUSTER_NAME"),
        backup_dest: c.redacted("BACKUP_DEST"),
        restore_option: c.redacted("RESTORE_OPTION"),
        restore_scn: c.scn("RESTORE_SCN")?,
        status: c.parsed("STATUS", RestoreStatus::parse),
        phase: String::new(),
        start: c.time("START_TIMESTAMP")?,
        finish: if running { None } else { c.time("FINISH_TIMESTAMP")? },
        backup_set_list: c.redacted("BACKUP_SET_LIST"),
        backup_piece_list: c.redacted("BACKUP_PIECE_LIST"),
        total_bytes: c.uint("TOTAL_BYTES")?,
        finish_bytes: c.uint("FINISH_BYTES")?,
        ls_count: c.uint("LS_COUNT")?,
        finish_ls_count: c.uint("FINISH_LS_COUNT")?,
        tablet_count: c.uint("TABLET_COUNT")?,
        finish_tablet_count: c.uint("FINISH_TABLET_COUNT")?,
        comment: c.redacted("COMMENT"),
        description: c.redacted("DESCRIPTION"),
        running,
    })
}

/// One restore per job: 4.x lists each restore twice with one JOB_ID, the sys tenant's
/// job (TENANT_ID = 1, the restore's status) and, once it exists, the restored tenant's
/// own (its phase, RESTORING or UPGRADE, and the progress figures). The sys tenant's row
/// is kept, with the tenant's phase and the figures it lacks. A job with one row (3.x,
/// or a 4.x restore still creating its tenant) is kept as it is.
pub(crate) fn one_per_job(mut rows: Vec<RestoreJob>) -> Vec<RestoreJob> {
    rows.sort_by_key(|r| (r.job_id, r.tenant_id != 1, r.tenant_id));
    let mut out: Vec<RestoreJob> = Vec::with_capacity(rows.len());
    for row in rows {
        match out.last_mut() {
            Some(job) if job.job_id == row.job_id && job.tenant_id == 1 && row.tenant_id != 1 => {
                job.phase = row.status.as_str().to_owned();
                let fill = |mine: &mut u64, theirs: u64| {
                    if *mine == 0 {
                        *mine = theirs;
                    }
                };
                fill(&mut job.total_bytes, row.total_bytes);
                fill(&mut job.finish_bytes, row.finish_bytes);
                fill(&mut job.ls_count, row.ls_count);
                fill(&mut job.finish_ls_count, row.finish_ls_count);
                fill(&mut job.tablet_count, row.tablet_count);
                fill(&mut job.finish_tablet_count, row.finish_tablet_count);
                for (mine, theirs) in [
                    (&mut job.comment, row.comment),
                    (&mut job.backup_set_list, row.backup_set_list),
                    (&mut job.backup_piece_list, row.backup_piece_list),
                ] {
                    if mine.is_empty() {
                        *mine = theirs;
                    }
                }
            }
            _ => out.push(row),
        }
    }
    out
}

impl Session {
    /// `DBA_OB_TENANTS`: every tenant (sys, meta and user).
    pub async fn tenants(&mut self) -> Result<Vec<TenantRecord>, ObError> {
        if self.is_v3() {
            return self.tenants_v3().await;
        }
        self.read_view(&TENANTS, " ORDER BY TENANT_ID", |c| {
            Ok(TenantRecord {
                ob_tenant_id: c.int("TENANT_ID")?,
                name: c.text("TENANT_NAME"),
                tenant_type: c.text("TENANT_TYPE"),
                status: c.text("STATUS"),
                role: c.text("TENANT_ROLE"),
                log_mode: c.text("LOG_MODE"),
                unit_num: c.uint("UNIT_NUM")?.min(u32::MAX as u64) as u32,
            })
        })
        .await
    }

    /// Running backup jobs (`CDB_OB_BACKUP_JOBS`).
    pub async fn backup_jobs(&mut self) -> Result<Vec<BackupJob>, ObError> {
        if self.is_v3() {
            return self.backup_jobs_v3().await;
        }
        self.read_view(&JOBS, " ORDER BY TENANT_ID, JOB_ID", job).await
    }

    /// Finished backup jobs (`CDB_OB_BACKUP_JOB_HISTORY`), those that ended at or after `since`.
    pub async fn backup_job_history(&mut self, since: Option<UtcMicros>) -> Result<Vec<BackupJob>, ObError> {
        if self.is_v3() {
            let since = since.map(utc_text).transpose()?;
            return self.backup_job_history_v3(since.as_deref()).await;
        }
        let filter = match since {
            Some(t) => format!(" WHERE END_TIMESTAMP >= '{}'", utc_text(t)?),
            None => String::new(),
        };
        self.read_view(&JOB_HISTORY, &format!("{filter} ORDER BY TENANT_ID, JOB_ID"), job)
            .await
    }

    /// Progress of running backups (`CDB_OB_BACKUP_TASKS`).
    pub async fn backup_tasks(&mut self) -> Result<Vec<BackupTask>, ObError> {
        if self.is_v3() {
            return self.backup_tasks_v3().await;
        }
        self.read_view(&TASKS, " ORDER BY TENANT_ID, TASK_ID", |c| {
            Ok(BackupTask {
                tenant_id: c.int("TENANT_ID")?,
                task_id: c.int("TASK_ID")?,
                job_id: c.int("JOB_ID")?,
                backup_set_id: c.int("BACKUP_SET_ID")?,
                status: c.parsed("STATUS", BackupTaskStatus::parse),
                start: c.time("START_TIMESTAMP")?,
                end: c.time("END_TIMESTAMP")?,
                input_bytes: c.uint("INPUT_BYTES")?,
                output_bytes: c.uint("OUTPUT_BYTES")?,
                tablet_count: c.uint("TABLET_COUNT")?,
                finish_tablet_count: c.uint("FINISH_TABLET_COUNT")?,
                macro_block_count: c.uint("MACRO_BLOCK_COUNT")?,
                finish_macro_block_count: c.uint("FINISH_MACRO_BLOCK_COUNT")?,
                data_progress_permille: c.permille("DATA_PROGRESS")?,
                comment: c.redacted("COMMENT"),
            })
        })
        .await
    }

    /// Backup sets (`CDB_OB_BACKUP_SET_FILES`), for one tenant or all.
    pub async fn backup_set_files(&mut self, ob_tenant_id: Option<i64>) -> Result<Vec<BackupSetFile>, ObError> {
        let filter = ob_tenant_id
            .map(|t| format!(" WHERE TENANT_ID = {t}"))
            .unwrap_or_default();
        if self.is_v3() {
            return self.set_files_v3(&filter).await;
        }
        self.read_set_files(&filter).await
    }

    /// Backup sets of every tenant that ended at or after `since`, or have not ended.
    pub async fn backup_set_files_since(&mut self, since: UtcMicros) -> Result<Vec<BackupSetFile>, ObError> {
        if self.is_v3() {
            // 3.x's chain is read from neighbouring sets: every set, every time.
            return self.set_files_v3("").await;
        }
        let filter = format!(
            " WHERE END_TIMESTAMP IS NULL OR END_TIMESTAMP >= '{}'",
            utc_text(since)?
        );
        self.read_set_files(&filter).await
    }

    async fn read_set_files(&mut self, filter: &str) -> Result<Vec<BackupSetFile>, ObError> {
        let tail = format!("{filter} ORDER BY TENANT_ID, BACKUP_SET_ID");
        self.read_view(&SET_FILES, &tail, |c| {
            Ok(BackupSetFile {
                tenant_id: c.int("TENANT_ID")?,
                backup_set_id: c.int("BACKUP_SET_ID")?,
                backup_type: c.parsed("BACKUP_TYPE", BackupType::parse),
                dest_id: c.int("DEST_ID")?,
                prev_full_backup_set_id: c.int("PREV_FULL_BACKUP_SET_ID")?,
                prev_inc_backup_set_id: c.int("PREV_INC_BACKUP_SET_ID")?,
                start: c.time("START_TIMESTAMP")?,
                end: c.time("END_TIMESTAMP")?,
                status: c.parsed("STATUS", BackupSetStatus::parse),
                file_status: c.parsed("FILE_STATUS", FileStatus::parse),
                plus_archivelog: c.on_off("PLUS_ARCHIVELOG"),
                start_replay_scn: c.scn("START_REPLAY_SCN")?,
                min_restore_scn: c.scn("MIN_RESTORE_SCN")?,
                input_bytes: c.uint("INPUT_BYTES")?,
                output_bytes: c.uint("OUTPUT_BYTES")?,
                path: c.redacted("PATH"),
                cluster_version: c.text("CLUSTER_VERSION"),
            })
        })
        .await
    }

    /// Log archive rounds (`CDB_OB_ARCHIVELOG`): the archive state as the cluster reports it.
    pub async fn archive_rounds(&mut self) -> Result<Vec<ArchiveRound>, ObError> {
        if self.is_v3() {
            return self.archive_rounds_v3().await;
        }
        self.read_view(&ARCHIVELOG, " ORDER BY TENANT_ID, DEST_ID", |c| {
            let interval = c.text("PIECE_SWITCH_INTERVAL");
            Ok(ArchiveRound {
                tenant_id: c.int("TENANT_ID")?,
                dest_id: c.int("DEST_ID")?,
                round_id: c.int("ROUND_ID")?,
                status: c.parsed("STATUS", ArchiveStatus::parse),
                start_scn: c.scn("START_SCN")?,
                checkpoint_scn: c.scn("CHECKPOINT_SCN")?,
                piece_switch_interval_secs: if interval.is_empty() {
                    0
                } else {
                    interval_secs(&interval).ok_or_else(|| c.bad("PIECE_SWITCH_INTERVAL", &interval, "an interval"))?
                },
                input_bytes: c.uint("INPUT_BYTES")?,
                output_bytes: c.uint("OUTPUT_BYTES")?,
                comment: c.redacted("COMMENT"),
                path: c.redacted("PATH"),
            })
        })
        .await
    }

    /// Archive pieces (`CDB_OB_ARCHIVELOG_PIECE_FILES`), for one tenant or all.
    pub async fn archive_pieces(&mut self, ob_tenant_id: Option<i64>) -> Result<Vec<ArchivePiece>, ObError> {
        let filter = ob_tenant_id
            .map(|t| format!(" WHERE TENANT_ID = {t}"))
            .unwrap_or_default();
        if self.is_v3() {
            return self.rounds_as_pieces_v3(&filter).await;
        }
        self.read_pieces(&filter).await
    }

    /// Archive pieces of every tenant still active or archived up to `since` or later.
    pub async fn archive_pieces_since(&mut self, since: Scn) -> Result<Vec<ArchivePiece>, ObError> {
        if self.is_v3() {
            return self.rounds_as_pieces_v3("").await;
        }
        let filter = format!(" WHERE STATUS <> 'FROZEN' OR CHECKPOINT_SCN >= {}", since.0);
        self.read_pieces(&filter).await
    }

    async fn read_pieces(&mut self, filter: &str) -> Result<Vec<ArchivePiece>, ObError> {
        let tail = format!("{filter} ORDER BY TENANT_ID, ROUND_ID, PIECE_ID");
        self.read_view(&PIECES, &tail, |c| {
            Ok(ArchivePiece {
                tenant_id: c.int("TENANT_ID")?,
                dest_id: c.int("DEST_ID")?,
                round_id: c.int("ROUND_ID")?,
                piece_id: c.int("PIECE_ID")?,
                status: c.parsed("STATUS", PieceStatus::parse),
                start_scn: c.scn("START_SCN")?,
                checkpoint_scn: c.scn("CHECKPOINT_SCN")?,
                max_scn: c.scn("MAX_SCN")?,
                end_scn: c.scn("END_SCN")?,
                file_status: c.parsed("FILE_STATUS", FileStatus::parse),
                path: c.redacted("PATH"),
            })
        })
        .await
    }

    /// Each tenant's destinations: DATA_BACKUP_DEST from `CDB_OB_BACKUP_PARAMETER`, the
    /// log archive destination from `CDB_OB_ARCHIVE_DEST` (name/value rows). Redacted.
    /// Two statements whatever the number of tenants.
    pub async fn destinations(&mut self) -> Result<Vec<BackupDestinations>, ObError> {
        use std::collections::BTreeMap;
        if self.is_v3() {
            // 3.x: one backup_dest for the cluster, data and log alike.
            let Some(dest) = self.backup_dest_v3().await? else {
                return Ok(Vec::new());
            };
            let tenants = self.tenants_v3().await?;
            return Ok(tenants
                .into_iter()
                .filter(|t| t.tenant_type == "USER")
                .map(|t| BackupDestinations {
                    tenant_id: t.ob_tenant_id,
                    data_backup_dest: Some(dest.clone()),
                    log_archive_dest: Some(dest.clone()),
                    ..Default::default()
                })
                .collect());
        }
        let mut by_tenant: BTreeMap<i64, BackupDestinations> = BTreeMap::new();
        let parameters = self
            .read_view(&BACKUP_PARAMETERS, " ORDER BY TENANT_ID, NAME", name_value)
            .await?;
        for (tenant_id, name, value) in parameters {
            if name.eq_ignore_ascii_case("data_backup_dest") && !value.trim().is_empty() {
                by_tenant
                    .entry(tenant_id)
                    .or_insert_with(|| BackupDestinations {
                        tenant_id,
                        ..Default::default()
                    })
                    .data_backup_dest = Some(redact(value.trim()));
            }
        }
        let archive_dests = self
            .read_view(&ARCHIVE_DEST, " ORDER BY TENANT_ID, DEST_NO, NAME", name_value)
            .await?;
        for (tenant_id, name, value) in archive_dests {
            let d = by_tenant.entry(tenant_id).or_insert_with(|| BackupDestinations {
                tenant_id,
                ..Default::default()
            });
            match name.to_ascii_lowercase().as_str() {
                "path" => d.log_archive_dest = Some(redact(value.trim())),
                "binding" => d.log_archive_binding = value.trim().to_owned(),
                "state" => d.log_archive_state = value.trim().to_owned(),
                "piece_switch_interval" => d.piece_switch_interval_secs = interval_secs(&value).unwrap_or(0),
                _ => {}
            }
        }
        Ok(by_tenant.into_values().collect())
    }

    /// `CDB_OB_BACKUP_DELETE_POLICY`: each tenant's recovery window.
    pub async fn delete_policies(&mut self) -> Result<Vec<DeletePolicy>, ObError> {
        // 3.x keeps its recovery window in backup_dest_option, not as policies.
        if self.is_v3() {
            return Ok(Vec::new());
        }
        self.read_view(&DELETE_POLICY, " ORDER BY TENANT_ID, POLICY_NAME", |c| {
            Ok(DeletePolicy {
                tenant_id: c.int("TENANT_ID")?,
                policy_name: c.text("POLICY_NAME"),
                recovery_window: c.text("RECOVERY_WINDOW"),
            })
        })
        .await
    }

    /// Running restores (`CDB_OB_RESTORE_PROGRESS`) then finished ones
    /// (`CDB_OB_RESTORE_HISTORY`, those finished at or after `since`).
    pub async fn restores(&mut self, since: Option<UtcMicros>) -> Result<Vec<RestoreJob>, ObError> {
        let since = since.map(utc_text).transpose()?;
        if self.is_v3() {
            let mut out = self.restores_v3(true, " ORDER BY JOB_ID").await?;
            let filter = since
                .map(|t| format!(" WHERE COMPLETION_TIME >= '{t}'"))
                .unwrap_or_default();
            out.extend(self.restores_v3(false, &format!("{filter} ORDER BY JOB_ID")).await?);
            return Ok(out);
        }
        let mut out = one_per_job(
            self.read_view(&RESTORE_PROGRESS, " ORDER BY JOB_ID", |c| restore_job(c, true))
                .await?,
        );
        let filter = since
            .map(|t| format!(" WHERE FINISH_TIMESTAMP >= '{t}'"))
            .unwrap_or_default();
        out.extend(one_per_job(
            self.read_view(&RESTORE_HISTORY, &format!("{filter} ORDER BY JOB_ID"), |c| {
                restore_job(c, false)
            })
            .await?,
        ));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `Cols::time` did before the fast path, for one trimmed, non-zero text.
    fn by_chrono(text: &str) -> Option<i64> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
            .ok()
            .map(|dt| dt.and_utc().timestamp_micros())
    }

    #[test]
    fn timestamps_read_fast_agree_with_chrono() {
        for text in [
            "2025-11-20 02:00:00",
            "2025-11-20 02:00:00.123456",
            "2025-11-20 02:00:00.1",
            "2025-11-20 02:00:00.123456789",
            "0001-01-01 00:00:00",
            "2024-02-29 23:59:59.999999",
        ] {
            assert_eq!(wall_time_micros(text.as_bytes()), by_chrono(text), "{text}");
            assert!(wall_time_micros(text.as_bytes()).is_some(), "{text}");
        }
        // Left to chrono: not the exact shape, or not a valid instant.
        for text in [
            " 2025-11-20 02:00:00",
            "2025-11-20 02:00:00.",
            "2025-11-20 02:00:00.1234567890",
            "2025-11-20T02:00:00",
            "2025-02-30 00:00:00",
            "2025-12-31 23:59:60",
            "0000-00-00 00:00:00",
            "2025-1-20 02:00:00",
        ] {
            assert_eq!(wall_time_micros(text.as_bytes()), None, "{text}");
        }
    }

    proptest! {
        #[test]
        fn plain_digits_read_as_str_parse_reads_them(text in "-?[0-9]{0,20}|[ +-]?[0-9a ]{0,6}") {
            // Anything else is left to the general way, which reads it as before.
            if let Some((negative, n)) = plain_digits(text.as_bytes()) {
                let signed = if negative { -(n as i64) } else { n as i64 };
                prop_assert_eq!(text.trim().parse::<i64>().ok(), Some(signed));
                if !negative {
                    prop_assert_eq!(text.trim().parse::<u64>().ok(), Some(n));
                }
            }
        }

        #[test]
        fn a_fast_timestamp_is_the_one_chrono_reads(
            y in 0u32..10_000, mo in 0u32..14, d in 0u32..33, h in 0u32..25, mi in 0u32..61, s in 0u32..62,
            fraction in proptest::option::of("[0-9]{0,11}"),
        ) {
            let text = format!(
                "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}{}",
                fraction.map(|f| format!(".{f}")).unwrap_or_default()
            );
            if let Some(fast) = wall_time_micros(text.as_bytes()) {
                prop_assert_eq!(Some(fast), by_chrono(&text), "{}", text);
            }
        }
    }

    /// `f` over one row of `cells` (name, text), as the text protocol delivers it.
    fn read_row<T>(cells: &[(&str, &str)], f: impl Fn(&Cols<'_>) -> Result<T, ObError>) -> T {
        let columns: std::sync::Arc<[mysql_async::Column]> = cells
            .iter()
            .map(|(n, _)| {
                mysql_async::Column::new(mysql_async::consts::ColumnType::MYSQL_TYPE_VAR_STRING).with_name(n.as_bytes())
            })
            .collect();
        let values = cells
            .iter()
            .map(|(_, v)| mysql_async::Value::Bytes(v.as_bytes().to_vec()))
            .collect();
        let rows = [mysql_common::row::new_row(values, columns)];
        map_rows(&rows, "V", f).unwrap().remove(0)
    }

    /// Found by `parsers_prop.rs`: a far interval multiplied past `i64`, a panic in a
    /// debug build and a wrapped number in a release one.
    #[test]
    fn an_interval_too_long_to_count_in_seconds_is_no_interval() {
        assert_eq!(interval_secs("110000000000000D"), None);
        assert_eq!(interval_secs("9223372036854775807s"), Some(i64::MAX));
        assert_eq!(interval_secs("106751991167300d"), Some(106_751_991_167_300 * 86_400));
    }

    /// Found by `parsers_prop.rs`: 3.x microseconds times 1000 overflowed `u64` (a panic)
    /// or landed on OceanBase's "no upper bound" sentinels (4611686018427388 became an SCN
    /// that reads as no time).
    #[test]
    fn a_far_3x_microsecond_value_saturates_to_the_last_valid_scn() {
        for v in ["4611686018427388", "18446744073709552", "9223372036854775807"] {
            let scn = read_row(&[("SNAPSHOT_VERSION", v)], |c| {
                crate::views_v3::scn_of_micros(c, "SNAPSHOT_VERSION")
            });
            assert_eq!(scn, Some(Scn(Scn::MAX_VALID - 1)), "{v}");
        }
    }

    /// Found by `parsers_prop.rs`: only the columns known to carry destinations were
    /// redacted; a credential in a status, a name or a level came out as the server sent it.
    #[test]
    fn a_credential_in_any_column_comes_out_redacted() {
        let secret = "access_key=PLANTEDxSECRETx42&host=h";
        let cells = ["STATUS", "BACKUP_TYPE", "JOB_LEVEL", "ENCRYPTION_MODE"].map(|c| (c, secret));
        let j = read_row(&cells, job);
        for shown in [
            j.status.as_str(),
            j.backup_type.as_str(),
            &j.job_level,
            &j.encryption_mode,
        ] {
            assert_eq!(shown, "access_key=***&host=h");
        }
        let r = read_row(&[("RESTORE_TENANT_NAME", &format!(" {secret}"))], |c| {
            restore_job(c, false)
        });
        assert!(!format!("{r:?}").contains("PLANTED"), "{r:?}");
    }

    #[test]
    fn piece_switch_intervals_read_in_every_form() {
        assert_eq!(interval_secs("1d"), Some(86_400));
        assert_eq!(interval_secs("12h"), Some(43_200));
        assert_eq!(interval_secs("86400"), Some(86_400));
        assert_eq!(interval_secs("30m"), Some(1_800));
        assert_eq!(interval_secs("1w"), None);
    }
}
