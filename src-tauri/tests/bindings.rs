//! Fails when `ui/src/ipc/bindings.ts` is not what the Rust types generate.
//! `UPDATE_BINDINGS=1 cargo test -p ob-backup-desk --test bindings` rewrites it.

use std::path::PathBuf;

use ob_backup_desk::bindings::{render, BINDINGS_PATH};

#[test]
fn generated_typescript_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(BINDINGS_PATH);
    let expected = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p ob-backup-desk --test bindings` and commit it"
    );
}
