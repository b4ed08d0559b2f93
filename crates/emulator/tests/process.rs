//! `ob-emulator` as a process of its own: it says where it listens, answers as its
//! release, and appends each statement to the log file a test reads.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use mysql_async::prelude::Queryable;

#[tokio::test(flavor = "multi_thread")]
async fn the_binary_serves_one_cluster_and_logs_its_statements() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("statements.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ob-emulator"))
        .args([
            "--release",
            "4.2.1-ce",
            "--password",
            "pw",
            "--tenant",
            "trade:1002:1:archive",
        ])
        .arg("--statement-log")
        .arg(&log)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first.trim().strip_prefix("listening on ").expect(&first).to_owned();
    let (host, port) = addr.rsplit_once(':').unwrap();
    let opts = mysql_async::OptsBuilder::default()
        .ip_or_hostname(host)
        .tcp_port(port.parse().unwrap())
        .user(Some("root@sys"))
        .pass(Some("pw"));
    let mut conn = mysql_async::Conn::new(opts).await.unwrap();
    let version: Option<String> = conn.query_first("SELECT VERSION()").await.unwrap();
    assert!(version.unwrap().contains("4.2.1"), "answers as its release");
    let tenants: Vec<String> = conn
        .query("SELECT TENANT_NAME FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_TYPE = 'USER'")
        .await
        .unwrap();
    assert_eq!(tenants, ["trade"]);
    conn.disconnect().await.unwrap();
    let mut logged = String::new();
    for _ in 0..50 {
        logged = std::fs::read_to_string(&log).unwrap_or_default();
        if logged.contains("DBA_OB_TENANTS") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(logged.lines().any(|l| l.contains("DBA_OB_TENANTS")), "{logged}");
    child.kill().unwrap();
    child.wait().unwrap();
}
