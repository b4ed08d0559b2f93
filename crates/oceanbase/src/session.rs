//! A connection to a cluster's sys tenant.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, OptsBuilder, Row, SslOpts};

use crate::catalog::{catalog_of, select_list, Catalog, Columns, View};
use crate::error::{ObError, ObErrorCode, StatementKind};
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
    /// The columns of the views this server has, as learned so far.
    catalog: Arc<Catalog>,
    /// Views this session found the server lacks.
    absent: Vec<&'static str>,
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
        // One round trip for both: the comment names the version and build, and
        // `VERSION()` the edition where the comment does not (3.1 Community).
        let banner: Option<(Option<String>, Option<String>)> = within(
            opts.query_timeout,
            conn.query_first("SELECT @@version_comment, VERSION()"),
        )
        .await?;
        let (comment, version_function) = banner.unwrap_or_default();
        let comment = comment.unwrap_or_default();
        let info = ServerInfo::detect(&comment, version_function.as_deref()).ok_or_else(|| {
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
        let catalog = catalog_of(&opts.host, opts.port, &comment);
        Ok(Session {
            conn,
            info,
            query_timeout: opts.query_timeout,
            catalog,
            absent: Vec::new(),
        })
    }

    pub fn info(&self) -> &ServerInfo {
        &self.info
    }

    /// OceanBase 3.x: its own views, statements and errors.
    pub(crate) fn is_v3(&self) -> bool {
        self.info.version.major() < 4
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
        let kind = StatementKind::of(&sql);
        let result = within(self.query_timeout, self.conn.query_drop(sql)).await;
        let major = self.info.version.major();
        result.map_err(|e| self.explain(e.in_context(kind, major)))
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

    /// The columns `view` has on this server (see [`crate::catalog`]); `None`
    /// when the release has no such view and the reader may do without it.
    pub(crate) async fn columns(&mut self, view: &View) -> Result<Option<Arc<Columns>>, ObError> {
        if let Some(known) = self.catalog.get(view.name) {
            return Ok(Some(known));
        }
        if self.absent.contains(&view.name) {
            return Ok(None);
        }
        let sql = format!("SELECT * FROM oceanbase.{} WHERE 1 = 0", view.name);
        let conn = &mut self.conn;
        let read = async move {
            let result = conn.query_iter(sql).await?;
            let names: Vec<String> = result.columns_ref().iter().map(|c| c.name_str().into_owned()).collect();
            result.drop_result().await?;
            Ok(names)
        };
        match within(self.query_timeout, read).await {
            Ok(names) => Ok(Some(self.catalog.put(view.name, Columns::new(names)))),
            // OB_TABLE_NOT_EXIST on a server that backs up: a view this release lacks.
            Err(e) if e.server_code == Some(1146) && self.info.capabilities.backup && view.may_be_absent => {
                self.absent.push(view.name);
                Ok(None)
            }
            Err(e) => Err(self.explain(e)),
        }
    }

    /// `SELECT <the columns of view this server has> FROM oceanbase.<view><tail>`;
    /// `None` when the release has no such view.
    pub(crate) async fn select_sql(&mut self, view: &View, tail: &str) -> Result<Option<String>, ObError> {
        let Some(columns) = self.columns(view).await? else {
            return Ok(None);
        };
        let list = select_list(view, &columns).map_err(|missing| {
            let name = view.name;
            let version = &self.info.version;
            ObError::new(
                ObErrorCode::UnexpectedResult,
                words!(
                    "{name} on this cluster (V{version}) has no column {missing}, which the desk needs",
                    "该集群（V{version}）的 {name} 没有 {missing} 列，桌面端需要该列"
                ),
            )
        })?;
        Ok(Some(format!("SELECT {list} FROM oceanbase.{}{tail}", view.name)))
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
