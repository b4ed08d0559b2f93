//! Status values as OceanBase names them. One list per status; a value this
//! desk does not know is kept as `Other(text)` and shown as-is, never dropped.

macro_rules! ob_status {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value this version of the desk does not know.
            Other(String),
        }

        impl $name {
            /// Every value OceanBase documents, as it spells them.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// Never fails: unknown text is kept.
            pub fn parse(text: &str) -> Self {
                match text.trim() {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(s) => s,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(Self::parse(&String::deserialize(d)?))
            }
        }

        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String { stringify!($name).to_owned() }
            fn inline(_: &ts_rs::Config) -> String {
                // The known values, and any other string (kept, shown as-is).
                let known: Vec<String> = Self::KNOWN.iter().map(|s| format!("\"{s}\"")).collect();
                format!("{} | (string & {{}})", known.join(" | "))
            }
            fn decl(cfg: &ts_rs::Config) -> String {
                format!("type {} = {};", stringify!($name), Self::inline(cfg))
            }
            fn decl_concrete(cfg: &ts_rs::Config) -> String { Self::decl(cfg) }
            fn output_path() -> Option<std::path::PathBuf> {
                Some(std::path::PathBuf::from(concat!(stringify!($name), ".ts")))
            }
        }
    };
}

ob_status!(
    /// `STATUS` of `CDB_OB_BACKUP_JOBS` / `_JOB_HISTORY`.
    BackupJobStatus {
        Init => "INIT", Doing => "DOING", Completed => "COMPLETED", Failed => "FAILED",
        Canceling => "CANCELING", Canceled => "CANCELED",
    }
);

ob_status!(
    /// `BACKUP_TYPE` of jobs and set files.
    BackupType { Full => "FULL", Incremental => "INC" }
);

ob_status!(
    /// `STATUS` of `CDB_OB_BACKUP_TASKS`: the phase a running task is in. OceanBase 4.x
    /// writes `ObBackupStatus::get_str` (oceanbase/oceanbase `src/share/backup/
    /// ob_backup_struct.cpp`), CANCELING included.
    BackupTaskStatus {
        Init => "INIT", Doing => "DOING", BackupSysMeta => "BACKUP_SYS_META", BackupUserMeta => "BACKUP_USER_META",
        BackupMetaFinish => "BACKUP_META_FINISH", BackupDataSys => "BACKUP_DATA_SYS", BackupDataMinor => "BACKUP_DATA_MINOR",
        BackupDataMajor => "BACKUP_DATA_MAJOR", BeforeBackupLog => "BEFORE_BACKUP_LOG", BackupLog => "BACKUP_LOG",
        Completed => "COMPLETED", Failed => "FAILED", Canceling => "CANCELING", Canceled => "CANCELED",
    }
);

ob_status!(
    /// `STATUS` of `CDB_OB_BACKUP_SET_FILES`.
    BackupSetStatus { Doing => "DOING", Success => "SUCCESS", Failed => "FAILED" }
);

ob_status!(
    /// `FILE_STATUS` of set files and archive pieces.
    FileStatus {
        Copying => "COPYING", Available => "AVAILABLE", Deleting => "DELETING", Expired => "EXPIRED",
        Incomplete => "INCOMPLETE", Broken => "BROKEN", Deleted => "DELETED",
    }
);

ob_status!(
    /// `STATUS` of `CDB_OB_ARCHIVELOG` / `_SUMMARY`.
    ArchiveStatus {
        Prepare => "PREPARE", Beginning => "BEGINNING", Doing => "DOING", Interrupted => "INTERRUPTED",
        Stop => "STOP", Stopping => "STOPPING", Suspending => "SUSPENDING", Suspend => "SUSPEND",
    }
);

ob_status!(
    /// `STATUS` of `CDB_OB_ARCHIVELOG_PIECE_FILES`.
    PieceStatus { Active => "ACTIVE", Freezing => "FREEZING", Frozen => "FROZEN" }
);

ob_status!(
    /// `STATUS` of the restore views. 4.x (oceanbase/oceanbase `src/share/restore/
    /// ob_physical_restore_table_operator.cpp` `phy_restore_status_str_array`, and the view
    /// definitions in `ob_inner_table_schema_def.py`): the sys tenant's job is CREATE_TENANT,
    /// WAIT_TENANT_RESTORE_FINISH, then RESTORE_SUCCESS or RESTORE_FAIL; the restored
    /// tenant's own job is RESTORING (RESTORE_PRE to POST_CHECK, as the progress view maps
    /// them) or UPGRADE; the history says SUCCESS or FAIL (`ob_restore_persist_helper.cpp`).
    /// 3.x (the same file at v3.1.5_CE): one job from CREATE_TENANT through POST_CHECK to
    /// RESTORE_SUCCESS or RESTORE_FAIL. FAILED is what earlier desks stored.
    RestoreStatus {
        CreateTenant => "CREATE_TENANT", WaitTenantRestoreFinish => "WAIT_TENANT_RESTORE_FINISH",
        Restoring => "RESTORING", RestorePre => "RESTORE_PRE", RestoreCreateInitLs => "RESTORE_CREATE_INIT_LS",
        WaitConsistentScn => "PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN", RestoreWaitLs => "RESTORE_WAIT_LS",
        RestoreSysReplica => "RESTORE_SYS_REPLICA", UpgradePre => "UPGRADE_PRE", UpgradePost => "UPGRADE_POST",
        ModifySchema => "MODIFY_SCHEMA", CreateUserPartitions => "CREATE_USER_PARTITIONS",
        RestoreUserReplica => "RESTORE_USER_REPLICA", RebuildIndex => "REBUILD_INDEX", PostCheck => "POST_CHECK",
        Upgrade => "UPGRADE",
        RestoreSuccess => "RESTORE_SUCCESS", RestoreFail => "RESTORE_FAIL", Success => "SUCCESS", Fail => "FAIL",
        Failed => "FAILED",
    }
);

impl BackupJobStatus {
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed | Self::Canceled)
    }
}

impl RestoreStatus {
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::RestoreSuccess | Self::RestoreFail | Self::Success | Self::Fail | Self::Failed
        )
    }

    pub fn is_failure(&self) -> bool {
        matches!(self, Self::RestoreFail | Self::Fail | Self::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ts_rs::TS;

    #[test]
    fn known_values_round_trip_and_unknown_ones_are_kept() {
        for text in BackupJobStatus::KNOWN {
            assert_eq!(BackupJobStatus::parse(text).as_str(), *text);
            assert!(!matches!(BackupJobStatus::parse(text), BackupJobStatus::Other(_)));
        }
        let odd = BackupJobStatus::parse("BACKUP_PAUSED_BY_NEW_VERSION");
        assert_eq!(odd, BackupJobStatus::Other("BACKUP_PAUSED_BY_NEW_VERSION".into()));
        assert_eq!(serde_json::to_string(&odd).unwrap(), "\"BACKUP_PAUSED_BY_NEW_VERSION\"");
        assert_eq!(BackupType::parse("INC"), BackupType::Incremental);
    }

    #[test]
    fn typescript_lists_the_known_values_and_accepts_others() {
        let ts = PieceStatus::decl(&ts_rs::Config::new());
        assert_eq!(
            ts,
            "type PieceStatus = \"ACTIVE\" | \"FREEZING\" | \"FROZEN\" | (string & {});"
        );
    }
}
