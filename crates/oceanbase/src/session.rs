//! A connection to a cluster's sys tenant.

use std::fmt;
use std::time::Duration;

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, OptsBuilder, Row, SslOpts};

use crate::error::{ObError, ObErrorCode};
use crate::server::ServerInfo;
use crate::sql::Statement;
use desk_model::words;

/// A password: never printed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Password(String);

impl Password {
    pub fn new(p: impl Into<String>) -> Self {
        Self(p.into())
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub host: String,
    pub port: u16,
    /// `root@sys`, `root@sys#cluster` or `root` (OceanBase's user@tenant forms).
    pub user: String,
    pub password: Password,
    pub tls: bool,
    pub connect_timeout: Duration,
    pub query_timeout: Duration,
}

impl ConnectOptions {
    pub fn new(host: impl Into<String>, port: u16, user: impl Into<String>, password: Password) -> Self {
        Self {
            host: host.into(),
            port,
            user: user.into(),
            password,
            tls: false,
            connect_timeout: Duration::from_secs(10),
            query_timeout: Duration::from_secs(30),
        }
    }
}

/// An open session: the server is known to be OceanBase, and its times come
/// back in UTC (the session runs with `time_zone = '+00:00'`).
pub struct Session {
    pub(crate) conn: Conn,
    info: ServerInfo,
    query_timeout: Duration,
}

impl Session {
    pub async fn connect(opts: &ConnectOptions) -> Result<Session, ObError> {
        let mut builder = OptsBuilder::default()
            .ip_or_hostname(opts.host.clone())
            .tcp_port(opts.port)
            .user(Some(opts.user.clone()))
            .pass(Some(opts.password.expose().to_owned()))
            .prefer_socket(false)
            // Known values: no extra queries at connect time.
            .max_allowed_packet(Some(16 * 1024 * 1024))
            .wait_timeout(Some(28_800))
            // OceanBase renders TIMESTAMP columns in the session zone.
            .init(vec!["SET time_zone = '+00:00'"]);
        if opts.tls {
            builder = builder.ssl_opts(Some(SslOpts::default()));
        }
        let conn = tokio::time::timeout(opts.connect_timeout, Conn::new(builder))
            .await
            .map_err(|_| {
                let (host, port, limit) = (&opts.host, opts.port, opts.connect_timeout);
                ObError::new(
                    ObErrorCode::Timeout,
                    words!(
                        "no answer from {host}:{port} within {limit:?}",
                        "{host}:{port} 在 {limit:?} 内没有应答"
                    ),
                )
            })??;
        let mut conn = conn;
        let comment: Option<String> = within(opts.query_timeout, conn.query_first("SELECT @@version_comment")).await?;
        let comment = comment.unwrap_or_default();
        let info = ServerInfo::from_version_comment(&comment).ok_or_else(|| {
            let (host, port) = (&opts.host, opts.port);
            ObError::new(
                ObErrorCode::Unsupported,
                words!(
                    "{host}:{port} is not an OceanBase server (version comment {comment:?})",
                    "{host}:{port} 不是 OceanBase 服务器（版本注释 {comment:?}）"
                ),
            )
        })?;
        tracing::info!(host = %opts.host, port = opts.port, version = %info.version, flavor = ?info.flavor, "connected");
        Ok(Session {
            conn,
            info,
            query_timeout: opts.query_timeout,
        })
    }

    pub fn info(&self) -> &ServerInfo {
        &self.info
    }

    /// Sends an operation. Refused without sending when the server has no
    /// backup feature; logged redacted before it is sent.
    pub async fn execute(&mut self, stmt: &Statement) -> Result<(), ObError> {
        if let Some(why) = &self.info.capabilities.backup_refusal {
            return Err(ObError::new(ObErrorCode::BackupNotSupported, why.clone()));
        }
        self.send_unchecked(stmt).await
    }

    /// Sends even to a server without the backup feature, to show what it
    /// answers (a connection test, or a check of a server's errors).
    pub async fn send_unchecked(&mut self, stmt: &Statement) -> Result<(), ObError> {
        tracing::info!(statement = %stmt, "sending");
        let sql = stmt.sql_with_secrets().to_owned();
        let result = within(self.query_timeout, self.conn.query_drop(sql)).await;
        result.map_err(|e| self.explain(e))
    }

    /// On a server without backup, its "unknown statement / view / parameter"
    /// errors all mean one thing to an administrator.
    fn explain(&self, mut e: ObError) -> ObError {
        if !self.info.capabilities.backup && matches!(e.code, ObErrorCode::UnknownStatement | ObErrorCode::Unsupported)
        {
            e.code = ObErrorCode::BackupNotSupported;
            let server = &e.message.en;
            e.message = words!(
                "backup not supported by this server: {server}",
                "该服务器不支持备份：{server}"
            );
        }
        e
    }

    pub(crate) async fn query_rows(&mut self, sql: &str) -> Result<Vec<Row>, ObError> {
        let result = within(self.query_timeout, self.conn.query(sql)).await;
        result.map_err(|e| self.explain(e))
    }

    /// [`Session::query_rows`] handing each row to `f` as it arrives instead of
    /// keeping them all: a year of history is read without holding its raw rows.
    pub(crate) async fn query_each(&mut self, sql: &str, f: impl FnMut(Row) + Send) -> Result<(), ObError> {
        let conn = &mut self.conn;
        let read = async move { conn.query_iter(sql).await?.for_each_and_drop(f).await };
        let result = within(self.query_timeout, read).await;
        result.map_err(|e| self.explain(e))
    }

    pub async fn close(self) {
        let _ = self.conn.disconnect().await;
    }
}

/// Runs a query with the session's timeout; a timeout is its own error code.
async fn within<T>(
    limit: Duration,
    fut: impl std::future::Future<Output = Result<T, mysql_async::Error>>,
) -> Result<T, ObError> {
    match tokio::time::timeout(limit, fut).await {
        Ok(r) => r.map_err(ObError::from),
        Err(_) => Err(ObError::new(
            ObErrorCode::Timeout,
            words!(
                "the cluster did not answer within {limit:?}",
                "集群在 {limit:?} 内没有应答"
            ),
        )),
    }
}
