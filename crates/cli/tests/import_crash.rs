//! `desk import` killed with SIGKILL at moments spread over a large import (reading,
//! checking, writing, done): the cache is whole after each kill, and holds either
//! every row of both imported clusters or no imported cluster; the label is then
//! free for an import that completes.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use desk_model::backup::BackupJob;
use desk_model::exchange::HistoryExport;
use desk_model::status::BackupJobStatus;
use desk_model::UtcMicros;
use desk_store::{NewCluster, Store, CACHE_FILE_NAME};

/// 2026-11-20T00:00:00Z.
const T0: i64 = 1_795_132_800_000_000;
const PER_CLUSTER: i64 = 150_000;
const CLUSTERS: [&str; 2] = ["ob-a", "ob-b"];
const LABEL: &str = "crash";
/// What the child prints once the file is checked and the writing starts.
const WRITING: &str = "; writing";

/// ~300,000 rows across two clusters, written by the model's export writer.
fn write_export(path: &Path) {
    let rows = CLUSTERS.iter().flat_map(|cluster| {
        (1..=PER_CLUSTER).map(move |i| {
            let start = T0 + i * 60_000_000;
            let job = BackupJob {
                start: Some(UtcMicros(start)),
                end: Some(UtcMicros(start + 30_000_000)),
                path: "file:///b/trade/data".into(),
                ..BackupJob::sample(1002 + i % 3, i, BackupJobStatus::Completed)
            };
            (cluster.to_string(), job)
        })
    });
    let file = HistoryExport::new(UtcMicros(T0), "Asia/Shanghai", rows, []);
    let mut out = BufWriter::new(File::create(path).unwrap());
    serde_json::to_writer(&mut out, &file).unwrap();
}

fn start_import(data: &Path, file: &Path, log: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(data)
        .arg("import")
        .arg(file)
        .args(["--label", LABEL])
        .stdout(Stdio::null())
        .stderr(File::create(log).unwrap())
        .spawn()
        .unwrap()
}

fn said(log: &Path) -> String {
    std::fs::read_to_string(log).unwrap_or_default()
}

/// The imported clusters and their row counts, read after checking the file is whole.
fn imported(data: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(data.join(CACHE_FILE_NAME)).unwrap();
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(check, ["ok"], "the cache is damaged");
    let rows = conn
        .prepare(
            "SELECT c.name, (SELECT COUNT(*) FROM backup_jobs j WHERE j.cluster_id = c.id)
               FROM clusters c WHERE c.imported_from IS NOT NULL ORDER BY c.name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows
}

/// Removes the imported clusters (their rows go with them, by the cache's trigger).
fn clear(data: &Path) {
    let conn = rusqlite::Connection::open(data.join(CACHE_FILE_NAME)).unwrap();
    conn.execute("DELETE FROM clusters WHERE imported_from = ?1", [LABEL])
        .unwrap();
}

fn complete() -> Vec<(String, i64)> {
    CLUSTERS.iter().map(|c| (format!("{c}@{LABEL}"), PER_CLUSTER)).collect()
}

/// The desk itself opens the cache after a kill without setting anything aside,
/// and the cluster that was there before is still there.
fn desk_opens(data: &Path) {
    let (store, report) = Store::open(&data.join(CACHE_FILE_NAME)).unwrap();
    assert_eq!(report.set_aside, None, "{:?}", report.damage);
    assert!(store.clusters().unwrap().iter().any(|c| c.name == "prod-hz"));
}

#[derive(Debug)]
enum Moment {
    FromStart(Duration),
    IntoWriting(Duration),
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_of_it_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("history.json");
    write_export(&file);
    let log = dir.path().join("stderr.txt");

    // A cache in use: one synced cluster already there.
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (mut store, _) = Store::open(&data.join(CACHE_FILE_NAME)).unwrap();
    store
        .upsert_cluster(&NewCluster {
            name: "prod-hz".into(),
            host: "127.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    drop(store);

    // How long a whole import takes here, and when its writing starts (into this
    // cache, as the trials will: a fresh one costs its creation too).
    let started = Instant::now();
    let mut child = start_import(&data, &file, &log);
    let mut writing_at = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if writing_at.is_none() && said(&log).contains(WRITING) {
            writing_at = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let total = started.elapsed();
    assert!(status.success(), "{}", said(&log));
    let writing_at = writing_at.expect("the import says when it writes");
    assert_eq!(imported(&data), complete());
    clear(&data);
    let writing = total - writing_at;
    eprintln!("a whole import: {total:?}, writing from {writing_at:?} ({writing:?})");

    // Moments while reading and checking (from the start), through the writing (from
    // the moment the child says it writes: the checking takes longer when the machine
    // is busy), and well after it.
    let mut moments: Vec<Moment> = vec![
        Moment::FromStart(Duration::from_millis(50)),
        Moment::FromStart(writing_at / 2),
    ];
    // The commit comes well before the child ends (a checkpoint and the exit follow):
    // the early part of the writing is where most kills go.
    moments.extend([0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.7].map(|f| Moment::IntoWriting(writing.mul_f64(f))));
    moments.push(Moment::IntoWriting(writing * 3));
    let (mut while_checking, mut while_writing, mut after) = (0, 0, 0);
    for (trial, moment) in moments.iter().enumerate() {
        let mut child = start_import(&data, &file, &log);
        let finished = match *moment {
            Moment::FromStart(wait) => {
                std::thread::sleep(wait);
                child.try_wait().unwrap()
            }
            Moment::IntoWriting(wait) => {
                let mut done = None;
                while done.is_none() && !said(&log).contains(WRITING) {
                    std::thread::sleep(Duration::from_millis(2));
                    done = child.try_wait().unwrap();
                }
                std::thread::sleep(wait);
                done.or(child.try_wait().unwrap())
            }
        };
        child.kill().unwrap();
        child.wait().unwrap();
        let found = imported(&data);
        desk_opens(&data);
        if let Some(status) = finished {
            assert!(status.success(), "trial {trial}: {}", said(&log));
        }
        assert!(
            found.is_empty() || found == complete(),
            "trial {trial}, killed at {moment:?}: a partial import {found:?}"
        );
        let outcome = if !found.is_empty() {
            // Done before the kill (or committed in the instant before it): cleared, so
            // the next trial imports under the same label again.
            after += 1;
            clear(&data);
            "whole import present"
        } else if said(&log).contains(WRITING) {
            while_writing += 1;
            "killed while writing; nothing imported"
        } else {
            while_checking += 1;
            "killed while reading or checking; nothing imported"
        };
        eprintln!("trial {trial}, kill at {moment:?}: {outcome}");
        assert!(imported(&data).is_empty());
    }
    eprintln!(
        "{} trials: killed while reading or checking {while_checking}, while writing {while_writing}, \
         after the import had committed {after}",
        moments.len()
    );
    assert!(
        while_writing >= 1,
        "no kill landed while the import was writing; the test proved nothing about it"
    );

    // The label is free: an import under it now completes.
    let out = Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(&data)
        .arg("import")
        .arg(&file)
        .args(["--label", LABEL])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(imported(&data), complete());
    desk_opens(&data);
}
