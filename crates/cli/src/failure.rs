//! Why a command failed, and the exit code a script sees.

use std::fmt;

use desk_oceanbase::{ObError, ObErrorCode};
use desk_store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BadInput,
    NotFound,
    Unreachable,
    Refused,
    /// The local cache cannot be used: unreadable, read-only, locked, or replaced.
    Cache,
    Other,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Other => 1,
            Kind::BadInput => 2,
            Kind::NotFound => 3,
            Kind::Unreachable => 4,
            Kind::Refused => 5,
            Kind::Cache => 6,
        }
    }
}

/// The CLI's flag for a field as the engine, the store and the connector name it (the
/// app's argument names), so a refusal names what the user typed. None: the CLI has no
/// flag for it (the value came from the cache or the cluster).
pub fn flag_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "targetTenant" | "target-tenant" => "target-tenant",
        // Resource pools and units are named after the new tenant.
        "pool" | "poolName" | "unit" => "target-tenant",
        "tenant" | "tenantName" | "sourceTenant" => "tenant",
        "zones" | "zone" => "zone",
        "until" | "recoveryTime" => "until",
        "unitCpu" | "unit-cpu" => "unit-cpu",
        "unitMemory" | "unitMemoryGib" | "unit-memory-gib" => "unit-memory-gib",
        "unitNum" | "unit-num" => "unit-num",
        "plusArchivelog" | "plus-archivelog" => "plus-archivelog",
        "method" => "incremental",
        "password" | "password-env" => "password-env",
        "name" | "cluster" => "cluster",
        "host" => "host",
        "port" => "port",
        "user" => "user",
        "label" => "label",
        "limit" => "limit",
        "after" => "after",
        "from" => "from",
        "to" => "to",
        "statuses" | "status" => "status",
        "job" | "jobId" => "job",
        "output" => "output",
        "data-dir" => "data-dir",
        _ => return None,
    })
}

/// A failure: its kind, and a message naming the field (when there is one) and the rule.
#[derive(Debug)]
pub struct Failure {
    pub kind: Kind,
    pub field: Option<&'static str>,
    /// The field is a positional argument (`FILE`), named as the help names it, not `--FILE`.
    pub positional: bool,
    pub message: String,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Self {
            kind,
            field: None,
            positional: false,
            message: message.into(),
        }
    }

    pub fn field(kind: Kind, field: &'static str, rule: impl Into<String>) -> Self {
        Self {
            kind,
            field: Some(field),
            positional: false,
            message: rule.into(),
        }
    }

    /// A refusal the engine, store or connector gave for `field` (its message may be
    /// labelled `field: rule`): named by the CLI's flag when there is one.
    pub fn named(kind: Kind, field: &str, message: &str) -> Self {
        match flag_for(field) {
            Some(flag) => {
                let rule = message
                    .strip_prefix(field)
                    .and_then(|m| m.strip_prefix(": "))
                    .unwrap_or(message);
                Failure::field(kind, flag, rule)
            }
            None => Failure::new(kind, message),
        }
    }

    /// A refusal of a positional argument, by its value name (`FILE`).
    pub fn positional(kind: Kind, name: &'static str, rule: impl Into<String>) -> Self {
        Self {
            positional: true,
            ..Self::field(kind, name, rule)
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(name) if self.positional => write!(f, "{name}: {}", self.message),
            Some(field) => write!(f, "--{field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid { field, rule } => Failure::named(Kind::BadInput, field, &rule.en),
            StoreError::NotFound { .. } => Failure::new(Kind::NotFound, e.to_string()),
            StoreError::NewerSchema { .. }
            | StoreError::ReadOnlyFile { .. }
            | StoreError::Open { .. }
            | StoreError::Lock { .. }
            | StoreError::SetAside { .. }
            | StoreError::FreshCacheDamaged { .. }
            | StoreError::Unavailable { .. } => Failure::new(Kind::Cache, e.to_string()),
            other => Failure::new(Kind::Other, other.to_string()),
        }
    }
}

/// How a cluster's error reads to a script.
pub fn cluster_kind(code: ObErrorCode) -> Kind {
    match code {
        ObErrorCode::ConnectionLost | ObErrorCode::Timeout => Kind::Unreachable,
        ObErrorCode::AccessDenied
        | ObErrorCode::Unsupported
        | ObErrorCode::BackupNotSupported
        | ObErrorCode::NotAllowedNow
        | ObErrorCode::InvalidInput => Kind::Refused,
        ObErrorCode::ObjectMissing => Kind::NotFound,
        _ => Kind::Other,
    }
}

impl From<ObError> for Failure {
    fn from(e: ObError) -> Self {
        // The connector's messages are redacted already. A statement the server answered
        // with an error was refused by the cluster, whatever its number means: exit 5 with
        // that number and the server's own words.
        match e.server_code {
            Some(n) if !matches!(e.code, ObErrorCode::ConnectionLost | ObErrorCode::Timeout) => Failure::new(
                Kind::Refused,
                format!("the cluster refused it (error {n}): {}", e.message.en),
            ),
            _ => Failure::new(cluster_kind(e.code), e.message.en),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every flag a refusal can name is a flag of the CLI (a renamed flag fails here).
    #[test]
    fn every_named_flag_exists() {
        use clap::CommandFactory;
        fn longs(c: &clap::Command, out: &mut Vec<String>) {
            out.extend(c.get_arguments().filter_map(|a| a.get_long().map(str::to_owned)));
            for sub in c.get_subcommands() {
                longs(sub, out);
            }
        }
        let mut flags = Vec::new();
        longs(&crate::args::Cli::command(), &mut flags);
        let fields = [
            "targetTenant",
            "pool",
            "poolName",
            "unit",
            "tenant",
            "tenantName",
            "sourceTenant",
            "zones",
            "until",
            "recoveryTime",
            "unitCpu",
            "unitMemory",
            "unitMemoryGib",
            "unitNum",
            "plusArchivelog",
            "method",
            "password",
            "name",
            "cluster",
            "host",
            "port",
            "user",
            "label",
            "limit",
            "after",
            "from",
            "to",
            "statuses",
            "job",
            "jobId",
            "output",
            "data-dir",
        ];
        for field in fields {
            let flag = flag_for(field).unwrap_or_else(|| panic!("{field} has no flag"));
            // `label` belongs to `desk import`.
            if flag != "label" {
                assert!(flags.iter().any(|f| f == flag), "--{flag} (for {field}) is not a flag");
            }
        }
        assert_eq!(flag_for("storage"), None, "no flag: the value came from the cluster");
    }

    #[test]
    fn a_labelled_refusal_is_named_once_by_its_flag() {
        let f = Failure::named(
            Kind::BadInput,
            "targetTenant",
            "targetTenant: \"sys\" is reserved by OceanBase",
        );
        assert_eq!(f.to_string(), "--target-tenant: \"sys\" is reserved by OceanBase");
        let f = Failure::named(Kind::BadInput, "storage", "storage: no destination");
        assert_eq!(f.to_string(), "storage: no destination");
    }

    #[test]
    fn a_statement_the_server_refused_exits_5_with_its_number_and_words() {
        for (number, text) in [
            (1235, "change archive dest when archive is running is not supported"),
            (9036, "Backup is in progress"),
            (1064, "You have an error in your SQL syntax"),
            (4016, "Internal error"),
        ] {
            let f = Failure::from(ObError::from_server(number, text));
            assert_eq!(f.kind.exit_code(), 5, "{number}");
            assert_eq!(
                f.to_string(),
                format!("the cluster refused it (error {number}): {text}")
            );
        }
        // Not answered: unreachable, not refused.
        let lost = ObError::new(ObErrorCode::ConnectionLost, desk_model::words!("gone", "断开"));
        assert_eq!(Failure::from(lost).kind.exit_code(), 4);
    }
}
