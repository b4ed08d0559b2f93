//! The operator journal (see `desk_model::journal`). An entry is inserted in
//! state SENDING before the statement leaves the desk, so a crash between
//! sending and hearing back leaves a trace the engine reconciles on start.

use desk_model::journal::{JournalAction, JournalEntry, JournalState};
use desk_model::{words, ClusterId, UtcMicros};
use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

/// An entry about to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJournalEntry {
    pub cluster: ClusterId,
    pub tenant_name: Option<String>,
    pub actor: String,
    pub action: JournalAction,
    /// Redacted JSON: the caller redacts, the store refuses what still looks like a credential.
    pub params: String,
    pub baseline_job: i64,
    pub created_at: UtcMicros,
}

/// How an entry ends (or moves on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalUpdate {
    pub state: JournalState,
    pub job_id: Option<i64>,
    pub at: UtcMicros,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

const COLUMNS: &str = "id, cluster_id, tenant_name, actor, action, params, state, baseline_job, job_id, created_at,
     finished_at, error_code, error_message";

fn from_row(r: &Row<'_>) -> rusqlite::Result<JournalEntry> {
    let word =
        |i: usize, text: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, text.into());
    let action: String = r.get(4)?;
    let state: String = r.get(6)?;
    Ok(JournalEntry {
        id: r.get(0)?,
        cluster: ClusterId(r.get(1)?),
        tenant_name: r.get(2)?,
        actor: r.get(3)?,
        action: JournalAction::parse(&action).ok_or_else(|| word(4, format!("unknown action {action}")))?,
        params: r.get(5)?,
        state: JournalState::parse(&state).ok_or_else(|| word(6, format!("unknown state {state}")))?,
        baseline_job: r.get(7)?,
        job_id: r.get(8)?,
        created_at: UtcMicros(r.get(9)?),
        finished_at: r.get::<_, Option<i64>>(10)?.map(UtcMicros),
        error_code: r.get(11)?,
        error_message: r.get(12)?,
    })
}

/// Credential parameter names (as OceanBase spells them in storage URIs):
/// a journal row holding one with a value is a redaction bug, refused here.
fn holds_credential(params: &str) -> bool {
    desk_model::storage::SECRET_PARAMS.iter().any(|name| {
        params.match_indices(&format!("{name}=")).any(|(i, m)| {
            let value = &params[i + m.len()..];
            !value.starts_with("***")
        })
    })
}

impl Store {
    /// Writes the entry in state SENDING and returns its id.
    pub fn journal_begin(&mut self, e: &NewJournalEntry) -> Result<i64, StoreError> {
        if holds_credential(&e.params) {
            return Err(StoreError::Invalid {
                field: "params",
                rule: words!(
                    "journal parameters must be redacted before they are written",
                    "操作日志的参数必须先隐去凭据才能写入"
                ),
            });
        }
        let conn = self.writer()?;
        conn.execute(
            "INSERT INTO journal (cluster_id, tenant_name, actor, action, params, state, baseline_job, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'SENDING', ?6, ?7)",
            params![
                e.cluster.0,
                e.tenant_name,
                e.actor,
                e.action.as_str(),
                e.params,
                e.baseline_job,
                e.created_at.0
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// Moves an entry on. A settled entry (CONFIRMED, FAILED, NOT_APPLIED) never changes again.
    pub fn journal_update(&mut self, id: i64, u: &JournalUpdate) -> Result<(), StoreError> {
        let finished = (!u.state.is_open()).then_some(u.at.0);
        let changed = self.writer()?.execute(
            "UPDATE journal SET state = ?2, job_id = COALESCE(?3, job_id), finished_at = ?4,
                    error_code = ?5, error_message = ?6
              WHERE id = ?1 AND state IN ('SENDING', 'SENT')",
            params![id, u.state.as_str(), u.job_id, finished, u.error_code, u.error_message],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid {
                field: "journal",
                rule: words!(
                    "entry {id} does not exist or is already settled",
                    "条目 {id} 不存在或已结束"
                ),
            });
        }
        Ok(())
    }

    pub fn journal_entry(&self, id: i64) -> Result<JournalEntry, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM journal WHERE id = ?1"))?;
        stmt.query_row([id], from_row).optional()?.ok_or(StoreError::NotFound {
            what: "journal entry",
            id,
        })
    }

    /// Entries still in doubt (SENDING) or waiting for their job (SENT), oldest first.
    pub fn journal_open(&self) -> Result<Vec<JournalEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM journal WHERE state IN ('SENDING', 'SENT') ORDER BY id"
        ))?;
        let rows = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The entry whose action started job `job_id` (the newest, if several).
    pub fn journal_for_job(
        &self,
        cluster: ClusterId,
        actions: &[JournalAction],
        job_id: i64,
    ) -> Result<Option<JournalEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM journal WHERE cluster_id = ?1 AND job_id = ?2 ORDER BY id DESC"
        ))?;
        let rows: Vec<JournalEntry> = stmt
            .query_map(params![cluster.0, job_id], from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows.into_iter().find(|e| actions.contains(&e.action)))
    }

    /// A cluster's journal, newest first.
    pub fn journal_of(&self, cluster: ClusterId, limit: u32) -> Result<Vec<JournalEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM journal WHERE cluster_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(params![cluster.0, limit], from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_with_values_are_recognised() {
        assert!(holds_credential(
            "{\"dest\":\"oss://b/p?host=h&access_id=AK&access_key=SECRET\"}"
        ));
        assert!(!holds_credential(
            "{\"dest\":\"oss://b/p?host=h&access_id=***&access_key=***\"}"
        ));
        assert!(!holds_credential("{\"dest\":\"file:///backup/t1\"}"));
    }
}
