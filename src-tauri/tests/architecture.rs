//! The invariants of ARCHITECTURE.md that can be checked by reading the code.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

fn sources(dir: &str, exts: &[&str]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if exts.iter().any(|e| path.extension().is_some_and(|x| x == *e)) {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

fn check_absent(dir: &str, exts: &[&str], forbidden: &[&str], why: &str) {
    for (path, text) in sources(dir, exts) {
        // Test modules may use what the code under test must not.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for f in forbidden {
            assert!(!code.contains(f), "{} contains {f:?}: {why}", path.display());
        }
    }
}

#[test]
fn model_does_no_io_and_reads_no_clock() {
    check_absent(
        "crates/model/src",
        &["rs"],
        &[
            "std::fs",
            "std::net",
            "SystemTime",
            "Instant::now",
            "Utc::now",
            "Local::now",
            "tokio",
            "std::env",
        ],
        "desk-model is pure: time and data are passed in",
    );
}

#[test]
fn the_shell_writes_no_sql() {
    check_absent(
        "src-tauri/src",
        &["rs"],
        &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "rusqlite"],
        "the shell calls desk-store; SQL for the cache lives there",
    );
}

#[test]
fn the_engine_writes_no_sql() {
    check_absent(
        "crates/engine/src",
        &["rs"],
        &[
            "SELECT ",
            "INSERT ",
            "UPDATE ",
            "DELETE ",
            "ALTER SYSTEM",
            "rusqlite",
            "mysql_async",
        ],
        "the engine calls desk-oceanbase for clusters and desk-store for the cache",
    );
}

#[test]
fn the_ui_calls_the_shell_only_through_the_typed_client() {
    for (path, text) in sources("ui/src", &["ts", "tsx"]) {
        // The generated bindings import Channel's type only, for streaming commands.
        if path.ends_with("ipc/client.ts")
            || path.ends_with("ipc/bindings.ts")
            || path.to_string_lossy().contains(".test.")
            || path.ends_with("test/setup.ts")
        {
            continue;
        }
        assert!(
            !text.contains("@tauri-apps/api/core"),
            "{} invokes commands directly: use `call` from ipc/client.ts, typed by the generated bindings",
            path.display()
        );
    }
}

/// The emulator is an independent witness of OceanBase: it shares no code with the desk,
/// so the two cannot agree by sharing a mistake.
#[test]
fn the_emulator_shares_no_code_with_the_desk() {
    let manifest = std::fs::read_to_string(root().join("crates/emulator/Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dev-dependencies]").next().unwrap();
    for desk in ["desk-model", "desk-oceanbase", "desk-store", "desk-engine"] {
        assert!(
            !manifest.contains(desk),
            "crates/emulator/Cargo.toml names {desk}: the emulator is written from OceanBase's source, not ours"
        );
    }
    assert!(dependencies.contains("opensrv-mysql"), "{dependencies}");
    check_absent(
        "crates/emulator/src",
        &["rs"],
        &["desk_model", "desk_oceanbase", "desk_store", "desk_engine"],
        "the emulator is an independent witness",
    );
}
