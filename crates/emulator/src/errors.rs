//! The errors the emulator answers with, numbered and worded as OceanBase does.
//!
//! Sources (read, not copied):
//! - `oceanbase/oceanbase` `src/share/ob_errno.def`: every `DEFINE_ERROR*` gives the OB code,
//!   the MySQL code (`-1` means "the OB code itself, positive"), the SQLSTATE and the
//!   message format. The MySQL code is what a client sees.
//! - `src/rootserver/backup/ob_backup_data_scheduler.cpp`: the `LOG_USER_ERROR` texts of
//!   `OB_BACKUP_CAN_NOT_START` and when `OB_BACKUP_IN_PROGRESS` is raised.
//! - `src/rootserver/restore/ob_restore_util.cpp`: the `OB_RESTORE_SOURCE_NOT_ENOUGH` texts.
//! - `src/rootserver/backup/ob_tenant_archive_scheduler.cpp`: `OB_ALREADY_IN_ARCHIVE_MODE`.
//!
//! | MySQL code | SQLSTATE | OB symbol (OB code) | used for |
//! |---|---|---|---|
//! | 1045 | 42000 | OB_PASSWORD_WRONG (-4043) | wrong user or password |
//! | 1046 | 3D000 | OB_ERR_NO_DB_SELECTED (-5134) | unqualified table, no database |
//! | 1049 | 42000 | OB_ERR_BAD_DATABASE (-5154) | `USE` of an unknown database |
//! | 1054 | 42S22 | OB_ERR_BAD_FIELD_ERROR (-5217) | unknown column |
//! | 1064 | 42000 | OB_ERR_PARSE_SQL (-5001) | anything the emulator cannot parse |
//! | 1146 | 42S02 | OB_TABLE_NOT_EXIST (-5019) | unknown view |
//! | 1193 | HY000 | OB_ERR_SYS_VARIABLE_UNKNOWN (-5044) | unknown `@@variable` |
//! | 1210 | HY000 | OB_MISS_ARGUMENT (-4277) / OB_INVALID_ARGUMENT (-4002) | bad option values |
//! | 1235 | 0A000 | OB_NOT_SUPPORTED (-4007) | tenant backup on 3.x |
//! | 1298 | HY000 | OB_ERR_UNKNOWN_TIME_ZONE (-5192) | `SET time_zone` to an unknown zone |
//! | 1305 | 42000 | OB_ERR_FUNCTION_UNKNOWN (-5055) | unknown SQL function |
//! | 4016 | HY000 | OB_ERR_UNEXPECTED (-4016) | the emulator's own failures |
//! | 4018 | HY000 | OB_ENTRY_NOT_EXIST (-4018) | dropping a delete policy that is not there |
//! | 4179 | HY000 | OB_OP_NOT_ALLOW (-4179) | "%s not allowed" |
//! | 4530 | HY000 | OB_ZONE_INFO_NOT_EXIST (-4530) | unknown zone in a pool |
//! | 4626 | HY000 | OB_RESOURCE_POOL_ALREADY_GRANTED (-4626) | pool used by a tenant |
//! | 4634 | HY000 | OB_RESOURCE_UNIT_IS_REFERENCED (-4634) | unit used by a pool |
//! | 4648 | HY000 | OB_RESOURCE_UNIT_NOT_EXIST (-4648) | |
//! | 4649 | HY000 | OB_RESOURCE_UNIT_EXIST (-4649) | |
//! | 4650 | HY000 | OB_RESOURCE_POOL_NOT_EXIST (-4650) | |
//! | 4651 | HY000 | OB_RESOURCE_POOL_EXIST (-4651) | |
//! | 4659 | HY000 | OB_RESOURCE_UNIT_VALUE_BELOW_LIMIT (-4659) | MEMORY_SIZE below 1G |
//! | 5156 | HY000 | OB_TENANT_EXIST (-5156) | restore into an existing name |
//! | 5157 | HY000 | OB_TENANT_NOT_EXIST (-5157) | unknown tenant |
//! | 9003 | HY000 | OB_OSS_ERROR (-9003) | 3.x: OSS refused the keys |
//! | 9023 | HY000 | OB_CANNOT_START_LOG_ARCHIVE_BACKUP (-9023) | archive of a restoring tenant |
//! | 9026 | HY000 | OB_INVALID_BACKUP_DEST (-9026) | a destination that is no URI |
//! | 9036 | HY000 | OB_BACKUP_IN_PROGRESS (-9036) | second backup of a tenant |
//! | 9040 | HY000 | OB_BACKUP_CAN_NOT_START (-9040) | no dest, archive not DOING, ... |
//! | 9071 | HY000 | OB_BACKUP_PERMISSION_DENIED (-9071) | 4.0-4.3.3: the store refused the keys |
//! | 9081 | HY000 | OB_BACKUP_FORMAT_FILE_NOT_MATCH (-9081) | a path used by another tenant |
//! | 9091 | HY000 | OB_ALREADY_IN_ARCHIVE_MODE (-9091) | ARCHIVELOG twice |
//! | 9092 | HY000 | OB_ALREADY_IN_NOARCHIVE_MODE (-9092) | NOARCHIVELOG twice |
//! | 9116 | HY000 | OB_OBJECT_STORAGE_PERMISSION_DENIED (-9116) | 4.3.5: the store refused the keys |
//! | 9119 | HY000 | OB_RESTORE_SOURCE_NOT_ENOUGH (-9119) | restore point outside the window |

use std::fmt;

/// An error answered to the client as a MySQL ERR packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError {
    pub code: u16,
    pub sqlstate: &'static str,
    pub message: String,
}

impl SqlError {
    fn new(code: u16, sqlstate: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            sqlstate,
            message: message.into(),
        }
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ERROR {} ({}): {}", self.code, self.sqlstate, self.message)
    }
}

impl std::error::Error for SqlError {}

pub type SqlResult<T> = Result<T, SqlError>;

// --- connection and parsing -------------------------------------------------------------

pub fn access_denied(user: &str, host: &str, using_password: bool) -> SqlError {
    let using = if using_password { "YES" } else { "NO" };
    SqlError::new(
        1045,
        "42000",
        format!("Access denied for user '{user}'@'{host}' (using password: {using})"),
    )
}

/// `near` is the rest of the statement from where parsing stopped, as MySQL prints it.
pub fn parse_error(near: &str, line: usize) -> SqlError {
    SqlError::new(
        1064,
        "42000",
        format!(
            "You have an error in your SQL syntax; check the manual that corresponds to your \
             OceanBase version for the right syntax to use near '{near}' at line {line}"
        ),
    )
}

pub fn no_database_selected() -> SqlError {
    SqlError::new(1046, "3D000", "No database selected")
}

pub fn unknown_database(name: &str) -> SqlError {
    SqlError::new(1049, "42000", format!("Unknown database '{name}'"))
}

pub fn table_not_exist(database: &str, table: &str) -> SqlError {
    SqlError::new(1146, "42S02", format!("Table '{database}.{table}' doesn't exist"))
}

pub fn unknown_column(column: &str) -> SqlError {
    SqlError::new(1054, "42S22", format!("Unknown column '{column}' in 'field list'"))
}

pub fn unknown_function(name: &str) -> SqlError {
    SqlError::new(1305, "42000", format!("FUNCTION {name} does not exist"))
}

pub fn unknown_system_variable(name: &str) -> SqlError {
    SqlError::new(1193, "HY000", format!("Unknown system variable '{name}'"))
}

pub fn unknown_time_zone(zone: &str) -> SqlError {
    SqlError::new(1298, "HY000", format!("Unknown or incorrect time zone: '{zone}'"))
}

pub fn internal(message: impl Into<String>) -> SqlError {
    SqlError::new(4016, "HY000", message)
}

// --- generic -----------------------------------------------------------------------------

/// OB_MISS_ARGUMENT: "Miss argument for %s".
pub fn missing_argument(what: &str) -> SqlError {
    SqlError::new(1210, "HY000", format!("Miss argument for {what}"))
}

/// OB_INVALID_ARGUMENT: "Incorrect arguments to %s".
pub fn invalid_argument(what: &str) -> SqlError {
    SqlError::new(1210, "HY000", format!("Incorrect arguments to {what}"))
}

/// OB_ERR_SYS_CONFIG_UNKNOWN: a parameter this release does not have (`backup_dest` on
/// 4.x, `data_backup_dest` on 3.x).
pub fn sys_config_unknown() -> SqlError {
    SqlError::new(5099, "42000", "System config unknown")
}

/// OB_ERR_WRONG_VALUE as MySQL's ER_WRONG_VALUE: a time that does not parse.
pub fn wrong_timestamp(value: &str) -> SqlError {
    SqlError::new(1525, "HY000", format!("Incorrect TIMESTAMP value: '{value}'"))
}

/// OB_ENTRY_NOT_EXIST: "%s".
pub fn entry_not_exist(what: &str) -> SqlError {
    SqlError::new(4018, "HY000", what)
}

/// OB_NOT_SUPPORTED: "%s not supported".
pub fn not_supported(what: &str) -> SqlError {
    SqlError::new(1235, "0A000", format!("{what} not supported"))
}

/// OB_OP_NOT_ALLOW: "%s not allowed".
pub fn op_not_allowed(what: &str) -> SqlError {
    SqlError::new(4179, "HY000", format!("{what} not allowed"))
}

// --- tenants and resources ---------------------------------------------------------------

pub fn tenant_exist(name: &str) -> SqlError {
    SqlError::new(5156, "HY000", format!("tenant '{name}' already exist"))
}

pub fn tenant_not_exist(name: &str) -> SqlError {
    SqlError::new(5157, "HY000", format!("Unknown tenant '{name}'"))
}

pub fn zone_not_exist(zone: &str) -> SqlError {
    SqlError::new(4530, "HY000", format!("Zone info '{zone}' not exist"))
}

pub fn pool_already_granted(pool: &str) -> SqlError {
    SqlError::new(
        4626,
        "HY000",
        format!("resource pool '{pool}' has already been granted to a tenant"),
    )
}

pub fn unit_is_referenced(unit: &str) -> SqlError {
    SqlError::new(
        4634,
        "HY000",
        format!("resource unit '{unit}' is referenced by some resource pool"),
    )
}

pub fn unit_not_exist(unit: &str) -> SqlError {
    SqlError::new(4648, "HY000", format!("resource unit '{unit}' not exist"))
}

pub fn unit_exist(unit: &str) -> SqlError {
    SqlError::new(4649, "HY000", format!("resource unit '{unit}' already exist"))
}

pub fn pool_not_exist(pool: &str) -> SqlError {
    SqlError::new(4650, "HY000", format!("resource pool '{pool}' not exist"))
}

pub fn pool_exist(pool: &str) -> SqlError {
    SqlError::new(4651, "HY000", format!("resource pool '{pool}' exist"))
}

pub fn unit_value_below_limit(what: &str, min: &str) -> SqlError {
    SqlError::new(4659, "HY000", format!("invalid {what} value, min value is {min}"))
}

// --- backup, archive, restore ------------------------------------------------------------

pub fn cannot_start_log_archive() -> SqlError {
    SqlError::new(9023, "HY000", "cannot start log archive backup")
}

/// OB_INVALID_BACKUP_DEST: "%s is not a valid uri" from 4.2.1 BP4 (the `_EXT` message
/// in ob_errno.def at v4.2.1_CE_BP4), "backup destination is not valid" before.
pub fn invalid_backup_dest(uri: &str, names_uri: bool) -> SqlError {
    if names_uri {
        SqlError::new(9026, "HY000", format!("{uri} is not a valid uri"))
    } else {
        SqlError::new(9026, "HY000", "backup destination is not valid")
    }
}

/// OB_BACKUP_FILE_NOT_EXIST: a restore path without a format file (ENOENT on NFS, 404 on
/// object storage; `ob_storage_file.cpp` `convert_io_error`).
pub fn backup_file_not_exist() -> SqlError {
    SqlError::new(9011, "HY000", "cannot find backup file")
}

/// The object store refused the keys a read was signed with, as the release answers it
/// ([`crate::release::ReleaseProfile::object_storage_denied`]): OB_OSS_ERROR on 3.x,
/// OB_BACKUP_PERMISSION_DENIED from 4.0, OB_OBJECT_STORAGE_PERMISSION_DENIED on 4.3.5. None
/// takes an argument (`DEFINE_ERROR_DEP`, ob_errno.def): no URI, so no key, in the message.
pub fn object_storage_denied(code: u16) -> SqlError {
    match code {
        9003 => SqlError::new(9003, "HY000", "OSS error"),
        9116 => SqlError::new(9116, "HY000", "no I/O operation permission of the object storage"),
        _ => SqlError::new(9071, "HY000", "no I/O operation permission at the backup destination"),
    }
}

pub fn backup_in_progress() -> SqlError {
    SqlError::new(9036, "HY000", "Backup is in progress")
}

/// OB_BACKUP_CAN_NOT_START: "backup can not start, because %s".
pub fn backup_can_not_start(because: &str) -> SqlError {
    SqlError::new(9040, "HY000", format!("backup can not start, because {because}"))
}

pub fn backup_format_file_not_match() -> SqlError {
    SqlError::new(
        9081,
        "HY000",
        "the content of the format file at the destination does not match",
    )
}

/// ARCHIVELOG while archiving: OB_ALREADY_IN_ARCHIVE_MODE (9091) from 4.1; on 3.1,
/// OB_NOT_SUPPORTED "start log archive backup when not STOP is not supported".
pub fn already_in_archive_mode(code: u16) -> SqlError {
    match code {
        9091 => SqlError::new(9091, "HY000", "Already in ARCHIVELOG mode"),
        _ => not_supported("start log archive backup when not STOP is"),
    }
}

/// NOARCHIVELOG while not archiving: OB_ALREADY_IN_NOARCHIVE_MODE (9092) from 4.1; on 3.1,
/// OB_ALREADY_NO_LOG_ARCHIVE_BACKUP (9024).
pub fn already_in_noarchive_mode(code: u16) -> SqlError {
    match code {
        9092 => SqlError::new(9092, "HY000", "Already in NOARCHIVELOG mode"),
        _ => SqlError::new(9024, "HY000", "log archive backup is already disabled"),
    }
}

/// A restore source that falls short: OB_ENTRY_NOT_EXIST (4018) up to 4.3.0,
/// OB_RESTORE_SOURCE_NOT_ENOUGH (9119) from 4.3.1, both with the server's detail.
pub fn restore_source_short(code: u16, detail: &str) -> SqlError {
    SqlError::new(if code == 9119 { 9119 } else { 4018 }, "HY000", detail)
}

/// Why [`crate::Emulator::start`] failed.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error("cannot listen on 127.0.0.1: {0}")]
    Bind(#[source] std::io::Error),
    #[error("invalid cluster configuration: {0}")]
    Config(String),
    #[error("cannot build the emulator's state: {0}")]
    State(String),
}
