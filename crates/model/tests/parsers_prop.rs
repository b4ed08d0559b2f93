//! Property tests of every parser the model offers a user or a server: storage URIs and
//! the redaction of their credentials, OceanBase versions, typed times and SCNs, statuses,
//! and history import files. Each property (a) never panics on arbitrary or near-grammar
//! input, (b) round-trips where a writer exists, (c) keeps the documented invariants on
//! what it accepts.
//!
//! Case counts are per block, by what a case costs: together about 30 s of CPU in a debug
//! build (about 15 s on two cores), enough to reach past the common shapes of each input
//! on every CI run. `PROPTEST_CASES` overrides them all. Failures are kept in
//! `proptest-regressions/parsers_prop.txt` and re-run first; bugs they found also have a
//! plain test with the minimal input beside the code they fixed.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use desk_model::backup::{BackupJob, RestoreJob, Scn};
use desk_model::exchange::{parse_history, to_csv, HistoryExport, HISTORY_FORMAT, HISTORY_VERSION, MAX_TEXT};
use desk_model::status::{
    ArchiveStatus, BackupJobStatus, BackupSetStatus, BackupTaskStatus, BackupType, FileStatus, PieceStatus,
    RestoreStatus,
};
use desk_model::storage::{location, redact, MAX_URI_LEN, SECRET_PARAMS};
use desk_model::strategy::{SecretRef, StorageSecret, StorageSpec};
use desk_model::{ObVersion, StorageKind, StorageUri, UtcMicros};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

/// `cases` unless `PROPTEST_CASES` says otherwise; failures persisted beside the crate's
/// other regressions (a file under `tests/` has no `lib.rs` above it, so the default
/// would write `tests/parsers_prop.proptest-regressions` instead).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/parsers_prop.txt"
        )))),
        ..ProptestConfig::default()
    }
}

/// Characters that matter to these grammars, for mutations.
const SPECIAL: &[char] = &[
    '?', '&', '=', '/', ':', '.', '-', '_', '\'', '"', ',', ';', '\\', ')', '(', ' ', '\t', '\n', '\0', '#', '%', '*',
    '+', 'V', '0', '9', '日', '\u{202e}', '\u{a0}',
];

/// `text` with each edit applied: replace, insert or delete a character at an index.
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
// Storage URIs and redaction
// ---------------------------------------------------------------------------------------

fn scheme() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["file", "oss", "cos", "s3", "OSS", "ftp", "", "s3a"])
}

fn uri_path() -> impl Strategy<Value = String> {
    prop_oneof![
        "/[a-zA-Z0-9_./-]{0,24}",
        "[a-z0-9-]{0,8}(/[a-zA-Z0-9_.-]{0,10}){0,3}",
        "[ -~]{0,16}",
    ]
}

fn param_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "host",
            "access_id",
            "access_key",
            "appid",
            "s3_region",
            "secret_key",
            "sts_token",
            "encrypt_key",
            "ACCESS_KEY",
            "Access_Id",
            "delete_mode",
            "my_access_key",
            ".access_key",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,10}",
    ]
}

fn param_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9+/]{1,24}",
        "[!-~]{0,24}",
        "\\PC{0,8}",
        prop::sample::select(vec![
            "oss-cn-hangzhou.aliyuncs.com",
            "s3.us-east-1.amazonaws.com",
            "https://s3.amazonaws.com",
            "cos.ap-shanghai.myqcloud.com",
            "us-east-1",
            "1250000000",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A URI built from valid-looking parts, then edited.
fn near_uri() -> impl Strategy<Value = String> {
    (
        scheme(),
        uri_path(),
        prop::collection::vec((param_key(), param_value()), 0..7),
        any::<bool>(),
        edits(),
    )
        .prop_map(|(scheme, path, params, question, edits)| {
            let mut text = format!("{scheme}://{path}");
            if question || !params.is_empty() {
                text.push('?');
                let joined: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                text.push_str(&joined.join("&"));
            }
            mutate(&text, &edits)
        })
}

fn is_secret_name(key: &str) -> bool {
    SECRET_PARAMS.contains(&key.to_ascii_lowercase().as_str())
}

fn mentions_a_secret_name(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    SECRET_PARAMS.iter().any(|n| lower.contains(n))
}

/// What every accepted URI keeps: the text as given, one printing (redacted) everywhere,
/// and each credential parameter's whole value, as OceanBase reads it (to the next `&`),
/// replaced by `***`.
fn check_accepted_uri(text: &str, uri: &StorageUri) -> Result<(), TestCaseError> {
    prop_assert_eq!(uri.expose(), text);
    prop_assert!(text.len() <= MAX_URI_LEN);
    let prefix = format!("{}://", uri.kind().scheme());
    prop_assert!(text.starts_with(&prefix));
    prop_assert!(!text
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '\'' | '"' | '`' | ',' | ';' | '\\')));
    let redacted = uri.redacted();
    prop_assert_eq!(uri.to_string(), redacted.clone());
    prop_assert_eq!(format!("{uri:?}"), format!("StorageUri({redacted})"));
    prop_assert_eq!(
        serde_json::to_string(uri).unwrap(),
        serde_json::to_string(&redacted).unwrap()
    );
    prop_assert_eq!(redact(&redacted), redacted.clone(), "redaction is idempotent");
    prop_assert_eq!(StorageUri::parse("x", text), Ok(uri.clone()));

    let (path, query) = text.split_once('?').unwrap_or((text, ""));
    if path.contains('=') {
        // A path may hold `name=` text too; redaction then covers more than the query.
        return Ok(());
    }
    prop_assert_eq!(uri.location(), location(&redacted));
    let (rpath, rquery) = redacted.split_once('?').unwrap_or((&redacted, ""));
    prop_assert_eq!(rpath, path);
    let (raw, shown): (Vec<&str>, Vec<&str>) = (query.split('&').collect(), rquery.split('&').collect());
    prop_assert_eq!(raw.len(), shown.len(), "{} -> {}", text, redacted);
    for (p, r) in raw.iter().zip(&shown) {
        match p.split_once('=') {
            Some((key, _)) if is_secret_name(key) => {
                prop_assert_eq!(*r, format!("{key}=***"), "{} -> {}", text, redacted)
            }
            _ if !mentions_a_secret_name(p) => prop_assert_eq!(r, p),
            _ => {}
        }
    }
    Ok(())
}

fn storage_spec() -> impl Strategy<Value = (StorageSpec, Vec<String>, String)> {
    let kind = prop::sample::select(StorageKind::ALL.to_vec());
    let param = "[A-Za-z0-9._:-]{1,24}";
    (
        kind,
        "[a-z0-9][a-z0-9-]{0,8}(/[A-Za-z0-9_.-]{1,10}){1,3}",
        prop_oneof![
            Just("s3.us-east-1.amazonaws.com".to_owned()),
            Just("oss-cn-hangzhou.aliyuncs.com".to_owned()),
            param.prop_map(String::from)
        ],
        param,
        param,
        param,
        prop::collection::vec("[a-z0-9_-]{1,12}", 0..3),
        // Any printable ASCII: the writer refuses what it must, the rest must stay secret.
        "[!-~]{1,40}",
    )
        .prop_map(|(kind, path, host, region, app_id, access_id, subpath, secret)| {
            let object = kind != StorageKind::File;
            let spec = StorageSpec {
                kind,
                path: if object { path } else { format!("/{path}") },
                host: object.then_some(host),
                region: (kind == StorageKind::S3).then_some(region),
                app_id: (kind == StorageKind::Cos).then_some(app_id),
                access_id: object.then_some(access_id),
                secret_ref: object.then(|| SecretRef::parse("storage-1").unwrap()),
            };
            (spec, subpath, secret)
        })
}

proptest! {
    #![proptest_config(config(20000))]

    #[test]
    fn a_storage_uri_never_panics_and_what_it_accepts_prints_no_credential(
        text in prop_oneof![any::<String>(), "\\PC{0,60}", near_uri()],
    ) {
        if let Ok(uri) = StorageUri::parse("dataUri", &text) {
            check_accepted_uri(&text, &uri)?;
        }
    }
}

proptest! {
    #![proptest_config(config(10000))]

    #[test]
    fn a_refused_storage_uri_names_its_field_and_never_echoes_a_credential(text in near_uri()) {
        if let Err(e) = StorageUri::parse("archiveUri", &text) {
            prop_assert_eq!(e.field, "archiveUri");
            for (k, v) in text.split(['?', '&']).filter_map(|p| p.split_once('=')) {
                if is_secret_name(k) && v.len() >= 4 {
                    prop_assert!(!e.rule.en.contains(v) && !e.rule.zh.contains(v), "{}", e);
                }
            }
        }
    }

    #[test]
    fn a_storage_spec_builds_a_uri_its_parser_accepts_with_the_secret_hidden(
        (spec, subpath, secret) in storage_spec(),
    ) {
        let segments: Vec<&str> = subpath.iter().map(String::as_str).collect();
        let built = spec.uri(&segments, Some(&StorageSecret::new(secret.clone())));
        let plain = secret.chars().all(|c| c.is_ascii_alphanumeric() || "+/=-_.".contains(c));
        match built {
            Ok(uri) => {
                check_accepted_uri(uri.expose(), &uri)?;
                prop_assert_eq!(uri.kind(), spec.kind);
                prop_assert_eq!(uri.location(), spec.location(&segments).unwrap());
                if spec.kind != StorageKind::File {
                    // Sent whole; shown as `***` (checked above, parameter by parameter).
                    let given = format!("access_key={secret}");
                    prop_assert!(uri.expose().contains(&given));
                }
            }
            // A valid spec with a secret of the usual alphabet is never refused; an invalid
            // spec is refused for what validation says.
            Err(e) => match spec.validate() {
                Ok(()) => prop_assert!(!plain, "{:?} refused {}", spec, e),
                Err(invalid) => prop_assert_eq!(e, invalid),
            },
        }
    }

    #[test]
    fn redaction_never_panics_is_idempotent_and_leaves_other_text_alone(text in prop_oneof![any::<String>(), near_uri()]) {
        let r = redact(&text);
        prop_assert_eq!(redact(&r), r.clone());
        if !mentions_a_secret_name(&text) {
            prop_assert_eq!(r, text);
        }
    }
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn redaction_removes_a_planted_credential_in_any_case_and_context(
        prefix in "\\PC{0,20}",
        sep in prop::sample::select(vec!["", " ", "?", "&", "'", "(", "\"", ",", "\n", "日"]),
        name in prop::sample::select(SECRET_PARAMS.to_vec()),
        upper in prop::collection::vec(any::<bool>(), 12),
        secret in "[A-Z0-9+/]{10,30}",
        end in prop::sample::select(vec!["", "&host=h", "'", "\"", ",", " ", ")", "\n"]),
        suffix in "\\PC{0,20}",
    ) {
        let name: String = name
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, u)| if *u { c.to_ascii_uppercase() } else { c })
            .collect();
        // Joined without a name byte before the parameter, as any text puts it.
        let prefix = if sep.is_empty() { String::new() } else { format!("{prefix}{sep}") };
        let text = format!("{prefix}{name}={secret}{end}{suffix}");
        let r = redact(&text);
        prop_assert!(!r.contains(&secret), "{} -> {}", text, r);
        let shown = format!("{name}=***");
        prop_assert!(r.contains(&shown), "{} -> {}", text, r);
    }
}

// ---------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------

fn near_version() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "V", "v", " ", "VV"]),
        prop::collection::vec("[0-9]{1,11}", 1..6),
        prop::option::of("[0-9+]{0,22}"),
        edits(),
    )
        .prop_map(|(prefix, parts, build, edits)| {
            let mut text = format!("{prefix}{}", parts.join("."));
            if let Some(b) = build {
                text.push('-');
                text.push_str(&b);
            }
            mutate(&text, &edits)
        })
}

/// `N.N[.N[.N]][-BUILD]`, digits only: what `Display` writes.
fn is_canonical(text: &str) -> bool {
    let (numbers, build) = text.split_once('-').unwrap_or((text, ""));
    let parts: Vec<&str> = numbers.split('.').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (2..=4).contains(&parts.len()) && parts.iter().all(|p| digits(p)) && (!text.contains('-') || digits(build))
}

proptest! {
    #![proptest_config(config(20000))]

    #[test]
    fn a_version_never_panics_and_what_it_accepts_prints_back_canonically(
        text in prop_oneof![any::<String>(), near_version()],
    ) {
        if let Ok(v) = text.parse::<ObVersion>() {
            let shown = v.to_string();
            prop_assert!(is_canonical(&shown), "{:?} printed as {}", text, shown);
            prop_assert_eq!(shown.parse::<ObVersion>(), Ok(v));
            let json = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(serde_json::from_str::<ObVersion>(&json).unwrap(), v);
            prop_assert!(v.build_time().is_none_or(|t| t < 100_000_000_000_000));
        }
    }

    #[test]
    fn the_tenant_backup_gate_is_monotone_in_build_time(
        a in 0u64..1_000_000_000_000_000_000,
        b in 0u64..1_000_000_000_000_000_000,
        parts in (0u32..6, 0u32..6, 0u32..6),
    ) {
        let v = |build| ObVersion::new(3, 2, 2, 0).with_build(build);
        if let (Some(ta), Some(tb)) = (v(a).build_time(), v(b).build_time()) {
            if ta <= tb {
                prop_assert!(!v(a).supports_tenant_backup() || v(b).supports_tenant_backup());
            }
        }
        // Any other 3.2.2-less or -greater version is decided by its numbers alone.
        let other = ObVersion::new(parts.0, parts.1, parts.2, 0).with_build(a);
        if (parts.0, parts.1, parts.2) != (3, 2, 2) {
            prop_assert_eq!(other.supports_tenant_backup(), (parts.0, parts.1, parts.2) > (3, 2, 2));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Typed times and SCNs
// ---------------------------------------------------------------------------------------

const FIELDS: &[&str] = &["until", "from", "to", "recoveryTime"];

/// `t` as RFC 3339 text at `offset_mins` east of UTC, as precise as it needs.
fn rfc3339(t: i64, offset_mins: i32, z: bool) -> String {
    let offset = FixedOffset::east_opt(offset_mins * 60).unwrap();
    DateTime::from_timestamp_micros(t)
        .unwrap()
        .with_timezone(&offset)
        .to_rfc3339_opts(SecondsFormat::AutoSi, z)
}

fn read_rfc3339(text: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.timestamp_micros())
}

/// 0000-01-02T00:00:00Z and 9999-12-31T00:00:00Z: what RFC 3339 writes in any offset.
const RFC3339_FIRST: i64 = -62_167_132_800_000_000;
const RFC3339_END: i64 = 253_402_214_400_000_000;

proptest! {
    #![proptest_config(config(10000))]

    #[test]
    fn a_typed_time_round_trips_through_rfc3339_in_any_offset(
        t in prop_oneof![
            UtcMicros::TYPED_MIN.0..UtcMicros::TYPED_END.0,
            Just(UtcMicros::TYPED_MIN.0),
            Just(UtcMicros::TYPED_END.0 - 1),
        ],
        offset in -1439i32..=1439,
        z in any::<bool>(),
        field in prop::sample::select(FIELDS.to_vec()),
    ) {
        let text = rfc3339(t, offset, z);
        let back = read_rfc3339(&text);
        prop_assert_eq!(back, Some(t), "{}", text);
        prop_assert_eq!(UtcMicros(t).typed(field), Ok(UtcMicros(t)));
    }

    #[test]
    fn a_time_outside_the_typed_range_is_refused_naming_its_field(
        t in prop_oneof![RFC3339_FIRST..UtcMicros::TYPED_MIN.0, UtcMicros::TYPED_END.0..RFC3339_END],
        offset in -1439i32..=1439,
        field in prop::sample::select(FIELDS.to_vec()),
    ) {
        let text = rfc3339(t, offset, false);
        let back = read_rfc3339(&text).unwrap();
        prop_assert_eq!(back, t);
        let e = UtcMicros(back).typed(field).unwrap_err();
        prop_assert_eq!(e.field, field);
        prop_assert!(e.rule.en.contains("1970") && e.rule.en.contains("2099"), "{}", e);
    }

    #[test]
    fn typed_accepts_exactly_the_range_for_any_instant(t in any::<i64>(), field in prop::sample::select(FIELDS.to_vec())) {
        let inside = (UtcMicros::TYPED_MIN.0..UtcMicros::TYPED_END.0).contains(&t);
        match UtcMicros(t).typed(field) {
            Ok(back) => prop_assert!(inside && back == UtcMicros(t)),
            Err(e) => prop_assert!(!inside && e.field == field),
        }
    }

    #[test]
    fn rfc3339_text_a_user_types_never_panics(text in prop_oneof![
        any::<String>(),
        (0i64..RFC3339_END, -1439i32..=1439, any::<bool>(), edits()).prop_map(|(t, o, z, e)| mutate(&rfc3339(t, o, z), &e)),
    ]) {
        if let Some(t) = read_rfc3339(&text) {
            let _ = UtcMicros(t).typed("until");
            prop_assert!(Scn::from_micros(UtcMicros(t)).0 < Scn::MAX_VALID);
        }
    }

    #[test]
    fn an_instant_becomes_an_scn_monotonically_and_saturating(a in any::<i64>(), b in any::<i64>()) {
        let (sa, sb) = (Scn::from_micros(UtcMicros(a)), Scn::from_micros(UtcMicros(b)));
        prop_assert!(sa.0 < Scn::MAX_VALID && sb.0 < Scn::MAX_VALID);
        if a <= b {
            prop_assert!(sa <= sb, "{} -> {:?}, {} -> {:?}", a, sa, b, sb);
        }
        if a <= 0 {
            prop_assert_eq!(sa, Scn(0));
        }
    }

    #[test]
    fn a_typed_time_survives_the_trip_through_an_scn(t in 1..UtcMicros::TYPED_END.0) {
        prop_assert_eq!(Scn::from_micros(UtcMicros(t)).to_micros(), Some(UtcMicros(t)));
    }

    #[test]
    fn an_scn_reads_as_a_time_monotonically_and_sentinels_as_none(a in any::<u64>(), b in any::<u64>()) {
        let valid = |s: u64| s != 0 && s < Scn::MAX_VALID;
        for s in [a, b] {
            let t = Scn(s).to_micros();
            prop_assert_eq!(t.is_some(), valid(s));
            if let Some(t) = t {
                prop_assert!(t.0 >= 0);
                // Back to nanoseconds: at most the SCN, and less than a microsecond below it.
                let back = Scn::from_micros(t).0;
                prop_assert!(back <= s && s - back < 1_000);
            }
        }
        if valid(a) && valid(b) && a <= b {
            prop_assert!(Scn(a).to_micros() <= Scn(b).to_micros());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------------------

/// Every status type: never fails, keeps the trimmed text, reads its own printing back.
macro_rules! status_round_trips {
    ($text:expr, $($ty:ty),+) => {{
        let text: &str = $text;
        $(
            let s = <$ty>::parse(text);
            prop_assert_eq!(s.as_str(), text.trim());
            prop_assert_eq!(<$ty>::parse(s.as_str()), s.clone());
            let json = serde_json::to_string(&s).unwrap();
            prop_assert_eq!(serde_json::from_str::<$ty>(&json).unwrap(), s.clone());
            if <$ty>::KNOWN.contains(&text.trim()) {
                prop_assert!(!format!("{s:?}").starts_with("Other("), "{:?}", s);
            }
        )+
    }};
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn a_status_is_kept_as_given_and_reads_back(text in prop_oneof![
        any::<String>(),
        "[ \t]{0,2}[A-Z_]{0,16}[ \t]{0,2}",
        prop::sample::select(
            [BackupJobStatus::KNOWN, RestoreStatus::KNOWN, ArchiveStatus::KNOWN, FileStatus::KNOWN].concat()
        ).prop_map(|s| format!(" {s}\n")),
    ]) {
        status_round_trips!(&text, BackupJobStatus, BackupType, BackupTaskStatus, BackupSetStatus,
            FileStatus, ArchiveStatus, PieceStatus, RestoreStatus);
    }
}

// ---------------------------------------------------------------------------------------
// History import files
// ---------------------------------------------------------------------------------------

/// 2000-01-01 to 2100-01-01: the times an import takes.
const IMPORT_TIMES: std::ops::Range<i64> = 946_684_800_000_000..4_102_444_800_000_000;
const MARKUP: &[&str] = &["<script", "javascript:", "<iframe", "onerror=", "onload="];

/// The import's documented rule for text: bounded, printable (no controls, no invisible
/// format characters that reorder or hide text), no markup (whitespace before `=` does not
/// hide an attribute), no credential.
fn text_ok(s: &str) -> bool {
    let hidden =
        |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    let mut tight = String::new();
    for c in s.to_ascii_lowercase().chars() {
        if c == '=' {
            while tight.ends_with(char::is_whitespace) {
                tight.pop();
            }
        }
        tight.push(c);
    }
    s.chars().count() <= MAX_TEXT
        && !s
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || hidden(c))
        && !MARKUP.iter().any(|m| tight.contains(m))
        && redact(s) == s
}

/// Text a cluster's row carries after the connector: printable, redacted.
fn row_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\\PC\n\t]{0,30}",
        1 => Just(String::new()),
        1 => near_uri().prop_map(|u| redact(&u)),
        1 => Just("é".repeat(MAX_TEXT)),
    ]
    .prop_filter("a text the import takes", |s| text_ok(s))
}

fn span() -> impl Strategy<Value = (Option<UtcMicros>, Option<UtcMicros>)> {
    (prop::option::of(IMPORT_TIMES), prop::option::of(0i64..10_000_000_000)).prop_map(|(start, len)| {
        let end = match (start, len) {
            (Some(s), Some(l)) => Some(UtcMicros((s + l).min(IMPORT_TIMES.end - 1))),
            (None, Some(l)) => Some(UtcMicros(IMPORT_TIMES.start + l)),
            _ => None,
        };
        (start.map(UtcMicros), end)
    })
}

fn status_text<T: 'static + Clone + std::fmt::Debug>(
    known: &'static [&'static str],
    parse: fn(&str) -> T,
) -> impl Strategy<Value = T> {
    prop_oneof![
        prop::sample::select(known.to_vec()).prop_map(parse),
        "[A-Z_]{0,12}".prop_map(move |s| parse(&s)),
    ]
}

fn cluster_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["sandbox-hz", "prod-a", "c"]).prop_map(str::to_owned),
        "[A-Za-z0-9._-]{1,64}",
    ]
}

fn backup_job() -> impl Strategy<Value = (String, BackupJob)> {
    (
        (
            cluster_name(),
            0i64..3,
            0i64..6,
            any::<i64>(),
            any::<i64>(),
            any::<bool>(),
        ),
        (
            status_text(BackupType::KNOWN, BackupType::parse),
            row_text(),
            row_text(),
            span(),
            status_text(BackupJobStatus::KNOWN, BackupJobStatus::parse),
            any::<i64>(),
        ),
        (row_text(), row_text(), row_text()),
    )
        .prop_map(
            |(
                (cluster, tenant_id, job_id, incarnation, backup_set_id, plus_archivelog),
                (backup_type, job_level, encryption_mode, (start, end), status, result),
                (comment, description, path),
            )| {
                let job = BackupJob {
                    tenant_id,
                    job_id,
                    incarnation,
                    backup_set_id,
                    plus_archivelog,
                    backup_type,
                    job_level,
                    encryption_mode,
                    start,
                    end,
                    status,
                    result,
                    comment,
                    description,
                    path,
                };
                (cluster, job)
            },
        )
}

fn restore_job() -> impl Strategy<Value = (String, RestoreJob)> {
    (
        (
            cluster_name(),
            0i64..3,
            0i64..6,
            row_text(),
            row_text(),
            row_text(),
            row_text(),
        ),
        (
            row_text(),
            any::<u64>(),
            status_text(RestoreStatus::KNOWN, RestoreStatus::parse),
            row_text(),
            span(),
            row_text(),
            row_text(),
        ),
        (
            prop::array::uniform6(any::<u64>()),
            row_text(),
            row_text(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (cluster, tenant_id, job_id, restore_tenant_name, backup_tenant_name, backup_cluster_name, backup_dest),
                (restore_option, scn, status, phase, (start, finish), backup_set_list, backup_piece_list),
                (counts, comment, description, running),
            )| {
                let job = RestoreJob {
                    tenant_id,
                    job_id,
                    restore_tenant_name,
                    backup_tenant_name,
                    backup_cluster_name,
                    backup_dest,
                    restore_option,
                    restore_scn: Scn(scn),
                    status,
                    phase,
                    start,
                    finish,
                    backup_set_list,
                    backup_piece_list,
                    total_bytes: counts[0],
                    finish_bytes: counts[1],
                    ls_count: counts[2],
                    finish_ls_count: counts[3],
                    tablet_count: counts[4],
                    finish_tablet_count: counts[5],
                    comment,
                    description,
                    running,
                };
                (cluster, job)
            },
        )
}

const ZONES: &[&str] = &[
    "Asia/Shanghai",
    "UTC",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Mars/Olympus",
    "",
];

/// An export as the desk writes it: rows unique by cluster, tenant and job.
fn export() -> impl Strategy<Value = HistoryExport> {
    (
        IMPORT_TIMES,
        prop::sample::select(ZONES.to_vec()),
        prop::collection::vec(backup_job(), 0..6),
        prop::collection::vec(restore_job(), 0..6),
    )
        .prop_map(|(now, zone, backups, restores)| {
            let mut seen = HashSet::new();
            let backups: Vec<_> = backups
                .into_iter()
                .filter(|(c, j)| seen.insert((c.clone(), j.tenant_id, j.job_id)))
                .collect();
            seen.clear();
            let restores: Vec<_> = restores
                .into_iter()
                .filter(|(c, j)| seen.insert((c.clone(), j.tenant_id, j.job_id)))
                .collect();
            HistoryExport::new(UtcMicros(now), zone, backups, restores)
        })
}

/// Every text field of a restore row the import checks.
fn restore_texts(j: &RestoreJob) -> Vec<(&'static str, &str)> {
    vec![
        ("restoreTenantName", j.restore_tenant_name.as_str()),
        ("backupTenantName", j.backup_tenant_name.as_str()),
        ("backupClusterName", j.backup_cluster_name.as_str()),
        ("backupDest", j.backup_dest.as_str()),
        ("restoreOption", j.restore_option.as_str()),
        ("backupSetList", j.backup_set_list.as_str()),
        ("backupPieceList", j.backup_piece_list.as_str()),
        ("comment", j.comment.as_str()),
        ("description", j.description.as_str()),
        ("status", j.status.as_str()),
        ("phase", j.phase.as_str()),
    ]
}

fn backup_texts(j: &BackupJob) -> Vec<(&'static str, &str)> {
    vec![
        ("comment", j.comment.as_str()),
        ("description", j.description.as_str()),
        ("path", j.path.as_str()),
        ("jobLevel", j.job_level.as_str()),
        ("encryptionMode", j.encryption_mode.as_str()),
        ("status", j.status.as_str()),
        ("backupType", j.backup_type.as_str()),
    ]
}

/// What any accepted file holds, whatever it was: the documented rules of an import.
fn check_accepted_file(f: &HistoryExport) -> Result<(), TestCaseError> {
    prop_assert_eq!(f.format.as_str(), HISTORY_FORMAT);
    prop_assert_eq!(f.version, HISTORY_VERSION);
    let cluster_ok =
        |c: &str| !c.is_empty() && c.len() <= 64 && c.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let span_ok = |s: Option<UtcMicros>, e: Option<UtcMicros>| {
        [s, e].into_iter().flatten().all(|t| IMPORT_TIMES.contains(&t.0))
            && !matches!((s, e), (Some(s), Some(e)) if e < s)
    };
    let mut seen = HashSet::new();
    for r in &f.backup_jobs {
        prop_assert!(cluster_ok(&r.cluster), "{:?}", r.cluster);
        for (field, v) in backup_texts(&r.job) {
            prop_assert!(text_ok(v), "backup {} {:?}", field, v);
        }
        prop_assert!(span_ok(r.job.start, r.job.end), "{:?}", r.job);
        prop_assert!(
            seen.insert((&r.cluster, r.job.tenant_id, r.job.job_id)),
            "duplicate {:?}",
            r.job
        );
    }
    seen.clear();
    for r in &f.restore_jobs {
        prop_assert!(cluster_ok(&r.cluster), "{:?}", r.cluster);
        for (field, v) in restore_texts(&r.job) {
            prop_assert!(text_ok(v), "restore {} {:?}", field, v);
        }
        prop_assert!(span_ok(r.job.start, r.job.finish), "{:?}", r.job);
        prop_assert!(
            seen.insert((&r.cluster, r.job.tenant_id, r.job.job_id)),
            "duplicate {:?}",
            r.job
        );
    }
    Ok(())
}

/// A JSON value that tests a reader: wrong types, extremes, hostile and huge text.
fn hostile_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(-1)),
        Just(Value::from(2)),
        any::<String>().prop_map(Value::from),
        prop::sample::select(vec![
            "<script>alert(1)</script>",
            "javascript:x",
            "access_key=LEAKED",
            "oss://b/p?host=h&ACCESS_ID=LEAKED",
            "a\u{0}b",
            "a\rb",
            "",
            "FAILED",
            HISTORY_FORMAT,
            "sandbox hz",
        ])
        .prop_map(Value::from),
        Just(Value::from("x".repeat(MAX_TEXT + 1))),
        Just(Value::Array(vec![])),
        Just(Value::Object(Default::default())),
    ]
}

/// Every JSON pointer in `v`, containers included.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// `file` with one change per edit: a value replaced, a key dropped, or a row repeated.
fn edit_json(file: &HistoryExport, edits: &[(Index, u8, Value)]) -> Vec<u8> {
    let mut v = serde_json::to_value(file).unwrap();
    for (at, op, with) in edits {
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let p = at.get(&all).clone();
        let (parent, key) = p.rsplit_once('/').unwrap_or(("", ""));
        match op % 4 {
            0 | 1 => {
                if let Some(slot) = v.pointer_mut(&p) {
                    *slot = with.clone();
                }
            }
            2 => match v.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(a)) if !a.is_empty() => {
                    a.remove(key.parse::<usize>().unwrap_or(0).min(a.len() - 1));
                }
                _ => {}
            },
            _ => {
                if let Some(Value::Array(a)) = v.pointer_mut(parent) {
                    if let Some(row) = a.first().cloned() {
                        a.push(row);
                    }
                }
            }
        }
    }
    serde_json::to_vec(&v).unwrap()
}

/// `bytes` with bytes replaced, inserted or removed.
fn edit_bytes(bytes: &[u8], edits: &[(Index, u8, u8)]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for (at, op, with) in edits {
        if b.is_empty() {
            b.push(*with);
            continue;
        }
        let i = at.index(b.len());
        match op % 4 {
            0 => b[i] = *with,
            1 => b.insert(i, *with),
            2 => {
                b.remove(i);
            }
            _ => b.truncate(i),
        }
    }
    b
}

proptest! {
    #![proptest_config(config(450))]

    #[test]
    fn an_export_reads_back_as_written(file in export(), pretty in any::<bool>()) {
        let bytes = if pretty { serde_json::to_vec_pretty(&file) } else { serde_json::to_vec(&file) }.unwrap();
        let back = parse_history(&bytes);
        prop_assert_eq!(back.as_ref(), Ok(&file));
        check_accepted_file(back.as_ref().unwrap())?;
    }

    #[test]
    fn an_export_as_csv_reads_back_row_by_row(file in export()) {
        let bytes = to_csv(&file);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        prop_assert_eq!(reader.headers().unwrap().len(), 13);
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(rows.len(), file.backup_jobs.len() + file.restore_jobs.len());
        let written = file
            .backup_jobs
            .iter()
            .map(|r| ("backup", &r.cluster, r.job.tenant_id, r.job.job_id, r.job.status.as_str(), &r.job.comment, &r.job.path))
            .chain(file.restore_jobs.iter().map(|r| {
                ("restore", &r.cluster, r.job.tenant_id, r.job.job_id, r.job.status.as_str(), &r.job.comment, &r.job.backup_dest)
            }));
        for (row, (kind, cluster, tenant, job, status, comment, storage)) in rows.iter().zip(written) {
            prop_assert_eq!(&row[0], kind);
            prop_assert_eq!(&row[1], cluster.as_str());
            prop_assert_eq!(&row[2], tenant.to_string());
            prop_assert_eq!(&row[3], job.to_string());
            prop_assert_eq!(&row[6], status);
            prop_assert_eq!(&row[11], comment.as_str());
            prop_assert_eq!(&row[12], storage.as_str());
        }
    }

    #[test]
    fn an_edited_export_is_refused_or_keeps_every_rule(
        file in export(),
        edits in prop::collection::vec((any::<Index>(), any::<u8>(), hostile_leaf()), 1..4),
    ) {
        if let Ok(back) = parse_history(&edit_json(&file, &edits)) {
            check_accepted_file(&back)?;
        }
    }

    #[test]
    fn a_damaged_export_never_panics(
        file in export(),
        edits in prop::collection::vec((any::<Index>(), any::<u8>(), any::<u8>()), 1..6),
    ) {
        let bytes = edit_bytes(&serde_json::to_vec_pretty(&file).unwrap(), &edits);
        if let Ok(back) = parse_history(&bytes) {
            check_accepted_file(&back)?;
        }
    }
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn any_bytes_are_refused_without_a_panic(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        any::<String>().prop_map(String::into_bytes),
    ]) {
        // Not one of these is an export: at least `format` is missing.
        let e = parse_history(&bytes).unwrap_err();
        prop_assert!(["file", "format", "version"].contains(&e.place.as_str()), "{}", e);
    }
}
