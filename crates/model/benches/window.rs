//! The recoverable window over a long history: 10,000 archive pieces (hourly, ~14 months;
//! each frozen a second short of its end, as OceanBase's can be; one lost in every
//! thousand) and 2,000 backup sets (one every five hours, a full each day, the rest
//! incrementals on it). Target: <= 100 us. `cargo bench -p desk-model --bench window`.

use criterion::{criterion_group, criterion_main, Criterion};
use desk_model::backup::{ArchivePiece, BackupSetFile, Scn};
use desk_model::status::{BackupSetStatus, BackupType, FileStatus, PieceStatus};
use desk_model::window::recoverable_window;

const H: u64 = 3_600_000_000_000;
const S: u64 = 1_000_000_000;

fn history(pieces_n: u64, sets_n: u64) -> (Vec<BackupSetFile>, Vec<ArchivePiece>) {
    let pieces: Vec<ArchivePiece> = (0..pieces_n)
        .map(|i| ArchivePiece {
            tenant_id: 1002,
            dest_id: 1002,
            round_id: 1,
            piece_id: i as i64 + 1,
            status: PieceStatus::Frozen,
            start_scn: Scn(i * H),
            checkpoint_scn: Scn((i + 1) * H - S),
            max_scn: Scn((i + 1) * H - S),
            end_scn: Scn((i + 1) * H),
            file_status: if i % 1000 == 999 {
                FileStatus::Deleted
            } else {
                FileStatus::Available
            },
            path: String::new(),
        })
        .collect();
    let mut sets = Vec::new();
    let (mut last_full, mut last) = (0, 0);
    for k in 0..sets_n {
        let hour = 2 + k * 5;
        let id = k as i64 + 1;
        let full = k % 5 == 0;
        sets.push(BackupSetFile {
            tenant_id: 1002,
            backup_set_id: id,
            backup_type: if full {
                BackupType::Full
            } else {
                BackupType::Incremental
            },
            dest_id: 1001,
            prev_full_backup_set_id: if full { 0 } else { last_full },
            prev_inc_backup_set_id: if full { 0 } else { last },
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
    let (sets, pieces) = history(10_000, 2_000);
    let window = recoverable_window(&sets, &pieces);
    assert!(window.len() >= 10, "the lost pieces make gaps: {}", window.len());
    c.bench_function(
        &format!("recoverable_window: {} pieces, {} sets", pieces.len(), sets.len()),
        |b| b.iter(|| recoverable_window(std::hint::black_box(&sets), std::hint::black_box(&pieces))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
