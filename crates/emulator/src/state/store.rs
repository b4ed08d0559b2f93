//! The SQLite database behind the views: an in-memory `main` (left empty) with the views
//! as tables in an attached in-memory database named `oceanbase`, so that a client's
//! `oceanbase.X` resolves as written.

use rusqlite::types::Value;

use crate::timestamp;
use crate::views::VIEW_DDL;

/// One row to write: (column, value).
pub type Row = Vec<(&'static str, Value)>;

pub fn open() -> rusqlite::Result<rusqlite::Connection> {
    let db = rusqlite::Connection::open_in_memory()?;
    // A client's ORDER BY over a year of history sorts tens of thousands of rows: in
    // memory, like the views themselves, rather than in temporary files.
    db.pragma_update(None, "temp_store", "MEMORY")?;
    db.execute_batch("ATTACH DATABASE ':memory:' AS oceanbase")?;
    for (_, ddl) in VIEW_DDL {
        db.execute_batch(ddl)?;
    }
    // The orders the desk reads the long histories in: a year of them is read without
    // sorting (the views keep to the reference's DDL, so these are indexes beside it).
    db.execute_batch(
        "CREATE INDEX oceanbase.JOB_HISTORY_ORDER ON CDB_OB_BACKUP_JOB_HISTORY (TENANT_ID, JOB_ID);
         CREATE INDEX oceanbase.SET_FILES_ORDER ON CDB_OB_BACKUP_SET_FILES (TENANT_ID, BACKUP_SET_ID);
         CREATE INDEX oceanbase.PIECE_FILES_ORDER ON CDB_OB_ARCHIVELOG_PIECE_FILES (TENANT_ID, ROUND_ID, PIECE_ID);",
    )?;
    Ok(db)
}

pub fn insert(tx: &rusqlite::Transaction<'_>, table: &str, row: &Row) -> rusqlite::Result<()> {
    let columns: Vec<&str> = row.iter().map(|(c, _)| *c).collect();
    let marks = vec!["?"; row.len()].join(",");
    let sql = format!("INSERT INTO oceanbase.{table} ({}) VALUES ({marks})", columns.join(","));
    let mut statement = tx.prepare_cached(&sql)?;
    statement.execute(rusqlite::params_from_iter(row.iter().map(|(_, v)| v)))?;
    Ok(())
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
