//! Connector errors: a stable code the desk branches on, the server's own
//! number and message (credentials redacted), and the field for input errors.

use desk_model::storage::redact;
use desk_model::{words, InvalidInput, Words};
use serde::Serialize;
use ts_rs::TS;

/// What went wrong, in terms the desk can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ObErrorCode {
    /// Bad input: refused before anything was sent (with `field`), or by the
    /// server (an argument or destination it rejects).
    InvalidInput,
    AccessDenied,
    /// The server does not know the statement (syntax error, unknown view).
    UnknownStatement,
    /// The server knows the statement but this version or build cannot do it.
    Unsupported,
    /// This server has no backup feature at all (for example seekdb).
    BackupNotSupported,
    ObjectExists,
    ObjectMissing,
    /// The cluster refuses the operation in its current state (a backup is
    /// already running, no destination set, archive not running ...).
    NotAllowedNow,
    Timeout,
    ConnectionLost,
    /// A value read from a view did not have the expected shape.
    UnexpectedResult,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ObError {
    pub code: ObErrorCode,
    /// The MySQL error number the server sent, if it came from the server.
    pub server_code: Option<u16>,
    /// For the operator, credentials redacted. A server's own message is
    /// kept verbatim in every language.
    pub message: Words,
    /// The input field, for `InvalidInput`.
    pub field: Option<&'static str>,
}

impl ObError {
    pub fn new(code: ObErrorCode, message: Words) -> Self {
        Self {
            code,
            server_code: None,
            message: message.map(redact),
            field: None,
        }
    }

    /// Maps a server error by its number: one table, below.
    pub fn from_server(number: u16, message: &str) -> Self {
        let code = SERVER_CODES
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, c)| *c)
            .unwrap_or(ObErrorCode::Other);
        Self {
            code,
            server_code: Some(number),
            message: Words::verbatim(redact(message)),
            field: None,
        }
    }
}

impl From<InvalidInput> for ObError {
    fn from(e: InvalidInput) -> Self {
        Self {
            code: ObErrorCode::InvalidInput,
            server_code: None,
            message: e.words(),
            field: Some(e.field),
        }
    }
}

/// MySQL error numbers as OceanBase sends them: `ob_errno.def` gives each OB
/// error a MySQL number, `-1` meaning "the OB code itself, positive"
/// (source: oceanbase `src/share/ob_errno.def`; client numbers from MySQL).
pub const SERVER_CODES: &[(u16, ObErrorCode)] = &[
    (1044, ObErrorCode::AccessDenied),     // ER_DBACCESS_DENIED_ERROR
    (1045, ObErrorCode::AccessDenied),     // OB_PASSWORD_WRONG
    (1142, ObErrorCode::AccessDenied),     // ER_TABLEACCESS_DENIED_ERROR
    (1227, ObErrorCode::AccessDenied),     // ER_SPECIFIC_ACCESS_DENIED_ERROR
    (1049, ObErrorCode::UnknownStatement), // OB_ERR_BAD_DATABASE
    (1054, ObErrorCode::UnknownStatement), // OB_ERR_BAD_FIELD_ERROR
    (1064, ObErrorCode::UnknownStatement), // OB_ERR_PARSE_SQL
    (1146, ObErrorCode::UnknownStatement), // OB_TABLE_NOT_EXIST
    (1235, ObErrorCode::Unsupported),      // OB_NOT_SUPPORTED
    (5099, ObErrorCode::Unsupported),      // OB_ERR_SYS_CONFIG_UNKNOWN (a parameter this build lacks)
    (1210, ObErrorCode::InvalidInput),     // OB_INVALID_ARGUMENT / OB_MISS_ARGUMENT
    (4659, ObErrorCode::InvalidInput),     // OB_RESOURCE_UNIT_VALUE_BELOW_LIMIT
    (9026, ObErrorCode::InvalidInput),     // OB_INVALID_BACKUP_DEST
    (4012, ObErrorCode::Timeout),          // OB_TIMEOUT
    (4179, ObErrorCode::NotAllowedNow),    // OB_OP_NOT_ALLOW
    (4626, ObErrorCode::NotAllowedNow),    // OB_RESOURCE_POOL_ALREADY_GRANTED
    (4634, ObErrorCode::NotAllowedNow),    // OB_RESOURCE_UNIT_IS_REFERENCED
    (9023, ObErrorCode::NotAllowedNow),    // OB_CANNOT_START_LOG_ARCHIVE_BACKUP
    (9036, ObErrorCode::NotAllowedNow),    // OB_BACKUP_IN_PROGRESS
    (9040, ObErrorCode::NotAllowedNow),    // OB_BACKUP_CAN_NOT_START (no destination, archive not running, no full set)
    (9081, ObErrorCode::NotAllowedNow),    // OB_BACKUP_FORMAT_FILE_NOT_MATCH (a path another tenant uses)
    (9091, ObErrorCode::NotAllowedNow),    // OB_ALREADY_IN_ARCHIVE_MODE
    (9092, ObErrorCode::NotAllowedNow),    // OB_ALREADY_IN_NOARCHIVE_MODE
    (9119, ObErrorCode::NotAllowedNow),    // OB_RESTORE_SOURCE_NOT_ENOUGH (restore point outside the window)
    (4017, ObErrorCode::ObjectExists),     // OB_ENTRY_EXIST
    (4649, ObErrorCode::ObjectExists),     // OB_RESOURCE_UNIT_EXIST
    (4651, ObErrorCode::ObjectExists),     // OB_RESOURCE_POOL_EXIST
    (5156, ObErrorCode::ObjectExists),     // OB_TENANT_EXIST
    (4018, ObErrorCode::ObjectMissing),    // OB_ENTRY_NOT_EXIST
    (4530, ObErrorCode::ObjectMissing),    // OB_ZONE_INFO_NOT_EXIST
    (4648, ObErrorCode::ObjectMissing),    // OB_RESOURCE_UNIT_NOT_EXIST
    (4650, ObErrorCode::ObjectMissing),    // OB_RESOURCE_POOL_NOT_EXIST
    (5157, ObErrorCode::ObjectMissing),    // OB_TENANT_NOT_EXIST
    (9011, ObErrorCode::ObjectMissing),    // OB_BACKUP_FILE_NOT_EXIST (a restore path with no format file)
    (9080, ObErrorCode::ObjectMissing),    // OB_BACKUP_FORMAT_FILE_NOT_EXIST (4.0+)
    (9024, ObErrorCode::NotAllowedNow),    // OB_ALREADY_NO_LOG_ARCHIVE_BACKUP (3.x NOARCHIVELOG twice)
    (9014, ObErrorCode::NotAllowedNow),    // OB_RESTORE_IN_PROGRESS
    (9070, ObErrorCode::InvalidInput),     // OB_BACKUP_DEST_NOT_CONNECT (4.0+)
    (9071, ObErrorCode::InvalidInput),     // OB_BACKUP_PERMISSION_DENIED (4.0+)
    (9114, ObErrorCode::InvalidInput),     // OB_INVALID_STORAGE_DEST (4.3; likely 4.2.5)
    (9115, ObErrorCode::InvalidInput),     // OB_STORAGE_DEST_NOT_CONNECT
    (9116, ObErrorCode::InvalidInput),     // OB_OBJECT_STORAGE_PERMISSION_DENIED
    (9117, ObErrorCode::InvalidInput),     // OB_S3_REGION_MISMATCH
    (9118, ObErrorCode::InvalidInput),     // OB_INVALID_OBJECT_STORAGE_ENDPOINT
    (2006, ObErrorCode::ConnectionLost),   // CR_SERVER_GONE_ERROR
    (2013, ObErrorCode::ConnectionLost),   // CR_SERVER_LOST
];

/// What a statement was, where one number means different things by statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    Restore,
    Archivelog,
    Other,
}

impl StatementKind {
    pub fn of(sql: &str) -> StatementKind {
        let upper: String = sql
            .trim_start()
            .chars()
            .take(40)
            .collect::<String>()
            .to_ascii_uppercase();
        let words: Vec<&str> = upper.split_whitespace().collect();
        match words.as_slice() {
            ["ALTER", "SYSTEM", "RESTORE", ..] => StatementKind::Restore,
            ["ALTER", "SYSTEM", "ARCHIVELOG" | "NOARCHIVELOG", ..] => StatementKind::Archivelog,
            _ => StatementKind::Other,
        }
    }
}

impl ObError {
    /// [`ObError::from_server`]'s code, corrected for what the number means after this
    /// statement on this release. The numbers never moved between releases (ob_errno.def's
    /// rule: master is a superset of every release), but which one a situation gets did:
    /// - a restore whose sets or log fall short answers OB_ENTRY_NOT_EXIST (4018, "No enough
    ///   log for restore") up to 4.3.0 and OB_RESTORE_SOURCE_NOT_ENOUGH (9119) from 4.3.1
    ///   (`ob_archive_store.cpp`, `ob_restore_util.cpp` at those tags): both are the point
    ///   being outside the window, not a missing object;
    /// - 3.1 answers ARCHIVELOG while archiving with OB_NOT_SUPPORTED (1235) "start log
    ///   archive backup when not STOP is not supported", where 4.1 says 9091
    ///   (`ob_log_archive_scheduler.cpp` at v3.1.5_CE).
    pub fn in_context(mut self, kind: StatementKind, major: u32) -> ObError {
        self.code = match (self.server_code, kind) {
            (Some(4018 | 9119), StatementKind::Restore) => ObErrorCode::NotAllowedNow,
            (Some(1235), StatementKind::Archivelog) if major < 4 => ObErrorCode::NotAllowedNow,
            _ => self.code,
        };
        self
    }
}

impl From<mysql_async::Error> for ObError {
    fn from(e: mysql_async::Error) -> Self {
        use mysql_async::Error as E;
        match &e {
            E::Server(s) => ObError::from_server(s.code, &s.message),
            // The operating system's own words, once: the driver's Display repeats
            // "Input/output error:" for each layer it wraps.
            E::Io(io) => {
                let detail = match io {
                    mysql_async::IoError::Io(inner) => inner.to_string(),
                    #[allow(unreachable_patterns)]
                    other => other.to_string(),
                };
                ObError::new(
                    ObErrorCode::ConnectionLost,
                    words!(
                        "The cluster cannot be reached or the connection was lost: {detail}",
                        "无法连接集群或连接已中断：{detail}"
                    ),
                )
            }
            E::Driver(mysql_async::DriverError::ConnectionClosed) => ObError::new(
                ObErrorCode::ConnectionLost,
                words!(
                    "connection lost: the server closed the connection",
                    "连接中断：服务器关闭了连接"
                ),
            ),
            _ => ObError::new(ObErrorCode::Other, Words::verbatim(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_refused_connection_is_said_once_in_each_language() {
        let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let e = super::ObError::from(mysql_async::Error::Io(mysql_async::IoError::Io(io)));
        assert_eq!(e.code, super::ObErrorCode::ConnectionLost);
        let said = e.message.en.clone();
        assert!(said.starts_with("The cluster cannot be reached"), "{said}");
        assert!(!said.contains("Input/output error"), "{said}");
        assert!(e.message.zh.starts_with("无法连接集群"), "{}", e.message.zh);
    }

    use super::*;

    #[test]
    fn server_numbers_map_to_stable_codes_and_keep_the_message_redacted() {
        let e = ObError::from_server(4179, "backup dest oss://b/p?host=h&access_key=K3Y is not allowed");
        assert_eq!(e.code, ObErrorCode::NotAllowedNow);
        assert_eq!(e.server_code, Some(4179));
        assert!(
            e.message.en.contains("access_key=***") && !e.message.en.contains("K3Y") && !e.message.zh.contains("K3Y")
        );
        assert_eq!(ObError::from_server(9999, "x").code, ObErrorCode::Other);
    }

    #[test]
    fn a_number_is_read_for_the_statement_it_answers() {
        let restore = "ALTER SYSTEM RESTORE r FROM 'file:///d,file:///a' WITH 'pool_list=p'";
        for n in [4018, 9119] {
            let e = ObError::from_server(n, "No enough log for restore").in_context(StatementKind::of(restore), 4);
            assert_eq!(e.code, ObErrorCode::NotAllowedNow, "{n}");
        }
        // Elsewhere 4018 is a missing object (a delete policy that is not there).
        let drop = "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT t1";
        let e = ObError::from_server(4018, "Entry not exist").in_context(StatementKind::of(drop), 4);
        assert_eq!(e.code, ObErrorCode::ObjectMissing);
        let again = ObError::from_server(1235, "start log archive backup when not STOP is not supported");
        assert_eq!(
            again
                .clone()
                .in_context(StatementKind::of("ALTER SYSTEM ARCHIVELOG"), 3)
                .code,
            ObErrorCode::NotAllowedNow
        );
        assert_eq!(
            again.in_context(StatementKind::of("ALTER SYSTEM ARCHIVELOG"), 4).code,
            ObErrorCode::Unsupported
        );
    }

    #[test]
    fn the_table_has_no_number_twice() {
        let mut seen = std::collections::HashSet::new();
        for (n, _) in SERVER_CODES {
            assert!(seen.insert(n), "{n} appears twice");
        }
    }
}
