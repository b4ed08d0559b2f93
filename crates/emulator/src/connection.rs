//! One client connection: login, then each statement is logged, parsed and answered.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, MutexGuard};

use async_trait::async_trait;
use opensrv_mysql::{
    AsyncMysqlShim, Column, ColumnFlags, ColumnType, ErrorKind, InitWriter, OkResponse, ParamParser, QueryResultWriter,
    StatementMetaWriter, ValueInner,
};
use tokio::io::AsyncWrite;

use crate::auth;
use crate::errors::{self, SqlError, SqlResult};
use crate::resultset::{ResultSet, TextRows};
use crate::server::Shared;
use crate::session::{server_version, Session};
use crate::sql::{self, Select, Statement, ViewQuery};
use crate::state::{Cluster, Context};
use crate::wire::ErrorPatch;

const NATIVE_PASSWORD: &str = "mysql_native_password";

enum Reply {
    Done,
    Rows(ResultSet),
    /// Rows already encoded for the text protocol (COM_QUERY).
    Text(TextRows),
    Error(SqlError),
}

impl From<SqlResult<ResultSet>> for Reply {
    fn from(result: SqlResult<ResultSet>) -> Self {
        match result {
            Ok(rows) => Reply::Rows(rows),
            Err(e) => Reply::Error(e),
        }
    }
}

impl From<SqlResult<()>> for Reply {
    fn from(result: SqlResult<()>) -> Self {
        match result {
            Ok(()) => Reply::Done,
            Err(e) => Reply::Error(e),
        }
    }
}

#[derive(Debug, Clone)]
struct Prepared {
    sql: String,
    params: usize,
}

pub struct Connection {
    shared: Arc<Shared>,
    session: Session,
    scramble: [u8; 20],
    patch: ErrorPatch,
    prepared: HashMap<u32, Prepared>,
    next_statement_id: u32,
}

impl Connection {
    pub fn new(shared: Arc<Shared>, connection_id: u32, host: &str, patch: ErrorPatch) -> Self {
        Connection {
            shared,
            session: Session::new(connection_id, host),
            scramble: auth::new_scramble(),
            patch,
            prepared: HashMap::new(),
            next_statement_id: 1,
        }
    }

    fn cluster(&self) -> MutexGuard<'_, Cluster> {
        // A panic elsewhere must not make the emulator unusable: keep serving the state.
        self.shared.cluster.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn context(&self) -> Context {
        Context {
            now: self.shared.clock.now_micros(),
            tz_offset: self.session.tz_offset(),
        }
    }

    /// Every referenced table must be a served view in `oceanbase`.
    fn check_tables(&self, query: &ViewQuery) -> SqlResult<()> {
        for table in &query.tables {
            let schema = match (&table.schema, &self.session.database) {
                (Some(schema), _) => schema.clone(),
                (None, Some(db)) => db.clone(),
                (None, None) => return Err(errors::no_database_selected()),
            };
            let served = self.shared.config.release.view(&table.name).is_some();
            if !schema.eq_ignore_ascii_case("oceanbase") || !served {
                return Err(errors::table_not_exist(&schema, &table.name));
            }
        }
        Ok(())
    }

    /// Answers a statement; `text`: the client reads the text protocol (COM_QUERY),
    /// not the binary one (an executed prepared statement).
    fn handle(&mut self, sql_text: &str, text: bool) -> Reply {
        let statement = match sql::parse(sql_text, self.shared.config.release) {
            Ok(statement) => statement,
            Err(e) => return Reply::Error(e),
        };
        let ctx = self.context();
        match statement {
            Statement::Select(Select::Items(items)) => {
                self.session.select_items(&items, &self.shared.config, ctx.now).into()
            }
            Statement::Select(Select::Query(query)) => {
                if let Err(e) = self.check_tables(&query) {
                    return Reply::Error(e);
                }
                if text {
                    match self.cluster().query_text(&query, &ctx) {
                        Ok(rows) => Reply::Text(rows),
                        Err(e) => Reply::Error(e),
                    }
                } else {
                    self.cluster().query(&query, &ctx).into()
                }
            }
            Statement::Set(assignments) => self.session.apply(&assignments).into(),
            Statement::Use(database) => self.session.use_database(&database).into(),
            Statement::Transaction => Reply::Done,
            other => self.cluster().execute(&other, &ctx).into(),
        }
    }

    /// Column metadata for a prepared statement.
    fn prepare(&self, sql_text: &str) -> SqlResult<(usize, Vec<Column>)> {
        let (params, _) = sql::placeholders(sql_text)?;
        let columns = match sql::parse(sql_text, self.shared.config.release)? {
            Statement::Select(Select::Query(query)) => {
                self.check_tables(&query)?;
                self.cluster().describe(&query)?.iter().map(|c| c.to_column()).collect()
            }
            _ => Vec::new(),
        };
        Ok((params, columns))
    }

    async fn respond<W: AsyncWrite + Send + Unpin>(
        &self,
        reply: Reply,
        results: QueryResultWriter<'_, W>,
    ) -> io::Result<()> {
        match reply {
            Reply::Done => results.completed(OkResponse::default()).await,
            Reply::Rows(rows) => {
                let columns: Vec<Column> = rows.columns.iter().map(|c| c.to_column()).collect();
                let mut writer = results.start(&columns).await?;
                for row in &rows.rows {
                    for cell in row {
                        writer.write_col(cell)?;
                    }
                    writer.end_row().await?;
                }
                writer.finish().await
            }
            Reply::Text(rows) => {
                let columns: Vec<Column> = rows.columns.iter().map(|c| c.to_column()).collect();
                let mut writer = results.start(&columns).await?;
                for row in rows.rows() {
                    for cell in row {
                        writer.write_col(cell)?;
                    }
                    writer.end_row().await?;
                }
                writer.finish().await
            }
            Reply::Error(e) => {
                self.patch.set(e.code, e.sqlstate, None);
                results.error(ErrorKind::ER_UNKNOWN_ERROR, e.message.as_bytes()).await
            }
        }
    }
}

/// A parameter of COM_STMT_EXECUTE as SQL literal text.
fn param_literal(value: ValueInner<'_>) -> String {
    match value {
        ValueInner::NULL => "NULL".to_string(),
        ValueInner::Bytes(bytes) => sql::literal(Some(&String::from_utf8_lossy(bytes)), false),
        ValueInner::Int(v) => v.to_string(),
        ValueInner::UInt(v) => v.to_string(),
        ValueInner::Double(v) if v.is_finite() => format!("{v}"),
        ValueInner::Double(_) => "NULL".to_string(),
        ValueInner::Date(bytes) | ValueInner::Datetime(bytes) => sql::literal(Some(&binary_datetime(bytes)), false),
        ValueInner::Time(_) => "NULL".to_string(),
    }
}

/// The binary protocol's date/datetime: length 0, 4, 7 or 11 bytes.
fn binary_datetime(bytes: &[u8]) -> String {
    let byte = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0));
    let year = byte(0) | byte(1) << 8;
    let micros = byte(7) | byte(8) << 8 | byte(9) << 16 | byte(10) << 24;
    format!(
        "{year:04}-{:02}-{:02} {:02}:{:02}:{:02}.{micros:06}",
        byte(2),
        byte(3),
        byte(4),
        byte(5),
        byte(6)
    )
}

#[async_trait]
impl<W: AsyncWrite + Send + Unpin> AsyncMysqlShim<W> for Connection {
    type Error = io::Error;

    fn version(&self) -> String {
        server_version(&self.shared.config)
    }

    fn connect_id(&self) -> u32 {
        self.session.connection_id
    }

    fn salt(&self) -> [u8; 20] {
        self.scramble
    }

    async fn auth_plugin_for_username(&self, _user: &[u8]) -> &str {
        NATIVE_PASSWORD
    }

    async fn authenticate(&self, auth_plugin: &str, username: &[u8], salt: &[u8], auth_data: &[u8]) -> bool {
        let user = String::from_utf8_lossy(username);
        let config = &self.shared.config;
        let ok = auth_plugin == NATIVE_PASSWORD
            && auth::is_root_of_sys(&user, &config.cluster_name)
            && auth::native_password_matches(&config.password, salt, auth_data);
        if !ok {
            let denied = errors::access_denied(&user, &self.session.host, !auth_data.is_empty());
            self.patch.set(denied.code, denied.sqlstate, Some(denied.message));
        }
        ok
    }

    async fn on_prepare<'a>(&'a mut self, query: &'a str, info: StatementMetaWriter<'a, W>) -> io::Result<()> {
        self.shared.log_statement(query);
        match self.prepare(query) {
            Ok((params, columns)) => {
                let id = self.next_statement_id;
                self.next_statement_id = self.next_statement_id.wrapping_add(1).max(1);
                self.prepared.insert(
                    id,
                    Prepared {
                        sql: query.to_string(),
                        params,
                    },
                );
                let param_columns: Vec<Column> = (0..params)
                    .map(|_| Column {
                        table: String::new(),
                        column: "?".to_string(),
                        coltype: ColumnType::MYSQL_TYPE_VAR_STRING,
                        colflags: ColumnFlags::empty(),
                    })
                    .collect();
                info.reply(id, &param_columns, &columns).await
            }
            Err(e) => {
                self.shared.log_refusal(query, e.code);
                self.patch.set(e.code, e.sqlstate, None);
                info.error(ErrorKind::ER_UNKNOWN_ERROR, e.message.as_bytes()).await
            }
        }
    }

    async fn on_execute<'a>(
        &'a mut self,
        id: u32,
        params: ParamParser<'a>,
        results: QueryResultWriter<'a, W>,
    ) -> io::Result<()> {
        let mut sent = format!("EXECUTE {id}");
        let reply = match self.prepared.get(&id).cloned() {
            None => Reply::Error(errors::internal(format!("statement not prepared, stmt_id={id}"))),
            Some(prepared) => {
                sent.clone_from(&prepared.sql);
                let literals: Vec<String> = params
                    .into_iter()
                    .map(|p| param_literal(p.value.into_inner()))
                    .collect();
                if literals.len() != prepared.params {
                    Reply::Error(errors::invalid_argument("EXECUTE"))
                } else {
                    match sql::bind(&prepared.sql, &literals) {
                        Ok(bound) => {
                            let reply = self.handle(&bound, false);
                            sent = bound;
                            reply
                        }
                        Err(e) => Reply::Error(e),
                    }
                }
            }
        };
        if let Reply::Error(e) = &reply {
            self.shared.log_refusal(&sent, e.code);
        }
        self.respond(reply, results).await
    }

    async fn on_close<'a>(&'a mut self, stmt: u32)
    where
        W: 'async_trait,
    {
        self.prepared.remove(&stmt);
    }

    async fn on_query<'a>(&'a mut self, query: &'a str, results: QueryResultWriter<'a, W>) -> io::Result<()> {
        self.shared.log_statement(query);
        let reply = self.handle(query, true);
        if let Reply::Error(e) = &reply {
            self.shared.log_refusal(query, e.code);
        }
        self.respond(reply, results).await
    }

    async fn on_init<'a>(&'a mut self, database: &'a str, writer: InitWriter<'a, W>) -> io::Result<()> {
        match self.session.use_database(database) {
            Ok(()) => writer.ok().await,
            Err(e) => {
                self.patch.set(e.code, e.sqlstate, None);
                writer.error(ErrorKind::ER_BAD_DB_ERROR, e.message.as_bytes()).await
            }
        }
    }
}
