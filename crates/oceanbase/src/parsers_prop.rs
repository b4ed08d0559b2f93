//! Property tests of what a server feeds the connector: `@@version_comment` banners and
//! the rows of its views (numbers, SCNs, times as text, statuses, NULLs, absent columns,
//! credentials). Beside the readers, which are crate-private; rows are made as the text
//! protocol delivers them (every value bytes or NULL).
//!
//! Case counts are per block, by what a case costs: together about 30 s of CPU in a debug
//! build (about 15 s on two cores), enough to reach past the common shapes of each input
//! on every CI run. `PROPTEST_CASES` overrides them all. Failures are kept in
//! `proptest-regressions/parsers_prop.txt` (proptest's default place for this file) and
//! re-run first; bugs they found also have a plain test with the minimal input (in
//! `views.rs`).

use std::sync::Arc;

use desk_model::backup::{ArchiveRound, BackupJob, RestoreJob, Scn};
use desk_model::status::{ArchiveStatus, BackupJobStatus, RestoreStatus};
use desk_model::storage::redact;
use desk_model::UtcMicros;
use mysql_async::consts::ColumnType;
use mysql_async::{Column, Row, Value};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::server::{Edition, ServerFlavor, ServerInfo};
use crate::sql::utc_text;
use crate::views::{interval_secs, job, map_rows, one_per_job, restore_job, Cols};
use crate::views_v3;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        ..ProptestConfig::default()
    }
}

/// A credential planted in the server's text: it must never come out of the connector.
const PLANTED: &str = "PLANTEDxSECRETx42";

const SPECIAL: &[char] = &[
    '(', ')', 'r', '-', '_', '.', ' ', '\t', '\n', '\0', 'V', '0', '9', '日', 'C', 'E', '=', ':',
];

fn mutate(text: &str, edits: &[(Index, u8, Index)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, op, with) in edits {
        let c = *with.get(SPECIAL);
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let i = at.index(chars.len());
        match op % 3 {
            0 => chars[i] = c,
            1 => chars.insert(i, c),
            _ => {
                chars.remove(i);
            }
        }
    }
    chars.into_iter().collect()
}

fn edits() -> impl Strategy<Value = Vec<(Index, u8, Index)>> {
    prop::collection::vec((any::<Index>(), any::<u8>(), any::<Index>()), 0..4)
}

// ---------------------------------------------------------------------------------------
// Version banners
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Banner {
    text: String,
    edition: Edition,
    flavor: ServerFlavor,
    version: String,
}

/// A banner as OceanBase prints it (`OceanBase[_CE] V (rREV-HASH) (Built ...)`), from its
/// parts, with what the connector should read from it.
fn banner() -> impl Strategy<Value = Banner> {
    (
        any::<bool>(),
        prop::collection::vec(0u32..1000, 2..=4),
        prop_oneof![
            "20[0-9]{12}",
            "1[0-9]{7}20[0-9]{8}",
            "[0-9]{1,3}",
            Just(String::new()),
            "[0-9]{19,25}",
        ],
        "[0-9a-f]{0,40}",
        prop::sample::select(vec!["", " seekdb", " ob-emulator: OB Backup Desk's backup emulator"]),
        prop::sample::select(vec![
            "(Built Nov 10 2023 12:20:26)",
            "(Built Jun  6 2024 11:30:33)",
            "",
            "(Built)",
        ]),
        prop::sample::select(vec!["", " ", "\n", "\t "]),
    )
        .prop_map(|(ce, parts, rev, hash, marker, built, pad)| {
            let number = parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
            let name = if ce { "OceanBase_CE" } else { "OceanBase" };
            let text = format!("{pad}{name} {number}{marker} (r{rev}-{hash}) {built}{pad}");
            let flavor = match marker {
                "" => ServerFlavor::OceanBase,
                m if m.contains("seekdb") => ServerFlavor::SeekDb,
                _ => ServerFlavor::Emulator,
            };
            // The revision's digits are the build, when they fit (seekdb's are its own).
            let version = match rev.parse::<u64>() {
                Ok(build) if flavor != ServerFlavor::SeekDb => format!("{number}-{build}"),
                _ => number,
            };
            Banner {
                text,
                edition: if ce { Edition::Community } else { Edition::Enterprise },
                flavor,
                version,
            }
        })
}

/// What any banner the connector reads keeps: the text as sent, and capabilities that
/// follow from the flavor and the version.
fn check_server(comment: &str, info: &ServerInfo) -> Result<(), TestCaseError> {
    prop_assert_eq!(info.version_comment.as_str(), comment);
    let rest = comment.trim().strip_prefix("OceanBase");
    prop_assert!(rest.is_some_and(|r| r.starts_with(char::is_whitespace) || r.starts_with("_CE")));
    let c = &info.capabilities;
    let backup = info.flavor != ServerFlavor::SeekDb;
    prop_assert_eq!(c.backup, backup);
    prop_assert_eq!(c.backup_refusal.is_some(), !backup);
    prop_assert_eq!(c.tenant_backup, backup && info.version.supports_tenant_backup());
    prop_assert_eq!(c.tenant_backup_refusal.is_some(), !c.tenant_backup);
    prop_assert_eq!(c.cluster_level_only, backup && info.version.major() < 4);
    Ok(())
}

proptest! {
    #![proptest_config(config(15000))]

    #[test]
    fn a_banner_reads_as_the_version_edition_and_flavor_it_was_printed_from(b in banner()) {
        let info = ServerInfo::from_version_comment(&b.text);
        prop_assert!(info.is_some(), "{:?}", b.text);
        let info = info.unwrap();
        check_server(&b.text, &info)?;
        prop_assert_eq!(info.edition, b.edition);
        prop_assert_eq!(info.flavor, b.flavor);
        prop_assert_eq!(info.version.to_string(), b.version);
    }

    #[test]
    fn any_banner_text_reads_without_a_panic(
        text in prop_oneof![any::<String>(), banner().prop_map(|b| b.text), "OceanBase(_CE)?[ -~]{0,30}"],
        edits in edits(),
        version_function in prop::option::of(prop_oneof![
            Just("5.7.25-OceanBase_CE-v4.2.1.1".to_owned()),
            Just("3.1.5-OceanBase CE".to_owned()),
            Just("5.7.25-OceanBase-v3.2.4.3".to_owned()),
            any::<String>(),
        ]),
    ) {
        let text = mutate(&text, &edits);
        if let Some(info) = ServerInfo::from_version_comment(&text) {
            check_server(&text, &info)?;
            let says_ce = text.trim().starts_with("OceanBase_CE");
            prop_assert_eq!(info.edition == Edition::Community, says_ce);
        }
        let detected = ServerInfo::detect(&text, version_function.as_deref());
        prop_assert_eq!(detected.is_some(), ServerInfo::from_version_comment(&text).is_some());
        if let Some(info) = detected {
            let ce = text.trim().starts_with("OceanBase_CE")
                || version_function.as_deref().is_some_and(|v| v.contains("OceanBase CE") || v.contains("OceanBase_CE"));
            prop_assert_eq!(info.edition == Edition::Community, ce);
        }
    }
}

// ---------------------------------------------------------------------------------------
// View rows
// ---------------------------------------------------------------------------------------

fn rows(columns: &[String], values: Vec<Vec<Value>>) -> Vec<Row> {
    let columns: Arc<[Column]> = columns
        .iter()
        .map(|n| Column::new(ColumnType::MYSQL_TYPE_VAR_STRING).with_name(n.as_bytes()))
        .collect();
    values
        .into_iter()
        .map(|v| mysql_common::row::new_row(v, columns.clone()))
        .collect()
}

/// `f` over one row whose columns are `cells` (name, value).
fn read<T>(cells: &[(String, Value)], f: impl Fn(&Cols<'_>) -> Result<T, crate::ObError>) -> Result<T, crate::ObError> {
    let names: Vec<String> = cells.iter().map(|(n, _)| n.clone()).collect();
    let values = vec![cells.iter().map(|(_, v)| v.clone()).collect()];
    map_rows(&rows(&names, values), "V", f).map(|mut v| v.remove(0))
}

/// `name` with its letters' case changed where `flips` says (lookups ignore ASCII case).
fn recase(name: &str, flips: u32) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if flips >> (i % 32) & 1 == 1 {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect()
}

/// A time as OceanBase prints a TIMESTAMP (years 1 to 9999), in microseconds.
const SERVER_TIMES: std::ops::Range<i64> = -62_135_596_800_000_000..253_402_300_800_000_000;

/// Text a server sends, near what each column holds, and anything else.
fn server_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        "[ \t]{0,2}[-+]?[0-9]{0,22}[ \t]{0,2}",
        SERVER_TIMES.prop_map(|t| utc_text(UtcMicros(t)).unwrap()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,11})?",
        Just("0000-00-00 00:00:00".to_owned()),
        "[0-9]{1,3}(\\.[0-9]{0,6})?|NaN|inf|-inf|-5|1e400",
        "(?i)(on|off|true|false|yes|no|1|0)",
        "[0-9]{1,20}[smhdw]?",
        prop::sample::select([BackupJobStatus::KNOWN, RestoreStatus::KNOWN, ArchiveStatus::KNOWN].concat())
            .prop_map(str::to_owned),
        // Joined as any text joins a parameter: after a character that is not part of a name.
        ("\\PC{0,20}", prop::sample::select(vec![" ", "&", "?", "'", "(", "\n"]))
            .prop_map(|(s, sep)| format!("{s}{sep}access_key={PLANTED}&host=h")),
        "\\PC{0,30}",
        any::<String>(),
    ]
}

/// A value as the text protocol delivers it: bytes (not always UTF-8) or NULL.
fn server_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => server_text().prop_map(|s| Value::Bytes(s.into_bytes())),
        1 => Just(Value::NULL),
        1 => prop::collection::vec(any::<u8>(), 0..24).prop_map(Value::Bytes),
    ]
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config(20000))]

    #[test]
    fn every_column_reader_takes_any_value_without_a_panic(v in server_value(), flips in any::<u32>()) {
        let cells = [(recase("COL", flips), v.clone())];
        let (int, uint, scn, time, flag, permille, text, redacted) = read(&cells, |c| {
            Ok((c.int("COL"), c.uint("COL"), c.scn("COL"), c.time("COL"), c.on_off("COL"),
                c.permille("COL"), c.text("COL"), c.redacted("COL")))
        }).unwrap();
        let given = text_of(&v);
        // Every text comes out redacted, whatever the column.
        prop_assert_eq!(text.clone(), redact(given.as_deref().unwrap_or("")));
        prop_assert_eq!(redacted, text.clone());
        prop_assert!(!text.contains(PLANTED));
        prop_assert_eq!(scn.ok().map(|s| s.0), uint.as_ref().ok().copied());
        if let Ok(p) = permille {
            prop_assert!(p <= 1000);
        }
        let trimmed = text.trim();
        prop_assert_eq!(flag, ["ON", "TRUE", "1", "YES"].contains(&trimmed.to_ascii_uppercase().as_str()));
        match given {
            None => {
                // NULL is absent: zero, no time, off.
                prop_assert_eq!((int.unwrap(), uint.unwrap(), time.unwrap()), (0, 0, None));
            }
            Some(_) => {
                prop_assert_eq!(int.ok(), trimmed.parse::<i64>().ok());
                prop_assert_eq!(uint.ok(), trimmed.parse::<u64>().ok());
                if let Ok(Some(t)) = time {
                    // Whatever reads as a time reads as chrono reads the same text.
                    let by_chrono = chrono::NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f")
                        .map(|d| d.and_utc().timestamp_micros());
                    prop_assert_eq!(Ok(t.0), by_chrono);
                }
            }
        }
        // A column the server did not send reads as NULL does.
        let absent = read(&cells, |c| Ok((c.int("OTHER")?, c.uint("OTHER")?, c.time("OTHER")?, c.on_off("OTHER"), c.permille("OTHER")?, c.text("OTHER")))).unwrap();
        prop_assert_eq!(absent, (0, 0, None, false, 0, String::new()));
    }

    #[test]
    fn numbers_read_as_the_server_writes_them(n in any::<i64>(), u in any::<u64>(), pad in "[ \t]{0,2}") {
        let cells = [
            ("I".to_owned(), Value::Bytes(format!("{pad}{n}{pad}").into_bytes())),
            ("U".to_owned(), Value::Bytes(format!("{pad}{u}").into_bytes())),
        ];
        let (i, iu, uu, s) = read(&cells, |c| Ok((c.int("I")?, c.uint("I"), c.uint("U")?, c.scn("U")?))).unwrap();
        prop_assert_eq!(i, n);
        prop_assert_eq!(iu.ok(), u64::try_from(n).ok());
        prop_assert_eq!((uu, s), (u, Scn(u)));
    }

    #[test]
    fn a_time_reads_as_the_instant_the_connector_writes(t in SERVER_TIMES, digits in 0usize..=9, pad in "[ \t]{0,2}") {
        // OceanBase prints 0 to 6 fraction digits; 7 to 9 are read and cut to microseconds.
        let full = utc_text(UtcMicros(t)).unwrap();
        let (whole, fraction) = full.split_once('.').unwrap();
        let text = match digits {
            0 => whole.to_owned(),
            1..=6 => format!("{whole}.{}", &fraction[..digits]),
            _ => format!("{full}{}", "7".repeat(digits - 6)),
        };
        let expect = if digits >= 6 { t } else { t - t.rem_euclid(10i64.pow(6 - digits as u32)) };
        let cells = [("T".to_owned(), Value::Bytes(format!("{pad}{text}{pad}").into_bytes()))];
        let got = read(&cells, |c| c.time("T")).unwrap();
        prop_assert_eq!(got, Some(UtcMicros(expect)), "{}", text);
    }

    #[test]
    fn a_percentage_reads_as_the_nearest_per_mille(pct in 0u32..=100_000, decimals in 0usize..=3) {
        // pct thousandths of a percent, written with `decimals` digits.
        let scale = 10u32.pow(3 - decimals as u32);
        let shown = pct / scale * scale;
        let text = if decimals == 0 {
            format!("{}", shown / 1000)
        } else {
            format!("{}.{:0width$}", shown / 1000, (shown % 1000) / scale, width = decimals)
        };
        let cells = [("P".to_owned(), Value::Bytes(text.clone().into_bytes()))];
        let got = read(&cells, |c| c.permille("P")).unwrap();
        prop_assert!(got <= 1000);
        prop_assert!((i64::from(got) * 100 - i64::from(shown)).abs() <= 50, "{} -> {}", text, got);
    }

    #[test]
    fn an_interval_reads_in_seconds_or_not_at_all(
        text in prop_oneof![
            "[ ]?[0-9]{1,20}[ ]?(s|m|h|d|S|M|H|D|w|)[ ]?",
            any::<String>(),
        ],
    ) {
        if let Some(secs) = interval_secs(&text) {
            prop_assert!(secs >= 0, "{:?} -> {}", text, secs);
            let t = text.trim();
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            let unit = match t[digits.len()..].trim().to_ascii_lowercase().as_str() {
                "" | "s" => 1,
                "m" => 60,
                "h" => 3_600,
                "d" => 86_400,
                other => return Err(TestCaseError::fail(format!("unit {other:?} accepted"))),
            };
            prop_assert_eq!(Some(secs), digits.parse::<i64>().ok().and_then(|n| n.checked_mul(unit)));
        }
    }

    #[test]
    fn a_column_is_found_by_its_first_name_in_any_case_and_any_order(
        names in prop::collection::vec(prop::sample::select(vec!["A", "a", "B", "b", "C", "cc"]), 1..6),
        asks in prop::collection::vec(prop::sample::select(vec!["A", "b", "C", "CC", "D"]), 1..12),
        shared in any::<bool>(),
    ) {
        let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
        let values: Vec<Value> = (0..names.len()).map(|i| Value::Bytes(i.to_string().into_bytes())).collect();
        let first = |ask: &str| names.iter().position(|n| n.eq_ignore_ascii_case(ask)).map(|i| i.to_string()).unwrap_or_default();
        // Two rows: one result's (one set of columns, looked up once) or two results'.
        let mut all = rows(&names, vec![values.clone(), values.clone()]);
        if !shared {
            all.truncate(1);
            all.extend(rows(&names, vec![values]));
        }
        let got = map_rows(&all, "V", |c| Ok(asks.iter().map(|a| c.text(a)).collect::<Vec<_>>())).unwrap();
        let expect: Vec<String> = asks.iter().map(|a| first(a)).collect();
        prop_assert_eq!(&got[0], &expect);
        prop_assert_eq!(&got[1], &expect);
    }
}

// ---------------------------------------------------------------------------------------
// Whole rows, through each reader
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Int,
    UInt,
    Time,
    Text,
}

/// One cell of a generated row: its column (absent when `value` is None), and whether the
/// value is one a server writes for that kind of column (then the row must read).
#[derive(Debug, Clone)]
struct Cell {
    column: &'static str,
    name: String,
    value: Option<Value>,
    well_formed: bool,
}

fn well_formed(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Int => any::<i64>()
            .prop_map(|n| Value::Bytes(n.to_string().into_bytes()))
            .boxed(),
        Kind::UInt => any::<u64>()
            .prop_map(|n| Value::Bytes(n.to_string().into_bytes()))
            .boxed(),
        Kind::Time => prop_oneof![
            SERVER_TIMES.prop_map(|t| Value::Bytes(utc_text(UtcMicros(t)).unwrap().into_bytes())),
            Just(Value::Bytes(b"0000-00-00 00:00:00".to_vec())),
            Just(Value::Bytes(Vec::new())),
        ]
        .boxed(),
        Kind::Text => server_value().boxed(),
    }
}

fn cell(column: &'static str, kind: Kind) -> impl Strategy<Value = Cell> {
    (
        any::<u32>(),
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(Value::NULL)),
            6 => well_formed(kind).prop_map(Some),
            2 => server_value().prop_map(Some),
        ],
    )
        .prop_map(move |(flips, value)| {
            let ok = match (&value, kind) {
                (None | Some(Value::NULL), _) | (_, Kind::Text) => true,
                (Some(v), Kind::Int) => text_of(v).is_some_and(|t| t.trim().parse::<i64>().is_ok()),
                (Some(v), Kind::UInt) => text_of(v).is_some_and(|t| t.trim().parse::<u64>().is_ok()),
                (Some(v), Kind::Time) => text_of(v).is_some_and(|t| {
                    let t = t.trim();
                    t.is_empty()
                        || t.starts_with("0000-00-00")
                        || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f").is_ok()
                }),
            };
            Cell {
                column,
                name: recase(column, flips),
                value,
                well_formed: ok,
            }
        })
}

fn row_of(columns: &'static [(&'static str, Kind)]) -> impl Strategy<Value = Vec<Cell>> {
    columns.iter().map(|(c, k)| cell(c, *k)).collect::<Vec<_>>()
}

fn cells_row(cells: &[Cell]) -> Vec<(String, Value)> {
    cells
        .iter()
        .filter_map(|c| c.value.clone().map(|v| (c.name.clone(), v)))
        .collect()
}

/// What the row says `column` holds, read as `kind` would be (absent and NULL as zero/none).
fn given(cells: &[Cell], column: &str) -> Option<String> {
    cells
        .iter()
        .find(|c| c.column == column)
        .and_then(|c| c.value.as_ref())
        .and_then(text_of)
}

fn given_int(cells: &[Cell], column: &str) -> i64 {
    given(cells, column).map_or(0, |t| t.trim().parse().unwrap_or(0))
}

fn given_uint(cells: &[Cell], column: &str) -> u64 {
    given(cells, column).map_or(0, |t| t.trim().parse().unwrap_or(0))
}

fn given_time(cells: &[Cell], column: &str) -> Option<UtcMicros> {
    let t = given(cells, column)?;
    chrono::NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%d %H:%M:%S%.f")
        .ok()
        .map(|d| UtcMicros(d.and_utc().timestamp_micros()))
}

/// A reader's outcome: a row whose every cell is well formed is read; nothing it returns
/// shows the planted credential; and a refusal names a column of the view.
fn check_read<T: std::fmt::Debug>(cells: &[Cell], got: &Result<T, crate::ObError>) -> Result<(), TestCaseError> {
    match got {
        Ok(v) => prop_assert!(!format!("{v:?}").contains(PLANTED), "{:?}", v),
        Err(e) => {
            prop_assert!(!cells.iter().all(|c| c.well_formed), "refused a well-formed row: {}", e);
            prop_assert!(!e.message.en.contains(PLANTED), "{}", e.message.en);
            prop_assert!(
                cells
                    .iter()
                    .any(|c| e.message.en.starts_with(&format!("V.{}:", c.column))),
                "{}",
                e.message.en
            );
        }
    }
    Ok(())
}

const JOB: &[(&str, Kind)] = &[
    ("TENANT_ID", Kind::Int),
    ("JOB_ID", Kind::Int),
    ("INCARNATION", Kind::Int),
    ("BACKUP_SET_ID", Kind::Int),
    ("PLUS_ARCHIVELOG", Kind::Text),
    ("BACKUP_TYPE", Kind::Text),
    ("JOB_LEVEL", Kind::Text),
    ("ENCRYPTION_MODE", Kind::Text),
    ("START_TIMESTAMP", Kind::Time),
    ("END_TIMESTAMP", Kind::Time),
    ("STATUS", Kind::Text),
    ("RESULT", Kind::Int),
    ("COMMENT", Kind::Text),
    ("DESCRIPTION", Kind::Text),
    ("PATH", Kind::Text),
];

const RESTORE: &[(&str, Kind)] = &[
    ("TENANT_ID", Kind::Int),
    ("JOB_ID", Kind::Int),
    ("RESTORE_TENANT_NAME", Kind::Text),
    ("BACKUP_TENANT_NAME", Kind::Text),
    ("BACKUP_CLUSTER_NAME", Kind::Text),
    ("BACKUP_DEST", Kind::Text),
    ("RESTORE_OPTION", Kind::Text),
    ("RESTORE_SCN", Kind::UInt),
    ("STATUS", Kind::Text),
    ("START_TIMESTAMP", Kind::Time),
    ("FINISH_TIMESTAMP", Kind::Time),
    ("BACKUP_SET_LIST", Kind::Text),
    ("BACKUP_PIECE_LIST", Kind::Text),
    ("TOTAL_BYTES", Kind::UInt),
    ("FINISH_BYTES", Kind::UInt),
    ("LS_COUNT", Kind::UInt),
    ("FINISH_LS_COUNT", Kind::UInt),
    ("TABLET_COUNT", Kind::UInt),
    ("FINISH_TABLET_COUNT", Kind::UInt),
    ("COMMENT", Kind::Text),
    ("DESCRIPTION", Kind::Text),
];

const ROUND_V3: &[(&str, Kind)] = &[
    ("TENANT_ID", Kind::Int),
    ("LOG_ARCHIVE_ROUND", Kind::Int),
    ("STATUS", Kind::Text),
    ("MIN_FIRST_TIME", Kind::Time),
    ("MAX_NEXT_TIME", Kind::Time),
    ("INPUT_BYTES", Kind::UInt),
    ("OUTPUT_BYTES", Kind::UInt),
    ("BACKUP_ROUND_PATH", Kind::Text),
];

const RESTORE_V3: &[(&str, Kind)] = &[
    ("JOB_ID", Kind::Int),
    ("TENANT_ID", Kind::Int),
    ("TENANT_NAME", Kind::Text),
    ("BACKUP_TENANT_NAME", Kind::Text),
    ("BACKUP_CLUSTER_NAME", Kind::Text),
    ("STATUS", Kind::Text),
    ("START_TIME", Kind::Time),
    ("COMPLETION_TIME", Kind::Time),
    ("PARTITION_COUNT", Kind::UInt),
    ("FINISH_PARTITION_COUNT", Kind::UInt),
    ("RESTORE_FINISH_TIMESTAMP", Kind::Time),
    ("BACKUP_SET_LIST", Kind::Text),
    ("BACKUP_PIECE_LIST", Kind::Text),
    ("INFO", Kind::Text),
];

fn status_text(cells: &[Cell]) -> String {
    given(cells, "STATUS").unwrap_or_default().trim().to_owned()
}

fn scn_of_time(t: Option<UtcMicros>) -> Scn {
    t.map(Scn::from_micros).unwrap_or(Scn(0))
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn a_backup_job_row_reads_as_the_server_wrote_it(cells in row_of(JOB)) {
        let got = read(&cells_row(&cells), job);
        check_read(&cells, &got)?;
        if let Ok(j) = got {
            let j: BackupJob = j;
            prop_assert_eq!(
                (j.tenant_id, j.job_id, j.incarnation, j.backup_set_id, j.result),
                (given_int(&cells, "TENANT_ID"), given_int(&cells, "JOB_ID"), given_int(&cells, "INCARNATION"),
                 given_int(&cells, "BACKUP_SET_ID"), given_int(&cells, "RESULT"))
            );
            prop_assert_eq!((j.start, j.end), (given_time(&cells, "START_TIMESTAMP"), given_time(&cells, "END_TIMESTAMP")));
            prop_assert_eq!(j.status.as_str(), redact(&status_text(&cells)));
        }
    }

    #[test]
    fn a_restore_row_reads_as_the_server_wrote_it(cells in row_of(RESTORE), running in any::<bool>()) {
        let got = read(&cells_row(&cells), |c| restore_job(c, running));
        check_read(&cells, &got)?;
        if let Ok(r) = got {
            let r: RestoreJob = r;
            prop_assert_eq!((r.tenant_id, r.job_id), (given_int(&cells, "TENANT_ID"), given_int(&cells, "JOB_ID")));
            prop_assert_eq!(r.restore_scn, Scn(given_uint(&cells, "RESTORE_SCN")));
            prop_assert_eq!(
                [r.total_bytes, r.finish_bytes, r.ls_count, r.finish_ls_count, r.tablet_count, r.finish_tablet_count],
                ["TOTAL_BYTES", "FINISH_BYTES", "LS_COUNT", "FINISH_LS_COUNT", "TABLET_COUNT", "FINISH_TABLET_COUNT"]
                    .map(|c| given_uint(&cells, c))
            );
            prop_assert_eq!(r.start, given_time(&cells, "START_TIMESTAMP"));
            prop_assert_eq!(r.finish, if running { None } else { given_time(&cells, "FINISH_TIMESTAMP") });
            prop_assert_eq!(r.status.as_str(), redact(&status_text(&cells)));
            prop_assert_eq!(r.running, running);
        }
    }

    #[test]
    fn a_3x_archive_round_row_reads_as_the_server_wrote_it(cells in row_of(ROUND_V3)) {
        let got = read(&cells_row(&cells), views_v3::round);
        check_read(&cells, &got)?;
        if let Ok(r) = got {
            let r: ArchiveRound = r;
            prop_assert_eq!((r.tenant_id, r.round_id), (given_int(&cells, "TENANT_ID"), given_int(&cells, "LOG_ARCHIVE_ROUND")));
            prop_assert_eq!(r.start_scn, scn_of_time(given_time(&cells, "MIN_FIRST_TIME")));
            prop_assert_eq!(r.checkpoint_scn, scn_of_time(given_time(&cells, "MAX_NEXT_TIME")));
            prop_assert!(r.start_scn.0 < Scn::MAX_VALID && r.checkpoint_scn.0 < Scn::MAX_VALID);
            prop_assert_eq!((r.input_bytes, r.output_bytes), (given_uint(&cells, "INPUT_BYTES"), given_uint(&cells, "OUTPUT_BYTES")));
        }
    }

    #[test]
    fn a_3x_restore_row_reads_as_the_server_wrote_it(cells in row_of(RESTORE_V3), running in any::<bool>()) {
        let got = read(&cells_row(&cells), |c| views_v3::restore(c, running));
        check_read(&cells, &got)?;
        if let Ok(r) = got {
            let r: RestoreJob = r;
            prop_assert_eq!((r.tenant_id, r.job_id), (given_int(&cells, "TENANT_ID"), given_int(&cells, "JOB_ID")));
            prop_assert_eq!(r.restore_scn, scn_of_time(given_time(&cells, "RESTORE_FINISH_TIMESTAMP")));
            prop_assert_eq!(r.start, given_time(&cells, "START_TIME"));
            prop_assert_eq!(r.finish, if running { None } else { given_time(&cells, "COMPLETION_TIME") });
            prop_assert_eq!((r.tablet_count, r.finish_tablet_count), (given_uint(&cells, "PARTITION_COUNT"), given_uint(&cells, "FINISH_PARTITION_COUNT")));
        }
    }

    #[test]
    fn a_3x_microsecond_column_becomes_an_scn_monotonically_and_saturating(a in any::<i64>(), b in any::<i64>()) {
        let read_scn = |v: i64| {
            let cells = [("SNAPSHOT_VERSION".to_owned(), Value::Bytes(v.to_string().into_bytes()))];
            read(&cells, |c| views_v3::scn_of_micros(c, "SNAPSHOT_VERSION")).unwrap()
        };
        let (sa, sb) = (read_scn(a), read_scn(b));
        for (v, s) in [(a, sa), (b, sb)] {
            prop_assert_eq!(s.is_some(), v > 0);
            if let Some(s) = s {
                prop_assert!(s.0 < Scn::MAX_VALID, "{} -> {:?}", v, s);
                prop_assert_eq!(s, Scn::from_micros(UtcMicros(v)));
            }
        }
        if 0 < a && a <= b {
            prop_assert!(sa <= sb);
        }
    }

    #[test]
    fn restores_are_one_per_job_and_none_is_lost(
        jobs in prop::collection::vec(
            (any::<bool>(), prop::option::of(prop::sample::select(vec![1002i64, 1004])), 0u64..3, 0u64..3,
             prop::sample::select(vec!["RESTORING", "UPGRADE", "RESTORE_PRE"])),
            0..6,
        ),
        order in any::<u64>(),
    ) {
        // As the views list them: per job, the sys tenant's row (4.x) and the restored
        // tenant's (once it exists; the only one on 3.x), in any order.
        let row = |job_id: usize, tenant_id: i64, bytes: u64, status: &str| {
            let cells = [
                ("JOB_ID".to_owned(), Value::Bytes(job_id.to_string().into_bytes())),
                ("TENANT_ID".to_owned(), Value::Bytes(tenant_id.to_string().into_bytes())),
                ("TOTAL_BYTES".to_owned(), Value::Bytes(bytes.to_string().into_bytes())),
                ("STATUS".to_owned(), Value::Bytes(status.as_bytes().to_vec())),
            ];
            read(&cells, |c| restore_job(c, true)).unwrap()
        };
        let mut input = Vec::new();
        for (id, (sys, tenant, sys_bytes, tenant_bytes, phase)) in jobs.iter().enumerate() {
            if *sys {
                input.push(row(id, 1, *sys_bytes, "WAIT_TENANT_RESTORE_FINISH"));
            }
            if let Some(t) = tenant {
                input.push(row(id, *t, *tenant_bytes, phase));
            }
        }
        let n = input.len().max(1);
        input.rotate_left((order % n as u64) as usize);
        if order & 1 == 1 {
            input.reverse();
        }
        let out = one_per_job(input.clone());
        let listed: Vec<usize> = jobs.iter().enumerate().filter(|(_, j)| j.0 || j.1.is_some()).map(|(i, _)| i).collect();
        prop_assert_eq!(out.iter().map(|o| o.job_id as usize).collect::<Vec<_>>(), listed);
        for o in &out {
            let (sys, tenant, sys_bytes, tenant_bytes, phase) = &jobs[o.job_id as usize];
            if *sys {
                prop_assert_eq!(o.tenant_id, 1);
                prop_assert_eq!(o.status.as_str(), "WAIT_TENANT_RESTORE_FINISH");
                prop_assert_eq!(o.phase.as_str(), if tenant.is_some() { *phase } else { "" });
                let bytes = if *sys_bytes == 0 && tenant.is_some() { *tenant_bytes } else { *sys_bytes };
                prop_assert_eq!(o.total_bytes, bytes);
            } else {
                prop_assert_eq!(Some(o.tenant_id), *tenant);
                prop_assert_eq!(o.status.as_str(), *phase);
            }
        }
    }
}
