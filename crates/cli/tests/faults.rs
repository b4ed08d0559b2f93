//! The `desk` binary when things are wrong: a damaged, read-only or unusable cache, and
//! refusals that must name the flag the user typed and send nothing.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use desk_store::{NewCluster, Store, CACHE_FILE_NAME};

mod common;

fn desk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("DESK_TEST_PASSWORD", "s3cret pw")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn cache_with_a_cluster(dir: &Path, port: u16) {
    let (mut store, _) = Store::open(&dir.join(CACHE_FILE_NAME)).unwrap();
    store
        .upsert_cluster(&NewCluster {
            name: "prod-hz".into(),
            host: "127.0.0.1".into(),
            port,
            sandbox: false,
        })
        .unwrap();
}

#[test]
fn a_damaged_cache_is_replaced_aloud_and_the_note_waits_for_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join(CACHE_FILE_NAME);
    std::fs::write(&cache, b"truncated garbage\n".repeat(300)).unwrap();

    let out = desk(dir.path(), &["tenants"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("was damaged"), "{said}");
    assert!(said.contains(".damaged-"), "names where the old file is: {said}");
    assert!(said.contains("desk sync"), "says how to fill it again: {said}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("cache.sqlite3.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the old bytes are kept: {aside:?}");

    // Said once here; the note stays for the app to show on its next start.
    let again = desk(dir.path(), &["tenants"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(!stderr(&again).contains("damaged"), "{}", stderr(&again));
    let (_, report) = Store::open(&cache).unwrap();
    assert!(report.set_aside.is_some(), "the app would still be told");
}

#[test]
fn a_read_only_cache_is_listed_and_a_sync_is_refused_as_read_only() {
    let dir = tempfile::tempdir().unwrap();
    cache_with_a_cluster(dir.path(), 1);
    let cache = dir.path().join(CACHE_FILE_NAME);
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o444)).unwrap();

    let listed = desk(dir.path(), &["tenants"]);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));

    let out = desk(
        dir.path(),
        &["sync", "--host", "127.0.0.1", "--port", "2", "--cluster", "new-one"],
    );
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert!(stderr(&out).contains(&cache.display().to_string()), "{}", stderr(&out));
}

#[test]
fn an_unusable_cache_exits_6_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join(CACHE_FILE_NAME);
    // A folder where the file should be: unreadable as a database even for root.
    std::fs::create_dir(&cache).unwrap();
    let out = desk(dir.path(), &["tenants"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains(&cache.display().to_string()), "{}", stderr(&out));
    assert!(cache.is_dir(), "nothing was moved");
}

/// Bad input to an action is refused before the cluster is reached (nothing listens on the
/// cached port, so an attempt would exit 4), naming the flag as typed.
#[test]
fn refusals_name_the_flag_as_typed_and_send_nothing() {
    let dir = tempfile::tempdir().unwrap();
    cache_with_a_cluster(dir.path(), 1);
    let restore = |extra: &[&str]| {
        let mut args = vec!["restore", "--cluster", "prod-hz", "--tenant", "trade"];
        args.extend_from_slice(extra);
        desk(dir.path(), &args)
    };
    let cases: Vec<(Output, &str)> = vec![
        (
            restore(&["--target-tenant", "bad-name!", "--zone", "z1"]),
            "--target-tenant",
        ),
        (restore(&["--target-tenant", "sys", "--zone", "z1"]), "--target-tenant"),
        (
            restore(&["--target-tenant", &"t".repeat(200), "--zone", "z1"]),
            "--target-tenant",
        ),
        (restore(&["--target-tenant", "t2", "--zone", "z 1"]), "--zone"),
        (
            restore(&["--target-tenant", "t2", "--zone", "z1", "--unit-memory-gib", "0"]),
            "--unit-memory-gib",
        ),
        (
            restore(&["--target-tenant", "t2", "--zone", "z1", "--unit-cpu", "0"]),
            "--unit-cpu",
        ),
        (
            restore(&["--target-tenant", "t2", "--zone", "z1", "--unit-num", "0"]),
            "--unit-num",
        ),
        (
            restore(&[
                "--target-tenant",
                "t2",
                "--zone",
                "z1",
                "--until",
                "2611-01-01T00:00:00Z",
            ]),
            "--until",
        ),
        (
            desk(
                dir.path(),
                &[
                    "restore",
                    "--cluster",
                    "prod-hz",
                    "--tenant",
                    "a b",
                    "--target-tenant",
                    "t2",
                    "--zone",
                    "z1",
                ],
            ),
            "--tenant",
        ),
        (
            desk(dir.path(), &["backup", "--cluster", "prod-hz", "--tenant", "x;drop"]),
            "--tenant",
        ),
        (
            desk(
                dir.path(),
                &["cancel", "--cluster", "prod-hz", "backup", "--tenant", "x y"],
            ),
            "--tenant",
        ),
    ];
    for (out, flag) in cases {
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{flag}: {said}");
        assert!(said.starts_with(&format!("desk: {flag}: ")), "{flag}: {said}");
        // Neither the engine's names nor a connection attempt.
        for internal in [
            "targetTenant",
            "sourceTenant",
            "unitMemory",
            "unitCpu",
            "unitNum",
            "zones:",
            "Connection",
        ] {
            assert!(!said.contains(internal), "{flag}: {internal} in {said}");
        }
    }
}

#[test]
fn cancelling_a_restore_that_does_not_exist_is_not_found() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = common::emulated(&runtime, ob_emulator::Release::V4_3_5_CE, true, None);
    let dir = tempfile::tempdir().unwrap();
    cache_with_a_cluster(dir.path(), emulator.addr().port());
    let out = desk(
        dir.path(),
        &[
            "cancel",
            "--cluster",
            "prod-hz",
            "--password-env",
            "DESK_TEST_PASSWORD",
            "restore",
            "--job",
            "999",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("restore job 999 is not on this cluster"),
        "{}",
        stderr(&out)
    );
    assert!(
        !emulator
            .statement_log()
            .iter()
            .any(|s| s.contains("CANCEL") || s.contains("DROP")),
        "nothing was sent to cancel"
    );
}
