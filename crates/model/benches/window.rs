//! The recoverable window over a long history: 10,000 archive pieces (hourly
//! pieces, ~14 months) and a daily full plus 6-hourly incremental sets.
//! Target: <= 1 ms. `cargo bench -p desk-model --bench window`.

use criterion::{criterion_group, criterion_main, Criterion};
use desk_model::backup::{ArchivePiece, BackupSetFile, Scn};
use desk_model::status::{BackupSetStatus, BackupType, FileStatus, PieceStatus};
use desk_model::window::recoverable_window;

const H: u64 = 3_600_000_000_000;

fn history(pieces_n: u64) -> (Vec<BackupSetFile>, Vec<ArchivePiece>) {
    let pieces: Vec<ArchivePiece> = (0..pieces_n)
        .map(|i| ArchivePiece {
            tenant_id: 1002,
            round_id: 1,
            piece_id: i as i64 + 1,
            status: PieceStatus::Frozen,
            start_scn: Scn(i * H),
            checkpoint_scn: Scn((i + 1) * H),
            max_scn: Scn((i + 1) * H),
            end_scn: Scn((i + 1) * H),
            // One lost piece in every thousand: the window has gaps.
            file_status: if i % 1000 == 999 {
                FileStatus::Deleted
            } else {
                FileStatus::Available
            },
            path: String::new(),
        })
        .collect();
    let mut sets = Vec::new();
    let mut last_full = 0;
    let mut last = 0;
    for hour in (2..pieces_n).step_by(6) {
        let id = sets.len() as i64 + 1;
        let full = hour % 24 == 2;
        sets.push(BackupSetFile {
            tenant_id: 1002,
            backup_set_id: id,
            backup_type: if full {
                BackupType::Full
            } else {
                BackupType::Incremental
            },
            prev_full_backup_set_id: if full { 0 } else { last_full },
            prev_inc_backup_set_id: if full || last == last_full { 0 } else { last },
            start: None,
            end: None,
            status: BackupSetStatus::Success,
            file_status: FileStatus::Available,
            plus_archivelog: false,
            start_replay_scn: Scn(hour * H),
            min_restore_scn: Scn(hour * H + H / 2),
            input_bytes: 1 << 30,
            output_bytes: 1 << 29,
            path: String::new(),
            cluster_version: String::new(),
        });
        if full {
            last_full = id;
        }
        last = id;
    }
    (sets, pieces)
}

fn bench(c: &mut Criterion) {
    let (sets, pieces) = history(10_000);
    let window = recoverable_window(&sets, &pieces);
    assert!(window.len() >= 10, "the lost pieces make gaps: {}", window.len());
    c.bench_function(
        &format!("recoverable_window: {} pieces, {} sets", pieces.len(), sets.len()),
        |b| b.iter(|| recoverable_window(std::hint::black_box(&sets), std::hint::black_box(&pieces))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
