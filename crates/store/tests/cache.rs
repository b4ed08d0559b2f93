//! The cache as the app opens it: on real files in a temp dir.

use std::fs;
use std::path::{Path, PathBuf};

use desk_model::TenantRecord;
use desk_model::{ClusterId, ObVersion, UtcMicros};
use desk_store::{Access, NewCluster, Store, StoreError, CACHE_FILE_NAME};

fn cache_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join(CACHE_FILE_NAME)
}

fn tenant(id: i64, name: &str) -> TenantRecord {
    TenantRecord {
        ob_tenant_id: id,
        name: name.into(),
        tenant_type: "USER".into(),
        status: "NORMAL".into(),
        role: "PRIMARY".into(),
        log_mode: "ARCHIVELOG".into(),
        unit_num: 1,
    }
}

fn prod_hz(store: &mut Store) -> ClusterId {
    store
        .upsert_cluster(&NewCluster {
            name: "prod-hz".into(),
            host: "10.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap()
}

fn seed(path: &Path) -> ClusterId {
    let (mut store, _) = Store::open(path).unwrap();
    let id = prod_hz(&mut store);
    store
        .replace_tenants(id, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    id
}

#[test]
fn a_fresh_cache_is_created_in_wal_mode_and_keeps_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    let id = seed(&path);

    let (mut store, report) = Store::open(&path).unwrap();
    assert_eq!(report.access, Access::ReadWrite);
    assert_eq!(report.set_aside, None);
    let mode: String = store_pragma(&path, "journal_mode");
    assert_eq!(mode, "wal");

    let clusters = store.clusters().unwrap();
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].name, "prod-hz");
    assert_eq!(clusters[0].tenant_count, 2);
    assert_eq!(clusters[0].last_synced_at, None);

    let v: ObVersion = "4.3.5.3".parse().unwrap();
    store
        .record_sync_success(id, Some(&v), UtcMicros(1_700_000_000_000_000))
        .unwrap();
    let c = store.cluster(id).unwrap();
    assert_eq!(c.version, Some(v));
    assert_eq!(c.last_synced_at, Some(UtcMicros(1_700_000_000_000_000)));

    let names: Vec<String> = store
        .tenants(Some(id))
        .unwrap()
        .into_iter()
        .map(|t| t.record.name)
        .collect();
    assert_eq!(names, ["billing", "trade"]);
}

fn store_pragma(path: &Path, name: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

#[test]
fn a_new_cache_has_8_kib_pages_and_an_existing_one_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = cache_in(&dir);
    drop(Store::open(&fresh).unwrap());
    let conn = rusqlite::Connection::open(&fresh).unwrap();
    let size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap();
    assert_eq!(size, 8192);

    // A cache made with SQLite's default pages opens, migrates and keeps them.
    let old = dir.path().join("old.sqlite3");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t;")
        .unwrap();
    let (mut store, _) = Store::open(&old).unwrap();
    store
        .upsert_cluster(&NewCluster {
            name: "c".into(),
            host: "h".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&old).unwrap();
    let size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap();
    assert_eq!(size, 4096);
}

#[test]
fn a_cache_from_a_newer_desk_is_readable_but_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    seed(&path);
    let current = Store::open(&path).unwrap().0.schema_version().unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", current + 3)
        .unwrap();

    let (mut store, report) = Store::open(&path).unwrap();
    assert_eq!(
        report.access,
        Access::ReadOnlyNewerSchema {
            found: current + 3,
            supported: current
        }
    );
    assert_eq!(store.clusters().unwrap().len(), 1, "pages still read the cache");

    let err = store
        .upsert_cluster(&NewCluster {
            name: "other".into(),
            host: "h".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("newer OB Backup Desk") && msg.contains("read-only"),
        "{msg}"
    );
    // Nothing was written and the schema number was not touched.
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, current + 3);
    drop(store);
    assert_eq!(Store::open(&path).unwrap().0.clusters().unwrap().len(), 1);
}

#[test]
fn a_file_that_is_not_sqlite_is_set_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    fs::write(&path, b"this is not a database, it is a shopping list\n".repeat(200)).unwrap();

    let (mut store, report) = Store::open(&path).unwrap();
    let aside = report.set_aside.expect("the damaged file is set aside");
    assert!(aside
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("cache.sqlite3.damaged-"));
    assert!(
        fs::read(&aside).unwrap().starts_with(b"this is not a database"),
        "the old bytes are kept"
    );
    assert!(report.damage.unwrap().contains("not a database"));
    assert_eq!(report.access, Access::ReadWrite);
    assert!(store.clusters().unwrap().is_empty());
    store
        .upsert_cluster(&NewCluster {
            name: "x".into(),
            host: "h".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
}

#[test]
fn a_file_failing_quick_check_is_set_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=DELETE; CREATE TABLE filler(x TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
             INSERT INTO filler SELECT printf('%0200d', i) FROM n;",
        )
        .unwrap();
    }
    // Overwrite the middle of the file (b-tree pages, not the header).
    let mut bytes = fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();

    let (store, report) = Store::open(&path).unwrap();
    assert!(report.set_aside.is_some(), "report: {report:?}");
    assert!(store.clusters().unwrap().is_empty());
}

#[test]
fn a_cache_locked_by_another_process_is_never_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    seed(&path);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.pragma_update(None, "locking_mode", "EXCLUSIVE").unwrap();
    holder
        .execute_batch("BEGIN EXCLUSIVE; UPDATE clusters SET host = host;")
        .unwrap();

    let result = Store::open(&path);
    assert!(result.is_err(), "a busy cache is an error, not damage");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("damaged"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_sync_replaces_the_tenant_list_keeping_ids() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store
        .upsert_cluster(&NewCluster {
            name: "c".into(),
            host: "h".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    store
        .replace_tenants(c, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    let trade_id = store
        .tenants(Some(c))
        .unwrap()
        .into_iter()
        .find(|t| t.record.name == "trade")
        .unwrap()
        .id;

    let mut renamed = tenant(1002, "trade");
    renamed.log_mode = "NOARCHIVELOG".into();
    store.replace_tenants(c, &[renamed, tenant(1006, "audit")]).unwrap();

    let tenants = store.tenants(Some(c)).unwrap();
    let names: Vec<&str> = tenants.iter().map(|t| t.record.name.as_str()).collect();
    assert_eq!(names, ["audit", "trade"]);
    let trade = store.tenant(trade_id).unwrap();
    assert_eq!(trade.record.log_mode, "NOARCHIVELOG");
    assert_eq!(trade.cluster_name, "c");
}

#[test]
fn bad_cluster_input_is_refused_naming_the_field_and_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let err = store
        .upsert_cluster(&NewCluster {
            name: " ".into(),
            host: "h".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "name", .. }));
    let err = store
        .upsert_cluster(&NewCluster {
            name: "c".into(),
            host: "h".into(),
            port: 0,
            sandbox: false,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "port", .. }));
    assert!(store.clusters().unwrap().is_empty());
    assert!(matches!(
        store.replace_tenants(ClusterId(42), &[tenant(1, "t")]),
        Err(StoreError::NotFound {
            what: "cluster",
            id: 42
        })
    ));
}

#[test]
fn sandbox_clusters_are_marked_and_removed_together_with_their_tenants() {
    let mut store = Store::open_in_memory().unwrap();
    let real = store
        .upsert_cluster(&NewCluster {
            name: "prod".into(),
            host: "10.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    let emu = store
        .upsert_cluster(&NewCluster {
            name: "sandbox-hz".into(),
            host: "127.0.0.1".into(),
            port: 40001,
            sandbox: true,
        })
        .unwrap();
    store.replace_tenants(real, &[tenant(1002, "trade")]).unwrap();
    store
        .replace_tenants(emu, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    assert!(store.cluster(emu).unwrap().sandbox);
    assert!(!store.cluster(real).unwrap().sandbox);

    // A new sandbox run gets a new port: the same row follows it.
    let again = store
        .upsert_cluster(&NewCluster {
            name: "sandbox-hz".into(),
            host: "127.0.0.1".into(),
            port: 40999,
            sandbox: true,
        })
        .unwrap();
    assert_eq!(again, emu);
    assert_eq!(store.cluster(emu).unwrap().port, 40999);

    assert_eq!(store.remove_sandbox_clusters().unwrap(), 1);
    let names: Vec<String> = store.clusters().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["prod"]);
    assert_eq!(
        store.tenants(None).unwrap().len(),
        1,
        "the sandbox's tenants went with it"
    );
}

#[test]
fn a_written_sync_pass_reaches_the_cache_file_itself_without_the_writer_checkpointing() {
    use desk_store::SyncPass;
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    let (mut store, _) = Store::open(&path).unwrap();
    let id = prod_hz(&mut store);
    let tenants: Vec<TenantRecord> = (0..500).map(|i| tenant(1002 + 2 * i, &format!("t{i:03}"))).collect();
    let pass = SyncPass {
        version: None,
        tenants: &tenants,
        history: Default::default(),
        archive: &[],
        destinations: &[],
        policies: &[],
        tasks: &[],
        history_since: None,
        full_read: true,
        at: UtcMicros(5_000),
    };
    assert!(store.record_sync_pass(id, &pass).unwrap() > 0);

    // The store stays open (no checkpoint on close); the file alone, without its
    // WAL, must come to hold the pass: the desk's own thread copied it there.
    let copy = dir.path().join("copy.sqlite3");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        fs::copy(&path, &copy).unwrap();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM tenants", [], |r| r.get(0))
            .unwrap_or(0);
        if n == 500 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the file holds {n} of 500 tenants"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // And the writer still reads and writes as before.
    assert_eq!(store.tenants(Some(id)).unwrap().len(), 500);
    drop(store);
}

#[test]
fn a_replacement_is_remembered_until_the_app_has_told_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    fs::write(&path, b"garbled\n".repeat(500)).unwrap();

    // The first opener (the CLI, say) replaces it and knows it did.
    let (_, first) = Store::open(&path).unwrap();
    assert!(first.replaced_now);
    let aside = first.set_aside.clone().unwrap();

    // The next opener (the app) still learns of it, with where the old file is.
    let (store, next) = Store::open(&path).unwrap();
    assert!(!next.replaced_now);
    assert_eq!(next.set_aside.as_deref(), Some(aside.as_path()));
    assert!(next.damage.unwrap().contains("not a database"));

    // Once told, it is not said again.
    store.replacement_told();
    let (_, later) = Store::open(&path).unwrap();
    assert_eq!(later.set_aside, None);
    assert!(!later.replaced_now);
}

#[test]
fn a_read_only_cache_file_is_read_and_every_write_is_refused_as_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    seed(&path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();

    let (mut store, report) = Store::open(&path).unwrap();
    assert_eq!(report.access, Access::ReadOnlyFile);
    assert_eq!(store.clusters().unwrap().len(), 1, "what it holds is shown");
    let err = store
        .upsert_cluster(&NewCluster {
            name: "another".into(),
            host: "10.0.0.2".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnlyFile { .. }), "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
    drop(store);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let (store, report) = Store::open(&path).unwrap();
    assert_eq!(report.access, Access::ReadWrite);
    assert_eq!(store.clusters().unwrap().len(), 1, "nothing was written");
}

#[test]
fn a_cache_that_cannot_be_opened_is_an_error_naming_it_and_is_not_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    // Unreadable as a database whoever runs the test (root reads any file).
    fs::create_dir(&path).unwrap();
    let err = Store::open(&path).err().expect("a folder is no cache");
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert!(path.is_dir(), "left where it was");
}

#[test]
fn the_change_feed_moves_once_per_committed_write_and_not_for_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    let (mut store, _) = Store::open(&path).unwrap();
    let mut feed = store.changes();
    assert!(!feed.has_changed().unwrap(), "opening (and migrating) is no change");
    let id = prod_hz(&mut store);
    assert!(feed.has_changed().unwrap(), "an added cluster is a change");
    feed.borrow_and_update();
    store.clusters().unwrap();
    store.tenants(Some(id)).unwrap();
    assert!(!feed.has_changed().unwrap(), "reads are no change");
    store
        .replace_tenants(id, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    assert!(feed.has_changed().unwrap(), "a sync's write is a change");
}

/// A reader beside the writer sees each commit, learns of other connections' commits by
/// `data_version`, and refuses writes.
#[test]
fn a_reader_sees_commits_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = cache_in(&dir);
    let (mut writer, _) = Store::open(&path).unwrap();
    let reader = Store::open_reader(&path).unwrap();
    assert_eq!(reader.access(), Access::Reader);
    let before = reader.data_version().unwrap();
    let id = prod_hz(&mut writer);
    assert_ne!(reader.data_version().unwrap(), before, "a commit moves data_version");
    assert_eq!(reader.cluster(id).unwrap().name, "prod-hz");
    let mut reader = reader;
    let refused = reader.upsert_cluster(&NewCluster {
        name: "x".into(),
        host: "h".into(),
        port: 1,
        sandbox: false,
    });
    assert!(matches!(refused, Err(StoreError::WriteOnReader)), "{refused:?}");
}
