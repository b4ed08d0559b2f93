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
        }
    }
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
            StoreError::Invalid { field, rule } => Failure::field(Kind::BadInput, field, rule.en),
            StoreError::NotFound { .. } => Failure::new(Kind::NotFound, e.to_string()),
            StoreError::NewerSchema { .. } => Failure::new(Kind::Refused, e.to_string()),
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
