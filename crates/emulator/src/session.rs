//! One client session: its variables (`SET`, `SELECT @@x`), time zone, current database,
//! and the answers to what a MySQL client library asks on connect.

use std::collections::HashMap;

use crate::config::ClusterConfig;
use crate::errors::{self, SqlResult};
use crate::resultset::{Cell, ColumnInfo, Kind, ResultSet};
use crate::sql::{Assignment, ItemExpr, SelectItem};
use crate::timestamp::{shifted_text, time_zone_offset};

/// OceanBase's default session time zone.
const DEFAULT_TIME_ZONE: &str = "+08:00";

/// Databases a client may `USE`; only `oceanbase` holds views here.
const DATABASES: [&str; 3] = ["oceanbase", "information_schema", "mysql"];

/// `@@version_comment`: the release's banner, then plainly that this is no OceanBase server.
pub fn version_comment(config: &ClusterConfig) -> String {
    config.release.version_comment()
}

/// `version()` and `@@version`, as the release answers.
pub fn server_version(config: &ClusterConfig) -> String {
    config.release.version_function.to_string()
}

#[derive(Debug, Clone)]
pub struct Session {
    pub connection_id: u32,
    pub user: String,
    pub host: String,
    pub database: Option<String>,
    time_zone: String,
    tz_offset: i32,
    variables: HashMap<String, Option<String>>,
    user_variables: HashMap<String, Option<String>>,
}

impl Session {
    pub fn new(connection_id: u32, host: &str) -> Self {
        Session {
            connection_id,
            user: "root".to_string(),
            host: host.to_string(),
            database: None,
            time_zone: DEFAULT_TIME_ZONE.to_string(),
            tz_offset: 8 * 3600,
            variables: HashMap::new(),
            user_variables: HashMap::new(),
        }
    }

    pub fn tz_offset(&self) -> i32 {
        self.tz_offset
    }

    /// Remembers `SET` assignments; `time_zone` must be a zone the emulator knows.
    pub fn apply(&mut self, assignments: &[Assignment]) -> SqlResult<()> {
        for a in assignments {
            if a.user_variable {
                self.user_variables.insert(a.name.clone(), a.value.clone());
                continue;
            }
            if a.name == "time_zone" {
                let zone = a.value.clone().unwrap_or_default();
                let zone = if zone.eq_ignore_ascii_case("DEFAULT") {
                    DEFAULT_TIME_ZONE.to_string()
                } else {
                    zone
                };
                let offset = time_zone_offset(&zone).ok_or_else(|| errors::unknown_time_zone(&zone))?;
                self.time_zone = zone;
                self.tz_offset = offset;
                continue;
            }
            self.variables.insert(a.name.clone(), a.value.clone());
        }
        Ok(())
    }

    pub fn use_database(&mut self, name: &str) -> SqlResult<()> {
        let known = DATABASES.iter().find(|d| d.eq_ignore_ascii_case(name));
        match known {
            Some(db) => {
                self.database = Some(db.to_string());
                Ok(())
            }
            None => Err(errors::unknown_database(name)),
        }
    }

    fn system_variable(&self, name: &str, config: &ClusterConfig) -> SqlResult<Cell> {
        if name == "time_zone" {
            return Ok(Cell::Text(self.time_zone.clone()));
        }
        if let Some(value) = self.variables.get(name) {
            return Ok(match value {
                None => Cell::Null,
                Some(v) => v.parse().map(Cell::Int).unwrap_or_else(|_| Cell::Text(v.clone())),
            });
        }
        let text = |s: &str| Cell::Text(s.to_string());
        let cell = match name {
            "version_comment" => Cell::Text(version_comment(config)),
            "version" => Cell::Text(server_version(config)),
            "max_allowed_packet" => Cell::Int(16_777_216),
            "wait_timeout" | "interactive_timeout" => Cell::Int(28_800),
            "net_read_timeout" => Cell::Int(30),
            "net_write_timeout" => Cell::Int(60),
            "socket" => Cell::Null,
            "system_time_zone" => text("+08:00"),
            "autocommit" => Cell::Int(1),
            "sql_mode" => text("STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_AUTO_CREATE_USER"),
            "character_set_client"
            | "character_set_connection"
            | "character_set_results"
            | "character_set_server"
            | "character_set_database" => text("utf8mb4"),
            "collation_connection" | "collation_server" | "collation_database" => text("utf8mb4_general_ci"),
            "tx_isolation" | "transaction_isolation" => text("READ-COMMITTED"),
            "tx_read_only" | "transaction_read_only" | "read_only" => Cell::Int(0),
            "lower_case_table_names" => Cell::Int(1),
            "auto_increment_increment" | "auto_increment_offset" => Cell::Int(1),
            "ob_query_timeout" => Cell::Int(10_000_000),
            "ob_trx_timeout" => Cell::Int(86_400_000_000),
            "ob_compatibility_mode" => text("MYSQL"),
            "license" => text(""),
            "init_connect" => text(""),
            "performance_schema" => Cell::Int(0),
            "query_cache_size" => Cell::Int(0),
            "query_cache_type" => text("OFF"),
            "have_ssl" | "have_openssl" => text("DISABLED"),
            "hostname" => text("ob-emulator"),
            "port" => Cell::Int(2881),
            _ => return Err(errors::unknown_system_variable(name)),
        };
        Ok(cell)
    }

    /// Answers a SELECT without FROM made only of items the emulator knows.
    pub fn select_items(&self, items: &[SelectItem], config: &ClusterConfig, now: i64) -> SqlResult<ResultSet> {
        let mut columns = Vec::with_capacity(items.len());
        let mut row = Vec::with_capacity(items.len());
        for item in items {
            let cell = match &item.expr {
                ItemExpr::SysVar(name) => self.system_variable(name, config)?,
                ItemExpr::UserVar(name) => match self.user_variables.get(name) {
                    Some(Some(v)) => Cell::Text(v.clone()),
                    _ => Cell::Null,
                },
                ItemExpr::Function(name) => self.function(name, config, now),
                ItemExpr::Number(n) => n
                    .parse::<i64>()
                    .map(Cell::Int)
                    .or_else(|_| n.parse::<f64>().map(Cell::Double))
                    .unwrap_or_else(|_| Cell::Text(n.clone())),
                ItemExpr::Str(s) => Cell::Text(s.clone()),
                ItemExpr::Null => Cell::Null,
            };
            let kind = match cell {
                Cell::Int(_) => Kind::Int,
                Cell::UInt(_) => Kind::UInt,
                Cell::Double(_) => Kind::Double,
                Cell::Text(_) | Cell::Null => Kind::Text,
            };
            columns.push(ColumnInfo::new(item.label.clone(), kind));
            row.push(cell);
        }
        Ok(ResultSet {
            columns,
            rows: vec![row],
        })
    }

    fn function(&self, name: &str, config: &ClusterConfig, now: i64) -> Cell {
        match name {
            "version" => Cell::Text(server_version(config)),
            "database" | "schema" => self.database.clone().map(Cell::Text).unwrap_or(Cell::Null),
            "user" | "session_user" | "system_user" => Cell::Text(format!("{}@{}", self.user, self.host)),
            "current_user" => Cell::Text(format!("{}@%", self.user)),
            "connection_id" => Cell::UInt(u64::from(self.connection_id)),
            "utc_timestamp" => Cell::Text(shifted_text(now, 0)[..19].to_string()),
            // now(), current_timestamp, sysdate: the session's wall time.
            _ => Cell::Text(shifted_text(now, self.tz_offset)[..19].to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ClusterConfig {
        ClusterConfig {
            cluster_name: "c".into(),
            release: crate::Release::V4_3_5_CE,
            time_zone: "+08:00".into(),
            password: String::new(),
            tenants: vec![],
            zones: vec!["zone1".into()],
            history: None,
        }
    }

    #[test]
    fn time_zone_is_remembered_and_checked() {
        let mut s = Session::new(1, "127.0.0.1");
        assert_eq!(s.tz_offset(), 8 * 3600);
        s.apply(&[Assignment {
            name: "time_zone".into(),
            value: Some("+00:00".into()),
            user_variable: false,
        }])
        .expect("known zone");
        assert_eq!(s.tz_offset(), 0);
        let err = s
            .apply(&[Assignment {
                name: "time_zone".into(),
                value: Some("Mars/Base".into()),
                user_variable: false,
            }])
            .expect_err("unknown zone");
        assert_eq!(err.code, 1298);
        let cell = s.system_variable("time_zone", &config()).expect("var");
        assert_eq!(cell, Cell::Text("+00:00".into()));
    }

    #[test]
    fn unknown_variable_is_refused() {
        let s = Session::new(1, "h");
        assert_eq!(s.system_variable("nope", &config()).expect_err("unknown").code, 1193);
        assert!(matches!(
            s.system_variable("version_comment", &config()),
            Ok(Cell::Text(t)) if t.contains("not an OceanBase server")
        ));
    }
}
