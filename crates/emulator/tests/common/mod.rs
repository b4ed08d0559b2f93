//! Shared by the integration tests: a cluster configuration, a started emulator with a
//! manual clock, and a plain mysql_async client.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, OptsBuilder, Row};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, Release, TenantConfig};

/// 2025-06-01 12:00:00 UTC.
pub const START: i64 = 1_748_779_200_000_000;
pub const GIB: u64 = 1 << 30;

pub fn tenant(id: i64, name: &str, archivelog: bool) -> TenantConfig {
    TenantConfig {
        tenant_id: id,
        name: name.to_string(),
        data_bytes: 2 * GIB,
        archivelog,
        data_backup_dest: archivelog.then(|| format!("file:///backup/{name}/data")),
        log_archive_dest: archivelog
            .then(|| format!("LOCATION=file:///backup/{name}/archive BINDING=Optional PIECE_SWITCH_INTERVAL=1d")),
    }
}

pub fn cluster(tenants: Vec<TenantConfig>) -> ClusterConfig {
    ClusterConfig {
        cluster_name: "sandbox-hz".to_string(),
        release: Release::V4_3_5_CE,
        time_zone: "+08:00".into(),
        password: String::new(),
        tenants,
        zones: vec!["zone1".into(), "zone2".into(), "zone3".into()],
        history: None,
    }
}

pub fn with_history(mut config: ClusterConfig, days: u32) -> ClusterConfig {
    config.history = Some(HistorySeed { days });
    config
}

pub struct Running {
    pub emulator: Emulator,
    pub clock: Arc<ManualClock>,
}

impl Running {
    pub async fn start(config: ClusterConfig) -> Running {
        let clock = Arc::new(ManualClock::new(START));
        let emulator = Emulator::start(config, clock.clone()).await.expect("emulator starts");
        Running { emulator, clock }
    }

    pub fn advance(&self, seconds: u64) {
        self.clock.advance(Duration::from_secs(seconds));
    }

    pub async fn connect(&self) -> Conn {
        self.connect_as("root@sys", "").await.expect("connects")
    }

    pub async fn connect_as(&self, user: &str, password: &str) -> mysql_async::Result<Conn> {
        let opts = OptsBuilder::default()
            .ip_or_hostname("127.0.0.1")
            .tcp_port(self.emulator.addr().port())
            .user(Some(user))
            .pass(Some(password))
            .prefer_socket(false);
        let mut conn = Conn::new(opts).await?;
        // Every test reads times in UTC, as the connector does.
        conn.query_drop("SET time_zone = '+00:00'").await?;
        Ok(conn)
    }
}

/// The MySQL error code of a failed statement.
pub fn server_code(result: mysql_async::Result<()>) -> (u16, String) {
    match result {
        Err(mysql_async::Error::Server(e)) => (e.code, e.message),
        other => panic!("expected a server error, got {other:?}"),
    }
}

pub async fn rows(conn: &mut Conn, sql: &str) -> Vec<Row> {
    conn.query(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// One text column of the first row.
pub async fn one(conn: &mut Conn, sql: &str) -> Option<String> {
    conn.query_first::<Option<String>, _>(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .flatten()
}

pub async fn count(conn: &mut Conn, sql: &str) -> i64 {
    conn.query_first::<i64, _>(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or(0)
}

pub fn get<T: mysql_async::prelude::FromValue>(row: &Row, column: &str) -> T {
    row.get_opt::<T, _>(column)
        .unwrap_or_else(|| panic!("no column {column}"))
        .unwrap_or_else(|e| panic!("column {column}: {e}"))
}
