//! The SQLite database behind the views: an in-memory `main` (left empty) with the views
//! as tables in an attached in-memory database named `oceanbase`, so that a client's
//! `oceanbase.X` resolves as written. The tables are the release's views with its columns.

use std::collections::HashMap;

use rusqlite::types::Value;

use crate::release::Release;
use crate::timestamp;
use crate::views::view_ddl;

/// One row to write: (column, value).
pub type Row = Vec<(&'static str, Value)>;

pub fn open(release: Release) -> rusqlite::Result<rusqlite::Connection> {
    let db = rusqlite::Connection::open_in_memory()?;
    // A client's ORDER BY over a year of history sorts tens of thousands of rows: in
    // memory, like the views themselves, rather than in temporary files.
    db.pragma_update(None, "temp_store", "MEMORY")?;
    db.execute_batch("ATTACH DATABASE ':memory:' AS oceanbase")?;
    for (_, ddl) in view_ddl(release) {
        db.execute_batch(&ddl)?;
    }
    // The orders the desk reads the long histories in: a year of them is read without
    // sorting (the views keep to the documented columns, so these are indexes beside them).
    for (index, view, columns) in [
        ("JOB_HISTORY_ORDER", "CDB_OB_BACKUP_JOB_HISTORY", "TENANT_ID, JOB_ID"),
        ("SET_FILES_ORDER", "CDB_OB_BACKUP_SET_FILES", "TENANT_ID, BACKUP_SET_ID"),
        (
            "PIECE_FILES_ORDER",
            "CDB_OB_ARCHIVELOG_PIECE_FILES",
            "TENANT_ID, ROUND_ID, PIECE_ID",
        ),
    ] {
        if release
            .view(view)
            .is_some_and(|v| columns.split(", ").all(|c| v.has(c)))
        {
            db.execute_batch(&format!("CREATE INDEX oceanbase.{index} ON {view} ({columns})"))?;
        }
    }
    Ok(db)
}

/// How rows of one shape go into one table: the columns the release's view has, the
/// rest dropped (a release without a column shows no such column).
struct Plan {
    /// The row's columns this plan was made for.
    shape: Vec<&'static str>,
    /// `None`: the release has no such view; the row is not written.
    sql: Option<String>,
    keep: Vec<usize>,
}

/// Writes rows into the release's tables, remembering each table's plan.
pub struct Writer {
    release: Release,
    plans: HashMap<&'static str, Plan>,
}

impl Writer {
    pub fn new(release: Release) -> Writer {
        Writer {
            release,
            plans: HashMap::new(),
        }
    }

    fn plan(&self, table: &'static str, row: &Row) -> Plan {
        let shape: Vec<&'static str> = row.iter().map(|(c, _)| *c).collect();
        let Some(view) = self.release.view(table) else {
            return Plan {
                shape,
                sql: None,
                keep: Vec::new(),
            };
        };
        let keep: Vec<usize> = (0..row.len()).filter(|&i| view.has(row[i].0)).collect();
        let columns: Vec<&str> = keep.iter().map(|&i| row[i].0).collect();
        let marks = vec!["?"; keep.len()].join(",");
        let sql = format!(
            "INSERT INTO oceanbase.{} ({}) VALUES ({marks})",
            view.name(),
            columns.join(",")
        );
        Plan {
            shape,
            sql: Some(sql),
            keep,
        }
    }

    pub fn insert(&mut self, tx: &rusqlite::Transaction<'_>, table: &'static str, row: &Row) -> rusqlite::Result<()> {
        let fits = |p: &Plan| p.shape.len() == row.len() && p.shape.iter().zip(row).all(|(a, (b, _))| a == b);
        if !self.plans.get(table).is_some_and(fits) {
            let plan = self.plan(table, row);
            self.plans.insert(table, plan);
        }
        let plan = &self.plans[table];
        let Some(sql) = &plan.sql else {
            return Ok(());
        };
        let mut statement = tx.prepare_cached(sql)?;
        statement.execute(rusqlite::params_from_iter(plan.keep.iter().map(|&i| &row[i].1)))?;
        Ok(())
    }
}

pub fn int(v: i64) -> Value {
    Value::Integer(v)
}

pub fn real(v: f64) -> Value {
    Value::Real(v)
}

pub fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

pub fn null() -> Value {
    Value::Null
}

/// A time column: stored as UTC text, rendered in the session time zone on the way out.
pub fn time(micros: i64) -> Value {
    Value::Text(timestamp::utc_text(micros))
}
