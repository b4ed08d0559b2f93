//! The operator journal: what the desk sent to clusters, on whose behalf,
//! and what became of it. Written before an action is sent, so a crash in
//! between leaves an entry "in doubt" that the engine reconciles on start.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::words::Words;
use crate::{ClusterId, UtcMicros};

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

word_enum!(
    /// What the operator (or a strategy's schedule) asked for.
    JournalAction {
        BackupTenant => "BACKUP_TENANT",
        BackupCluster => "BACKUP_CLUSTER",
        CancelBackup => "CANCEL_BACKUP",
        StartLogBackup => "START_LOG_BACKUP",
        StopLogBackup => "STOP_LOG_BACKUP",
        Restore => "RESTORE",
        CancelRestore => "CANCEL_RESTORE",
        RetryRestore => "RETRY_RESTORE",
        CleanUpRestore => "CLEAN_UP_RESTORE",
        ActivateTenant => "ACTIVATE_TENANT",
        ApplyStrategy => "APPLY_STRATEGY",
    }
);

word_enum!(
    /// Where an action stands.
    JournalState {
        /// About to be sent, or sent without an answer: in doubt until reconciled.
        Sending => "SENDING",
        /// The cluster accepted the statement; the job it started is not seen yet.
        Sent => "SENT",
        /// The job it started was seen (its id is recorded), or the change took effect.
        Confirmed => "CONFIRMED",
        /// Refused by the desk or the cluster; nothing took effect.
        Failed => "FAILED",
        /// Was in doubt; reconciliation found no trace on the cluster. Never re-sent by itself.
        NotApplied => "NOT_APPLIED",
    }
);

impl JournalAction {
    /// The action in the console's words, for what the desk says about it (the
    /// journal's own code stays in the cache, the CLI's journal and logs).
    pub fn named(self) -> Words {
        use JournalAction as A;
        let (en, zh) = match self {
            A::BackupTenant => ("Tenant backup", "租户备份"),
            A::BackupCluster => ("Cluster backup", "集群备份"),
            A::CancelBackup => ("Backup cancellation", "取消备份"),
            A::StartLogBackup => ("Starting log backup", "开启日志备份"),
            A::StopLogBackup => ("Stopping log backup", "停止日志备份"),
            A::Restore => ("Recovery", "恢复"),
            A::CancelRestore => ("Recovery cancellation", "取消恢复"),
            A::RetryRestore => ("Recovery retry", "重试恢复"),
            A::CleanUpRestore => ("Recovery clean-up", "清理恢复"),
            A::ActivateTenant => ("Tenant activation", "激活租户"),
            A::ApplyStrategy => ("Applying the backup strategy", "应用备份策略"),
        };
        Words::new(en, zh)
    }
}

impl JournalState {
    /// Entries the engine still has to settle with the cluster.
    pub fn is_open(self) -> bool {
        matches!(self, JournalState::Sending | JournalState::Sent)
    }
}

/// One journal row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub cluster: ClusterId,
    /// The tenant acted on; `None` for the whole cluster.
    pub tenant_name: Option<String>,
    /// The OS user the desk runs as, or `scheduler:<strategy id>`.
    pub actor: String,
    pub action: JournalAction,
    /// Redacted JSON of the request.
    pub params: String,
    pub state: JournalState,
    /// The largest job id of that kind on the cluster before sending.
    #[ts(type = "number")]
    pub baseline_job: i64,
    /// The OceanBase job this action started, once seen.
    #[ts(type = "number | null")]
    pub job_id: Option<i64>,
    pub created_at: UtcMicros,
    pub finished_at: Option<UtcMicros>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back() {
        for a in JournalAction::ALL {
            assert_eq!(JournalAction::parse(a.as_str()), Some(*a));
            assert_eq!(serde_json::to_string(a).unwrap(), format!("\"{}\"", a.as_str()));
        }
        for s in JournalState::ALL {
            assert_eq!(JournalState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(JournalState::parse("sent"), None);
    }

    #[test]
    fn every_action_has_words_without_its_code() {
        for a in JournalAction::ALL {
            let w = a.named();
            assert!(!w.en.is_empty() && !w.zh.is_empty());
            assert!(!w.en.contains('_') && !w.zh.contains(a.as_str()), "{a:?}");
        }
    }

    #[test]
    fn only_sending_and_sent_are_open() {
        let open: Vec<_> = JournalState::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(open, [&JournalState::Sending, &JournalState::Sent]);
    }
}
