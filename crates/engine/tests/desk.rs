//! The desk as one service: pages read beside the writer, and what another process
//! (the CLI) commits reaches the change feed the app's pages and scheduler follow.

use std::sync::Arc;
use std::time::Duration;

use desk_engine::Desk;
use desk_store::{NewCluster, Store, CACHE_FILE_NAME};

fn cluster(name: &str) -> NewCluster {
    NewCluster {
        name: name.into(),
        host: "127.0.0.1".into(),
        port: 2881,
        sandbox: false,
    }
}

/// A sync pass holding the writer for a long write does not stall the pages.
#[test]
fn a_page_reads_while_the_writer_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Arc::new(Desk::open(dir.path(), "dba".into()));
    desk.store().unwrap().upsert_cluster(&cluster("ob-a")).unwrap();
    let held = desk.store().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = Arc::clone(&desk);
    std::thread::spawn(move || {
        let names: Vec<String> = reader
            .read()
            .unwrap()
            .clusters()
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        let _ = tx.send(names);
    });
    let names = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the read finished while the writer was held");
    assert_eq!(names, ["ob-a"]);
    drop(held);
}

/// The CLI adds a cluster (or a strategy) while the app runs: the app's feed hears it
/// within seconds, and only once for the app's own writes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_process_commit_reaches_the_change_feed() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), "dba".into());
    desk.start_background().await;
    assert!(desk.scheduler_running());
    let mut feed = desk.changes().unwrap();
    feed.borrow_and_update();

    // Another connection to the file, as `desk sync` or `desk strategy add` makes.
    let (mut other, _) = Store::open(&dir.path().join(CACHE_FILE_NAME)).unwrap();
    other.upsert_cluster(&cluster("from-cli")).unwrap();
    tokio::time::timeout(Duration::from_secs(5), feed.changed())
        .await
        .expect("the other process's commit was heard")
        .unwrap();
    assert!(desk
        .read()
        .unwrap()
        .clusters()
        .unwrap()
        .iter()
        .any(|c| c.name == "from-cli"));

    // Nothing more is said while nobody writes.
    feed.borrow_and_update();
    let quiet = tokio::time::timeout(Duration::from_secs(3), feed.changed()).await;
    assert!(quiet.is_err(), "a change announced with no write");
    desk.stop().await;
}

/// "Retry Now" on a cluster the desk does not follow this session says what to do instead
/// of pretending to retry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_now_on_an_unfollowed_cluster_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), "dba".into());
    desk.start_background().await;
    let id = desk.store().unwrap().upsert_cluster(&cluster("ob-far")).unwrap();
    let err = desk.sync_now(id).await.unwrap_err();
    assert_eq!(err.code, desk_engine::OpErrorCode::CredentialsNeeded);
    assert!(
        err.message.en.contains("ob-far is not synchronized this session"),
        "{}",
        err.message
    );
    desk.stop().await;
}
