//! `desk window --cluster NAME --tenant NAME`: a tenant's recoverable window from the
//! cache (no connection), by OceanBase's own rule for the cluster's version, and for each
//! stretch of it the backup sets and archive pieces a restore into it reads.

use std::collections::HashMap;

use desk_engine::pages::{window_detail, WindowDetail};
use desk_model::backup::{ArchivePiece, BackupSetFile, Scn};
use desk_model::window::{Basis, ScnRange};
use serde::Serialize;

use crate::args::{Cli, WindowArgs};
use crate::failure::{Failure, Kind};
use crate::filters::{cluster_named, open_cache};
use crate::output::{clean, json, utc};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Window {
    cluster: String,
    tenant: String,
    version: Option<String>,
    ranges: Vec<Range>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Range {
    start: Option<String>,
    end: Option<String>,
    start_scn: u64,
    end_scn: u64,
    basis: Vec<Stretch>,
}

/// One basis: a stretch of the range and what a restore into it reads.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stretch {
    start: Option<String>,
    end: Option<String>,
    data_dest: i64,
    archive_dest: i64,
    sets: Vec<SetRow>,
    pieces: Vec<PieceRow>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SetRow {
    backup_set_id: i64,
    backup_type: String,
    path: String,
    min_restore_scn: u64,
    start_replay_scn: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PieceRow {
    dest_id: i64,
    round_id: i64,
    piece_id: i64,
    start_scn: u64,
    end_scn: u64,
    checkpoint_scn: u64,
    path: String,
}

/// An SCN as UTC RFC 3339; `None` for OceanBase's sentinels (no time).
fn time(scn: Scn) -> Option<String> {
    scn.to_micros().map(|t| utc(Some(t)))
}

pub fn run(cli: &Cli, a: &WindowArgs) -> Result<(), Failure> {
    let store = open_cache(cli, false)?;
    let cluster = cluster_named(&store, &a.cluster)?;
    let tenant = store
        .tenants(Some(cluster.id))?
        .into_iter()
        .find(|t| t.record.name == a.tenant)
        .ok_or_else(|| {
            Failure::field(
                Kind::NotFound,
                "tenant",
                format!("no tenant named {:?} is cached for cluster {:?}", a.tenant, a.cluster),
            )
        })?;
    let WindowDetail {
        version,
        window,
        basis,
        sets,
        pieces,
    } = window_detail(&store, cluster.id, tenant.record.ob_tenant_id)?;
    let version = version.as_ref();
    let rounds = version.is_some_and(|v| v.major() < 4);

    let by_set: HashMap<(i64, i64), &BackupSetFile> = sets.iter().map(|s| ((s.dest_id, s.backup_set_id), s)).collect();
    let by_piece: HashMap<(i64, i64, i64), &ArchivePiece> = pieces
        .iter()
        .map(|p| ((p.dest_id, p.round_id, p.piece_id), p))
        .collect();
    let stretch = |b: &Basis| Stretch {
        start: time(b.range.start),
        end: time(b.range.end),
        data_dest: b.data_dest,
        archive_dest: b.archive_dest,
        sets: b
            .sets
            .iter()
            .filter_map(|id| by_set.get(&(b.data_dest, *id)))
            .map(|s| SetRow {
                backup_set_id: s.backup_set_id,
                backup_type: s.backup_type.to_string(),
                path: clean(&s.path),
                min_restore_scn: s.min_restore_scn.0,
                start_replay_scn: s.start_replay_scn.0,
            })
            .collect(),
        pieces: b
            .pieces
            .iter()
            .filter_map(|key| by_piece.get(key))
            .map(|p| PieceRow {
                dest_id: p.dest_id,
                round_id: p.round_id,
                piece_id: p.piece_id,
                start_scn: p.start_scn.0,
                end_scn: p.end_scn.0,
                checkpoint_scn: p.checkpoint_scn.0,
                path: clean(&p.path),
            })
            .collect(),
    };
    // Each basis lies within one range of the window: merged, they make it.
    let within = |r: &ScnRange, b: &Basis| r.start <= b.range.start && b.range.end <= r.end;
    let out = Window {
        cluster: cluster.name.clone(),
        tenant: tenant.record.name.clone(),
        version: version.map(|v| v.to_string()),
        ranges: window
            .iter()
            .map(|r| Range {
                start: time(r.start),
                end: time(r.end),
                start_scn: r.start.0,
                end_scn: r.end.0,
                basis: basis.iter().filter(|b| within(r, b)).map(stretch).collect(),
            })
            .collect(),
    };
    if cli.json {
        return json(&out);
    }
    print_text(&out, rounds);
    Ok(())
}

fn print_text(w: &Window, rounds: bool) {
    let version = w.version.as_deref().unwrap_or("version unknown");
    if w.ranges.is_empty() {
        println!(
            "{} on {} ({version}): nothing recoverable in the cache (`desk sync` refreshes it)",
            w.tenant, w.cluster
        );
        return;
    }
    println!("{} on {} ({version}): recoverable, in UTC", w.tenant, w.cluster);
    let at = |t: &Option<String>, scn: u64| t.clone().unwrap_or_else(|| format!("SCN {scn}"));
    for r in &w.ranges {
        println!(
            "{} .. {}  (SCN {} .. {})",
            at(&r.start, r.start_scn),
            at(&r.end, r.end_scn),
            r.start_scn,
            r.end_scn
        );
        for b in &r.basis {
            let sets: Vec<String> = b
                .sets
                .iter()
                .map(|s| format!("{} {} ({})", s.backup_set_id, s.backup_type, s.path))
                .collect();
            println!(
                "  {} .. {}  data dest {}: sets {}; {}",
                b.start.as_deref().unwrap_or("?"),
                b.end.as_deref().unwrap_or("?"),
                b.data_dest,
                sets.join(", "),
                log_text(b, rounds)
            );
        }
    }
}

/// "archive dest 2: pieces 1/1..1/3 (path)"; 3.x: its rounds, or no log at all.
fn log_text(b: &Stretch, rounds: bool) -> String {
    let mut paths: Vec<&str> = Vec::new();
    for p in &b.pieces {
        if !paths.contains(&p.path.as_str()) {
            paths.push(&p.path);
        }
    }
    let (first, last) = match (b.pieces.first(), b.pieces.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => return "no log: to the set's snapshot alone".into(),
    };
    let what = if rounds {
        let ids: Vec<String> = b.pieces.iter().map(|p| p.round_id.to_string()).collect();
        format!("round {}", ids.join(", "))
    } else if b.pieces.len() == 1 {
        format!("pieces {}/{}", first.round_id, first.piece_id)
    } else {
        format!(
            "pieces {}/{}..{}/{}",
            first.round_id, first.piece_id, last.round_id, last.piece_id
        )
    };
    format!("archive dest {}: {what} ({})", b.archive_dest, paths.join(", "))
}
