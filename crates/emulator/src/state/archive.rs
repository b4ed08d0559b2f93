//! Log archiving: LOG_ARCHIVE_DEST, ARCHIVELOG / NOARCHIVELOG, rounds and their pieces
//! (CDB_OB_ARCHIVE_DEST, CDB_OB_ARCHIVELOG[_SUMMARY], CDB_OB_ARCHIVELOG_PIECE_FILES).
//!
//! A round is computed from its start and the clock: its checkpoint trails now by a few
//! seconds, and its pieces are cut every PIECE_SWITCH_INTERVAL from the round's start, each
//! starting where the previous one's checkpoint ended.

use super::destinations::{check_uri, same_path};
use super::tenants::{Role, Tenant, TenantStatus};
use super::{int, text, Cluster, Context, Row};
use crate::errors::{self, SqlError, SqlResult};
use crate::release::Release;
use crate::timestamp::{bytes_display, parse_interval, scn, utc_text, DAY, HOUR, SECOND};

/// How far the archive checkpoint trails the clock while DOING.
pub const CHECKPOINT_LAG: i64 = 3 * SECOND;
/// How far a piece frozen by a switch stops short of its END_SCN: its CHECKPOINT_SCN is the
/// lowest of its log streams' (`ObDestRoundCheckpointer::generate_one_piece_`), and
/// nothing raises it to the end; the next piece starts at the end all the same.
pub const FROZEN_SHORT: i64 = 2 * SECOND;
const PREPARE_FOR: i64 = SECOND;
const BEGINNING_UNTIL: i64 = 3 * SECOND;
const STOPPING_FOR: i64 = 2 * SECOND;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveDest {
    pub location: String,
    pub binding: String,
    pub interval_text: String,
    pub piece_switch_interval: i64,
    pub dest_id: i64,
}

impl ArchiveDest {
    /// `LOCATION=<uri> [BINDING=..] [PIECE_SWITCH_INTERVAL=1d]`, or a bare URI.
    pub fn parse(value: &str, release: Release) -> SqlResult<ArchiveDest> {
        let mut location = None;
        let mut binding = "OPTIONAL".to_string();
        let mut interval_text = "1d".to_string();
        let bare_uri = value.trim_start().contains("://") && !value.to_ascii_uppercase().contains("LOCATION=");
        if !value.contains('=') || bare_uri {
            location = Some(value.trim().to_string());
        } else {
            for part in value.split_whitespace() {
                let (key, v) = part
                    .split_once('=')
                    .ok_or_else(|| errors::invalid_argument("log_archive_dest"))?;
                match key.to_ascii_uppercase().as_str() {
                    "LOCATION" => location = Some(v.to_string()),
                    "BINDING" => binding = v.to_string(),
                    "PIECE_SWITCH_INTERVAL" => interval_text = v.to_string(),
                    // COMPRESSION and friends are accepted and have no effect here.
                    _ => {}
                }
            }
        }
        let location = location.ok_or_else(|| errors::missing_argument("LOCATION"))?;
        check_uri(&location, release)?;
        if !binding.eq_ignore_ascii_case("OPTIONAL") && !binding.eq_ignore_ascii_case("MANDATORY") {
            return Err(errors::invalid_argument("BINDING"));
        }
        let piece_switch_interval = parse_interval(&interval_text)
            .filter(|i| (DAY..=7 * DAY).contains(i))
            .ok_or_else(|| errors::invalid_argument("PIECE_SWITCH_INTERVAL"))?;
        Ok(ArchiveDest {
            location,
            binding,
            interval_text,
            piece_switch_interval,
            dest_id: 0,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundState {
    /// PREPARE, then BEGINNING, then DOING, by time since the start.
    Running,
    /// STOPPING for a moment after `at`, then STOP.
    Stopping {
        at: i64,
    },
    Interrupted {
        at: i64,
    },
}

#[derive(Debug, Clone)]
pub struct Round {
    pub round_id: i64,
    pub dest_id: i64,
    pub path: String,
    pub start: i64,
    pub interval: i64,
    pub base_piece_id: i64,
    pub state: RoundState,
    pub comment: String,
    /// Archived log bytes per hour, for INPUT_BYTES / OUTPUT_BYTES.
    pub log_rate: i64,
    /// Pieces with a smaller id were removed by the delete policy.
    pub deleted_before_piece: i64,
}

#[derive(Debug, Clone)]
pub struct Piece {
    pub round_id: i64,
    pub piece_id: i64,
    pub dest_id: i64,
    pub start: i64,
    pub checkpoint: i64,
    pub end: i64,
    pub active: bool,
    pub deleted: bool,
    pub path: String,
    pub input_bytes: i64,
}

/// Log archived at `rate` bytes an hour over `elapsed` micros (no overflow for long rounds).
fn log_bytes(rate: i64, elapsed: i64) -> i64 {
    let bytes = i128::from(rate) * i128::from(elapsed.max(0)) / i128::from(HOUR);
    i64::try_from(bytes).unwrap_or(i64::MAX)
}

impl Round {
    pub fn status_at(&self, now: i64) -> &'static str {
        match self.state {
            RoundState::Running if now < self.start + PREPARE_FOR => "PREPARE",
            RoundState::Running if now < self.start + BEGINNING_UNTIL => "BEGINNING",
            RoundState::Running => "DOING",
            RoundState::Stopping { at } if now < at + STOPPING_FOR => "STOPPING",
            RoundState::Stopping { .. } => "STOP",
            RoundState::Interrupted { .. } => "INTERRUPTED",
        }
    }

    pub fn is_running(&self) -> bool {
        self.state == RoundState::Running
    }

    pub fn is_doing(&self, now: i64) -> bool {
        self.is_running() && now >= self.start + BEGINNING_UNTIL
    }

    /// Archived up to here (UTC micros).
    pub fn checkpoint_at(&self, now: i64) -> i64 {
        let until = match self.state {
            RoundState::Running => now,
            RoundState::Stopping { at } | RoundState::Interrupted { at } => at.min(now),
        };
        (until - CHECKPOINT_LAG).max(self.start)
    }

    pub fn stop(&mut self, now: i64) {
        if matches!(self.state, RoundState::Running | RoundState::Interrupted { .. }) {
            let at = match self.state {
                RoundState::Interrupted { at } => at,
                _ => now,
            };
            self.state = RoundState::Stopping { at };
        }
    }

    /// The pieces as of `now`, oldest first.
    pub fn pieces_at(&self, now: i64) -> Vec<Piece> {
        let checkpoint = self.checkpoint_at(now);
        let count = ((checkpoint - self.start) / self.interval) + 1;
        (0..count)
            .map(|k| {
                let start = self.start + k * self.interval;
                let end = start + self.interval;
                let switched = checkpoint >= end;
                let piece_checkpoint = if switched { end - FROZEN_SHORT } else { checkpoint };
                let piece_id = self.base_piece_id + k;
                Piece {
                    round_id: self.round_id,
                    piece_id,
                    dest_id: self.dest_id,
                    start,
                    checkpoint: piece_checkpoint,
                    end,
                    active: self.is_running() && k == count - 1,
                    deleted: piece_id < self.deleted_before_piece,
                    path: self.path.clone(),
                    input_bytes: log_bytes(self.log_rate, piece_checkpoint - start),
                }
            })
            .collect()
    }

    pub fn used_piece_id(&self, now: i64) -> i64 {
        self.base_piece_id + (self.checkpoint_at(now) - self.start) / self.interval
    }
}

impl Tenant {
    pub fn current_round(&self) -> Option<&Round> {
        self.rounds.last()
    }

    pub fn archive_doing(&self, now: i64) -> bool {
        self.current_round().is_some_and(|r| r.is_doing(now))
    }

    /// The archive checkpoint at `at`, if a round was archiving then.
    pub fn archive_checkpoint_at(&self, at: i64) -> Option<i64> {
        self.rounds
            .iter()
            .rev()
            .find(|r| r.start <= at)
            .map(|r| r.checkpoint_at(at))
    }

    /// Every piece on this tenant's archive destinations as of `now`.
    pub fn pieces_at(&self, now: i64) -> Vec<Piece> {
        self.rounds.iter().flat_map(|r| r.pieces_at(now)).collect()
    }

    /// Ends the current round (NOARCHIVELOG, or the tenant dropped); its pieces freeze.
    pub fn stop_archive(&mut self, now: i64) {
        if let Some(round) = self.rounds.last_mut() {
            if !matches!(round.state, RoundState::Stopping { .. }) {
                round.stop(now);
                self.next_piece_id = round.used_piece_id(now) + 1;
            }
        }
    }

    fn log_rate(&self) -> i64 {
        // About 2% of the data a day is written as log, at least 64 MB an hour.
        ((self.data_bytes / 50 / 24) as i64).max(64 << 20)
    }
}

impl Cluster {
    /// Starts a round on the tenant's archive destination at `at`.
    pub(crate) fn open_round(tenant: &mut Tenant, at: i64) {
        let Some(dest) = tenant.archive_dest.clone() else {
            return;
        };
        // An interrupted round ends when the next one begins.
        tenant.stop_archive(at);
        let round = Round {
            round_id: tenant.next_round_id,
            dest_id: dest.dest_id,
            path: dest.location.clone(),
            start: at,
            interval: dest.piece_switch_interval,
            base_piece_id: tenant.next_piece_id,
            state: RoundState::Running,
            comment: String::new(),
            log_rate: tenant.log_rate(),
            deleted_before_piece: 0,
        };
        tenant.next_round_id += 1;
        tenant.rounds.push(round);
    }

    pub(super) fn set_log_archive_dest(&mut self, tenant_id: i64, value: &str, ctx: &Context) -> SqlResult<()> {
        // `ObLogArchiveDestConfigParser` (src/share/backup/ob_backup_config.cpp): a round in
        // any state but STOP refuses the change, INTERRUPTED and STOPPING included.
        let parsed = if value.trim().is_empty() {
            None
        } else {
            Some(ArchiveDest::parse(value, self.info.release)?)
        };
        let now = ctx.now;
        let running = self
            .tenants
            .get(&tenant_id)
            .and_then(|t| t.current_round())
            .is_some_and(|r| r.status_at(now) != "STOP");
        if running {
            return Err(errors::not_supported("change archive dest when archive is running is"));
        }
        let Some(mut dest) = parsed else {
            self.tenant_mut(tenant_id)?.archive_dest = None;
            return Ok(());
        };
        self.check_path_free(tenant_id, &dest.location, true)?;
        let tenant = self.tenant_mut(tenant_id)?;
        let same_location = tenant
            .archive_dest
            .as_ref()
            .is_some_and(|d| same_path(&d.location, &dest.location));
        dest.dest_id = match &tenant.archive_dest {
            Some(old) if same_location => old.dest_id,
            _ => tenant.allocate_dest_id(),
        };
        tenant.archive_dest = Some(dest);
        tenant.modified = ctx.now;
        // ARCHIVELOG given before the destination: archiving starts now.
        if tenant.archive_mode {
            Self::open_round(tenant, ctx.now);
        }
        Ok(())
    }

    pub(super) fn archivelog(&mut self, enable: bool, tenants: &[String], ctx: &Context) -> SqlResult<()> {
        if tenants.is_empty() {
            // From sys without TENANT: every user tenant, errors ignored (as OceanBase).
            let ids: Vec<i64> = self.tenants.values().filter(|t| !t.dropped).map(|t| t.id).collect();
            for id in ids {
                let _ = self.switch_archive_mode(id, enable, ctx.now);
            }
            return Ok(());
        }
        let mut ids = Vec::new();
        for name in tenants {
            ids.push(self.user_tenant(name, "log archive")?);
        }
        let mut first_error: Option<SqlError> = None;
        for id in ids {
            if let Err(e) = self.switch_archive_mode(id, enable, ctx.now) {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    fn switch_archive_mode(&mut self, tenant_id: i64, enable: bool, now: i64) -> SqlResult<()> {
        let release = self.info.release;
        let tenant = self.tenant_mut(tenant_id)?;
        if enable {
            if tenant.status == TenantStatus::Restore || tenant.role_at(now) != Role::Primary {
                return Err(errors::cannot_start_log_archive());
            }
            if tenant.archive_mode {
                return Err(errors::already_in_archive_mode(release.archive_mode_errors.0));
            }
            tenant.archive_mode = true;
            Self::open_round(tenant, now);
        } else {
            if !tenant.archive_mode {
                return Err(errors::already_in_noarchive_mode(release.archive_mode_errors.1));
            }
            tenant.archive_mode = false;
            tenant.stop_archive(now);
        }
        tenant.modified = now;
        Ok(())
    }

    pub(super) fn interrupt_archive(&mut self, name: &str, now: i64) {
        let Some(id) = self.find_tenant(name) else {
            tracing::warn!("ArchiveInterrupted for unknown tenant {name}");
            return;
        };
        if let Some(round) = self.tenants.get_mut(&id).and_then(|t| t.rounds.last_mut()) {
            if round.is_running() {
                round.state = RoundState::Interrupted { at: now };
                round.comment = "(ret=-9087) observer clog is recycled before archive".into();
            }
        }
    }

    pub(super) fn archive_dest_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for t in self.tenants.values().filter(|t| !t.dropped) {
            let Some(dest) = &t.archive_dest else {
                continue;
            };
            let state = if t.archive_mode { "ENABLE" } else { "DEFER" };
            for (name, value) in [
                ("binding", dest.binding.to_ascii_uppercase()),
                ("dest_id", dest.dest_id.to_string()),
                ("path", dest.location.clone()),
                ("piece_switch_interval", dest.interval_text.clone()),
                ("state", state.to_string()),
            ] {
                rows.push(vec![
                    ("TENANT_ID", int(t.id)),
                    ("DEST_NO", int(0)),
                    ("NAME", text(name)),
                    ("VALUE", text(value)),
                ]);
            }
        }
        rows
    }

    /// CDB_OB_ARCHIVELOG (each tenant's latest round) or, with `summary`, every round.
    pub(super) fn archivelog_rows(&self, now: i64, summary: bool) -> Vec<Row> {
        let mut rows = Vec::new();
        for t in self.tenants.values().filter(|t| !t.dropped) {
            let rounds: Vec<&Round> = if summary {
                t.rounds.iter().collect()
            } else {
                t.rounds.last().into_iter().collect()
            };
            for r in rounds {
                let checkpoint = r.checkpoint_at(now);
                let bytes = log_bytes(r.log_rate, checkpoint - r.start);
                rows.push(vec![
                    ("TENANT_ID", int(t.id)),
                    ("DEST_ID", int(r.dest_id)),
                    ("ROUND_ID", int(r.round_id)),
                    ("INCARNATION", int(1)),
                    ("DEST_NO", int(0)),
                    ("STATUS", text(r.status_at(now))),
                    ("START_SCN", int(scn(r.start))),
                    ("START_SCN_DISPLAY", text(utc_text(r.start))),
                    ("CHECKPOINT_SCN", int(scn(checkpoint))),
                    ("CHECKPOINT_SCN_DISPLAY", text(utc_text(checkpoint))),
                    ("COMPATIBLE", int(2)),
                    ("BASE_PIECE_ID", int(r.base_piece_id)),
                    ("USED_PIECE_ID", int(r.used_piece_id(now))),
                    ("PIECE_SWITCH_INTERVAL", int(r.interval)),
                    ("UNIT_SIZE", int(1)),
                    ("COMPRESSION", text("none")),
                    ("INPUT_BYTES", int(bytes)),
                    ("INPUT_BYTES_DISPLAY", text(bytes_display(bytes))),
                    ("OUTPUT_BYTES", int(bytes)),
                    ("OUTPUT_BYTES_DISPLAY", text(bytes_display(bytes))),
                    ("COMPRESSION_RATIO", super::real(1.0)),
                    ("DELETED_INPUT_BYTES", int(0)),
                    ("DELETED_INPUT_BYTES_DISPLAY", text(bytes_display(0))),
                    ("DELETED_OUTPUT_BYTES", int(0)),
                    ("DELETED_OUTPUT_BYTES_DISPLAY", text(bytes_display(0))),
                    ("COMMENT", text(&r.comment)),
                    ("PATH", text(&r.path)),
                ]);
            }
        }
        rows
    }

    pub(super) fn piece_rows(&self, now: i64) -> Vec<Row> {
        let mut rows = Vec::new();
        for t in self.tenants.values().filter(|t| !t.dropped) {
            for p in t.pieces_at(now) {
                rows.push(vec![
                    ("TENANT_ID", int(t.id)),
                    ("DEST_ID", int(p.dest_id)),
                    ("ROUND_ID", int(p.round_id)),
                    ("PIECE_ID", int(p.piece_id)),
                    ("INCARNATION", int(1)),
                    ("DEST_NO", int(0)),
                    ("CREATE_TIMESTAMP", int(p.start)),
                    ("STATUS", text(if p.active { "ACTIVE" } else { "FROZEN" })),
                    ("START_SCN", int(scn(p.start))),
                    ("START_SCN_DISPLAY", text(utc_text(p.start))),
                    ("CHECKPOINT_SCN", int(scn(p.checkpoint))),
                    ("CHECKPOINT_SCN_DISPLAY", text(utc_text(p.checkpoint))),
                    ("MAX_SCN", int(scn(p.checkpoint))),
                    ("END_SCN", int(scn(p.end))),
                    ("COMPATIBLE", int(2)),
                    ("UNIT_SIZE", int(1)),
                    ("COMPRESSION", text("none")),
                    ("INPUT_BYTES", int(p.input_bytes)),
                    ("INPUT_BYTES_DISPLAY", text(bytes_display(p.input_bytes))),
                    ("OUTPUT_BYTES", int(p.input_bytes)),
                    ("OUTPUT_BYTES_DISPLAY", text(bytes_display(p.input_bytes))),
                    ("COMPRESSION_RATIO", super::real(1.0)),
                    ("FILE_STATUS", text(if p.deleted { "DELETED" } else { "AVAILABLE" })),
                    ("PATH", text(&p.path)),
                ]);
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(start: i64) -> Round {
        Round {
            round_id: 1,
            dest_id: 1001,
            path: "file:///a".into(),
            start,
            interval: DAY,
            base_piece_id: 1,
            state: RoundState::Running,
            comment: String::new(),
            log_rate: 1 << 20,
            deleted_before_piece: 0,
        }
    }

    #[test]
    fn pieces_switch_daily_and_are_contiguous() {
        let r = round(0);
        let pieces = r.pieces_at(2 * DAY + HOUR);
        assert_eq!(pieces.len(), 3);
        assert!(!pieces[0].active && !pieces[1].active && pieces[2].active);
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "pieces join on END_SCN");
            assert!(
                pair[0].checkpoint < pair[0].end,
                "a switched piece's checkpoint is short of its end"
            );
        }
        assert_eq!(pieces[2].checkpoint, 2 * DAY + HOUR - CHECKPOINT_LAG);
    }

    #[test]
    fn status_moves_through_prepare_beginning_doing_then_stop() {
        let mut r = round(0);
        assert_eq!(r.status_at(0), "PREPARE");
        assert_eq!(r.status_at(2 * SECOND), "BEGINNING");
        assert_eq!(r.status_at(10 * SECOND), "DOING");
        r.stop(20 * SECOND);
        assert_eq!(r.status_at(21 * SECOND), "STOPPING");
        assert_eq!(r.status_at(30 * SECOND), "STOP");
        assert_eq!(r.checkpoint_at(HOUR), 20 * SECOND - CHECKPOINT_LAG);
    }

    #[test]
    fn dest_value_forms() {
        let d = ArchiveDest::parse(
            "LOCATION=file:///x BINDING=Optional PIECE_SWITCH_INTERVAL=2d",
            Release::V4_3_5_CE,
        )
        .expect("parses");
        assert_eq!(d.location, "file:///x");
        assert_eq!(d.piece_switch_interval, 2 * DAY);
        assert_eq!(
            ArchiveDest::parse("file:///y", Release::V4_3_5_CE)
                .expect("bare uri")
                .location,
            "file:///y"
        );
        assert!(ArchiveDest::parse("LOCATION=file:///x PIECE_SWITCH_INTERVAL=1h", Release::V4_3_5_CE).is_err());
    }
}
