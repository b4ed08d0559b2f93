//! Queries on the `strategies` and `schedule_runs` tables.
//!
//! A strategy is validated before anything is written, so a refused one leaves
//! the cache as it was. Slots are claimed with an insert on a UNIQUE key: a
//! slot claimed once is never claimed again, whichever scheduler (or desk
//! process) asks, and whenever.

use desk_model::storage::redact;
use desk_model::{words, Words};
use desk_model::{
    BackupMethod, ClusterId, SlotRun, SlotState, Strategy, StrategyId, StrategyRecord, StrategyScope, UtcMicros,
};
use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

const SELECT: &str = "SELECT id, body, paused, created_at, updated_at FROM strategies";

/// Longest error message kept on a slot; the rest is cut.
const MAX_ERROR_LEN: usize = 2000;

fn from_row(r: &Row<'_>) -> rusqlite::Result<StrategyRecord> {
    let body: String = r.get(1)?;
    let mut strategy: Strategy = serde_json::from_str(&body)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))?;
    strategy.paused = r.get(2)?;
    Ok(StrategyRecord {
        id: StrategyId(r.get(0)?),
        strategy,
        created_at: UtcMicros(r.get(3)?),
        updated_at: UtcMicros(r.get(4)?),
    })
}

fn slot_from_row(r: &Row<'_>) -> rusqlite::Result<SlotRun> {
    let method: String = r.get(1)?;
    let state: String = r.get(2)?;
    let bad = |i: usize, v: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("unknown value {v:?}").into())
    };
    Ok(SlotRun {
        slot_at: UtcMicros(r.get(0)?),
        method: BackupMethod::parse(&method).ok_or_else(|| bad(1, method.clone()))?,
        state: SlotState::parse(&state).ok_or_else(|| bad(2, state.clone()))?,
        attempts: r.get(3)?,
        last_error_code: r.get(4)?,
        last_error: crate::said::words_out(r.get(5)?),
        ob_job_id: r.get(6)?,
        updated_at: UtcMicros(r.get(7)?),
    })
}

fn not_found(id: StrategyId) -> StoreError {
    StoreError::NotFound {
        what: "strategy",
        id: id.0,
    }
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

fn scope_taken(s: &Strategy) -> StoreError {
    StoreError::Invalid {
        field: "scope",
        rule: match &s.scope {
            StrategyScope::Cluster => words!(
                "this cluster already has a cluster-level strategy: modify it instead",
                "该集群已有集群级备份策略：请修改它"
            ),
            StrategyScope::Tenant { tenant_name, .. } => words!(
                "tenant {tenant_name} already has a strategy: modify it instead",
                "租户 {tenant_name} 已有备份策略：请修改它"
            ),
        },
    }
}

impl Store {
    /// Adds a strategy after validating it; nothing is written when it is refused.
    pub fn create_strategy(&mut self, strategy: &Strategy, now: UtcMicros) -> Result<StrategyId, StoreError> {
        strategy.validate()?;
        let body = serde_json::to_string(strategy).map_err(|e| StoreError::Invalid {
            field: "strategy",
            rule: Words::verbatim(e.to_string()),
        })?;
        let conn = self.writer()?;
        let cluster_known: Option<i64> = conn
            .query_row("SELECT id FROM clusters WHERE id = ?1", [strategy.cluster_id.0], |r| {
                r.get(0)
            })
            .optional()?;
        if cluster_known.is_none() {
            return Err(StoreError::NotFound {
                what: "cluster",
                id: strategy.cluster_id.0,
            });
        }
        let inserted = conn.query_row(
            "INSERT INTO strategies (cluster_id, ob_tenant_id, paused, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
            params![
                strategy.cluster_id.0,
                strategy.scope.ob_tenant_id(),
                strategy.paused,
                body,
                now.0
            ],
            |r| r.get(0),
        );
        match inserted {
            Ok(id) => Ok(StrategyId(id)),
            Err(e) if is_unique_violation(&e) => Err(scope_taken(strategy)),
            Err(e) => Err(e.into()),
        }
    }

    /// Replaces a strategy's settings (its cluster and scope stay).
    pub fn update_strategy(&mut self, id: StrategyId, strategy: &Strategy, now: UtcMicros) -> Result<(), StoreError> {
        strategy.validate()?;
        let current = self.strategy(id)?;
        if current.strategy.cluster_id != strategy.cluster_id
            || current.strategy.scope.ob_tenant_id() != strategy.scope.ob_tenant_id()
        {
            return Err(StoreError::Invalid {
                field: "scope",
                rule: words!(
                    "a strategy keeps its cluster and tenant: delete it and add a new one",
                    "备份策略不能更换集群或租户：请删除后新建"
                ),
            });
        }
        let body = serde_json::to_string(strategy).map_err(|e| StoreError::Invalid {
            field: "strategy",
            rule: Words::verbatim(e.to_string()),
        })?;
        self.writer()?.execute(
            "UPDATE strategies SET body = ?2, paused = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.0, body, strategy.paused, now.0],
        )?;
        Ok(())
    }

    pub fn strategy(&self, id: StrategyId) -> Result<StrategyRecord, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
        stmt.query_row([id.0], from_row).optional()?.ok_or(not_found(id))
    }

    /// The strategies of one cluster (cluster-level first, then by tenant), or of all clusters.
    pub fn strategies(&self, cluster: Option<ClusterId>) -> Result<Vec<StrategyRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE ?1 IS NULL OR cluster_id = ?1 ORDER BY cluster_id, COALESCE(ob_tenant_id, -1)"
        ))?;
        let rows = stmt
            .query_map([cluster.map(|c| c.0)], from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Deletes a strategy and its slot history; a tenant falls back to its cluster's.
    pub fn delete_strategy(&mut self, id: StrategyId) -> Result<(), StoreError> {
        let n = self.writer()?.execute("DELETE FROM strategies WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Pauses or enables scheduling. Either moves `updated_at`, so slots that
    /// passed while paused are never caught up.
    pub fn set_strategy_paused(&mut self, id: StrategyId, paused: bool, now: UtcMicros) -> Result<(), StoreError> {
        let n = self.writer()?.execute(
            "UPDATE strategies SET paused = ?2, body = json_set(body, '$.paused', json(?3)), updated_at = ?4
             WHERE id = ?1",
            params![id.0, paused, if paused { "true" } else { "false" }, now.0],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// The strategy in force for a tenant: its own, else its cluster's.
    /// With `ob_tenant_id` None, the cluster-level one.
    pub fn effective_strategy(
        &self,
        cluster: ClusterId,
        ob_tenant_id: Option<i64>,
    ) -> Result<Option<StrategyRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE cluster_id = ?1 AND (ob_tenant_id IS NULL OR ob_tenant_id = ?2)
             ORDER BY ob_tenant_id IS NULL LIMIT 1"
        ))?;
        Ok(stmt.query_row(params![cluster.0, ob_tenant_id], from_row).optional()?)
    }

    /// Takes a slot for running. False when the slot was ever claimed, missed
    /// or skipped before, by any scheduler.
    pub fn claim_slot(
        &mut self,
        id: StrategyId,
        slot_at: UtcMicros,
        method: BackupMethod,
        now: UtcMicros,
    ) -> Result<bool, StoreError> {
        self.insert_slot(id, slot_at, method, SlotState::Claimed, now)
    }

    /// Records a slot that passed unrun (beyond the catch-up grace); false if it was already recorded.
    pub fn record_slot_missed(
        &mut self,
        id: StrategyId,
        slot_at: UtcMicros,
        method: BackupMethod,
        now: UtcMicros,
    ) -> Result<bool, StoreError> {
        self.insert_slot(id, slot_at, method, SlotState::Missed, now)
    }

    fn insert_slot(
        &mut self,
        id: StrategyId,
        slot_at: UtcMicros,
        method: BackupMethod,
        state: SlotState,
        now: UtcMicros,
    ) -> Result<bool, StoreError> {
        let attempts = u32::from(state == SlotState::Claimed);
        let n = self.writer()?.execute(
            "INSERT INTO schedule_runs (strategy_id, slot_at, method, state, attempts, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (strategy_id, slot_at) DO NOTHING",
            params![id.0, slot_at.0, method.as_str(), state.as_str(), attempts, now.0],
        )?;
        Ok(n == 1)
    }

    /// Takes a failed slot for another attempt. False when another scheduler
    /// took it first or it is no longer failed.
    pub fn retry_slot(&mut self, id: StrategyId, slot_at: UtcMicros, now: UtcMicros) -> Result<bool, StoreError> {
        let n = self.writer()?.execute(
            "UPDATE schedule_runs SET state = 'CLAIMED', attempts = attempts + 1, updated_at = ?3
             WHERE strategy_id = ?1 AND slot_at = ?2 AND state = 'FAILED'",
            params![id.0, slot_at.0, now.0],
        )?;
        Ok(n == 1)
    }

    /// The backup of a claimed slot was started on the cluster.
    pub fn record_slot_launched(
        &mut self,
        id: StrategyId,
        slot_at: UtcMicros,
        ob_job_id: Option<i64>,
        now: UtcMicros,
    ) -> Result<(), StoreError> {
        self.finish_slot(id, slot_at, SlotState::Launched, None, ob_job_id, now)
    }

    /// The last attempt of a claimed slot failed. The message is redacted and
    /// cut before it is written.
    pub fn record_slot_failed(
        &mut self,
        id: StrategyId,
        slot_at: UtcMicros,
        code: &str,
        message: &Words,
        now: UtcMicros,
    ) -> Result<(), StoreError> {
        let message = message.clone().map(|said| {
            let mut said = redact(said);
            if said.len() > MAX_ERROR_LEN {
                let cut = (0..=MAX_ERROR_LEN)
                    .rev()
                    .find(|i| said.is_char_boundary(*i))
                    .unwrap_or(0);
                said.truncate(cut);
                said.push('…');
            }
            said
        });
        let message = crate::said::words_in(&message);
        self.finish_slot(id, slot_at, SlotState::Failed, Some((code, &message)), None, now)
    }

    fn finish_slot(
        &mut self,
        id: StrategyId,
        slot_at: UtcMicros,
        state: SlotState,
        error: Option<(&str, &str)>,
        ob_job_id: Option<i64>,
        now: UtcMicros,
    ) -> Result<(), StoreError> {
        let n = self.writer()?.execute(
            "UPDATE schedule_runs SET state = ?3, last_error_code = COALESCE(?4, last_error_code),
                    last_error = COALESCE(?5, last_error), ob_job_id = COALESCE(?6, ob_job_id), updated_at = ?7
             WHERE strategy_id = ?1 AND slot_at = ?2",
            params![
                id.0,
                slot_at.0,
                state.as_str(),
                error.map(|e| e.0),
                error.map(|e| e.1),
                ob_job_id,
                now.0
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "schedule slot of strategy",
                id: id.0,
            });
        }
        Ok(())
    }

    /// The slots of a strategy, newest first.
    pub fn slot_runs(&self, id: StrategyId, limit: u32) -> Result<Vec<SlotRun>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT slot_at, method, state, attempts, last_error_code, last_error, ob_job_id, updated_at
               FROM schedule_runs WHERE strategy_id = ?1 ORDER BY slot_at DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![id.0, limit], slot_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The latest slot recorded for a strategy, in any state.
    pub fn latest_slot(&self, id: StrategyId) -> Result<Option<UtcMicros>, StoreError> {
        let at: Option<i64> = self.conn.query_row(
            "SELECT MAX(slot_at) FROM schedule_runs WHERE strategy_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        Ok(at.map(UtcMicros))
    }

    /// Failed slots of a strategy at or after `since`, oldest first: the ones a
    /// scheduler may still retry.
    pub fn failed_slots(&self, id: StrategyId, since: UtcMicros) -> Result<Vec<SlotRun>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT slot_at, method, state, attempts, last_error_code, last_error, ob_job_id, updated_at
               FROM schedule_runs WHERE strategy_id = ?1 AND state = 'FAILED' AND slot_at >= ?2
              ORDER BY slot_at",
        )?;
        let rows = stmt
            .query_map(params![id.0, since.0], slot_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
