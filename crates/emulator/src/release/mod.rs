//! The OceanBase releases the emulator can stand in for, each as that release is: its
//! banner, its views and their columns, the statements it takes and the errors it
//! answers with. Every fact names its source; where none could be found, the profile
//! says what it borrows.
//!
//! Sources, read and never copied:
//! - views and columns: oceanbase/oceanbase-doc, one branch per release, read by
//!   `releases/generate.py` into [`columns`] (each list names its page);
//! - banners: `src/share/system_variable/ob_system_variable.cpp` of oceanbase/oceanbase
//!   at the release tags (3.1: `"OceanBase %s (r%s) (Built %s %s)"`, `VERSION()` =
//!   `"<version>-OceanBase CE"` from `src/CMakeLists.txt`; 4.0/4.1 CE: `"OceanBase_CE %s ..."`
//!   and `"5.7.25-OceanBase_CE-v%s"`; from 4.2 the Enterprise build drops `_CE`), and the
//!   banners printed in oceanbase-doc and public code, quoted on each profile;
//! - errors: `src/share/ob_errno.def` at the release tags (numbers never moved; which
//!   number a situation gets did, see [`Release::restore_source_error`]).

mod columns;

use std::fmt;

/// One view as a release's documentation lists it.
#[derive(Debug)]
pub struct DocView {
    pub name: &'static str,
    /// `BRANCH:path` in oceanbase/oceanbase-doc.
    pub doc: &'static str,
    /// (column, type as documented).
    pub columns: &'static [(&'static str, &'static str)],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    Community,
    Enterprise,
}

/// The backup generation: 3.x backs up clusters and names times in microseconds; 4.x
/// backs up tenants and names them in SCNs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Line {
    V3,
    V4,
}

/// Which object storage a release takes as a backup destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Media {
    pub oss: bool,
    pub cos: bool,
    /// AWS S3 (`s3://` with `s3_region`).
    pub s3: bool,
    /// S3-compatible stores (OBS, GCS) through `s3://`.
    pub s3_compatible: bool,
}

/// A release the emulator can be.
#[derive(Debug)]
pub struct ReleaseProfile {
    /// The name configurations use: `4.2.1-ce`.
    pub key: &'static str,
    pub version: &'static str,
    pub edition: Edition,
    /// The revision in `(r...)`: release number, then the commit.
    pub revision: &'static str,
    /// `(Built ...)`.
    pub built: &'static str,
    /// What `SELECT VERSION()` answers.
    pub version_function: &'static str,
    /// Where this banner was seen, or what it is assembled from.
    pub banner_source: &'static str,
    pub line: Line,
    pub views: &'static [DocView],
    /// Why these views, when the release has no documentation branch of its own.
    pub views_note: &'static str,
    /// The tenant data version backups record; below 4.2.0 OceanBase reads a backup's
    /// UNTIL TIME as +08:00 whatever the cluster's zone (`ob_restore_util.cpp`
    /// `get_backup_sys_time_zone_`, via `ObBackupDataStore::get_backup_sys_time_zone_wrap`).
    pub data_version: [u32; 4],
    /// `ALTER SYSTEM RESTORE ... UNTIL SCN = n`: documented from V4.1.0
    /// (`en-US/600.manage/600.backup-and-recovery/600.restore-data/200.initiate-the-tenant-restore.md`).
    pub until_scn: bool,
    /// `ALTER SYSTEM BACKUP TENANT`: every 4.x; on 3.x an Enterprise feature from 3.2.1
    /// (V4.2.1 `en-US/900.release-notes/.../10100.V3.2/9800.ob-321.md`), missing from the
    /// 3.1.5 CE parser (`sql_parser_mysql_mode.y` at v3.1.5_CE_HF2).
    pub tenant_backup: bool,
    /// What a restore whose source falls short answers: OB_ENTRY_NOT_EXIST (4018) "No enough
    /// log for restore" up to 4.3.0, OB_RESTORE_SOURCE_NOT_ENOUGH (9119) from 4.3.1
    /// (`src/share/backup/ob_archive_store.cpp` at v4.2.1_CE_BP4 and 4.3.0;
    /// `src/rootserver/restore/ob_restore_util.cpp` at 4.3.3.0). 3.x checks the source
    /// after the statement returns: 0 here.
    pub restore_source_error: u16,
    /// ARCHIVELOG when archiving, NOARCHIVELOG when not: 9091 / 9092 from 4.1
    /// (`ob_tenant_archive_scheduler.cpp`); on 3.1 1235 "start log archive backup when not
    /// STOP is not supported" and 9024 (`ob_log_archive_scheduler.cpp` at v3.1.5_CE_HF2).
    pub archive_mode_errors: (u16, u16),
    /// OB_INVALID_BACKUP_DEST (9026) says "%s is not a valid uri" from 4.2.1 BP4
    /// (ob_errno.def at v4.2.1_CE_BP4), "backup destination is not valid" before.
    pub uri_in_invalid_dest_message: bool,
    /// Replica types a restore's locality and a pool may name: 4.0/4.1 full only, 4.2 on
    /// FULL and READONLY (the releases' CREATE TENANT / RESTORE locality pages).
    pub replica_types: &'static [&'static str],
    pub media: Media,
    /// What a read of object storage answers when the store refuses the keys (HTTP 403:
    /// `InvalidAccessKeyId`, `SignatureDoesNotMatch`, `AccessDenied`). The first read is the
    /// HEAD of a file at the destination, which OceanBase maps by the HTTP status alone:
    /// - 3.x: OB_OSS_ERROR (9003) "OSS error". The 3.1 `ObStorageOssBase::get_oss_file_meta`
    ///   (`deps/oblib/src/lib/restore/ob_storage_oss_base.cpp`, v3.1.x_CE) turns every
    ///   status but 404 into OB_OSS_ERROR, and its `ob_storage_oss_base.h` names no 403;
    ///   9071 is "introduced since V4.0.0" (V4.1.0 `en-US/700.reference/500.system-reference/
    ///   600.error-code-of-mysql-mode/900.9000-9499-of-mysql-mode.md`). 3.2 has no public
    ///   source: it borrows 3.1's.
    /// - 4.0 up to 4.3.3: OB_BACKUP_PERMISSION_DENIED (9071) "no I/O operation permission at
    ///   the backup destination": `convert_io_error` in the same file, `case
    ///   OSS_PERMISSION_DENIED` (403, `ob_storage_oss_base.h`), in every 4.x tree read up to
    ///   4.3.3.1 (S3's `ACCESS_DENIED` and COS's 403 likewise, `ob_storage_s3_base.cpp`,
    ///   `cos/ob_cos_wrapper.cpp`). The V4.2.5 error pages still have no 9116.
    /// - 4.3.5: OB_OBJECT_STORAGE_PERMISSION_DENIED (9116) "no I/O operation permission of
    ///   the object storage", the same `case` in the 4.3.5.5 tree (`OB_BUILD_VERSION
    ///   "4.3.5.5"`), and any 403 of S3 (`convert_http_error`, `S3_PERMISSION_DENIED`).
    ///
    /// Numbers and texts: `src/share/ob_errno.def` (`OB_OSS_ERROR, -9003`,
    /// `OB_BACKUP_PERMISSION_DENIED, -9071`, `OB_OBJECT_STORAGE_PERMISSION_DENIED, -9116`).
    pub object_storage_denied: u16,
}

/// A release by reference; configurations hold this.
#[derive(Clone, Copy)]
pub struct Release(&'static ReleaseProfile);

impl std::ops::Deref for Release {
    type Target = ReleaseProfile;
    fn deref(&self) -> &ReleaseProfile {
        self.0
    }
}

impl PartialEq for Release {
    fn eq(&self, other: &Release) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for Release {}

impl fmt::Debug for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Release({})", self.0.key)
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let edition = match self.edition {
            Edition::Community => "CE",
            Edition::Enterprise => "EE",
        };
        write!(f, "OceanBase {} {edition}", self.version)
    }
}

const NFS_OSS: Media = Media {
    oss: true,
    cos: false,
    s3: false,
    s3_compatible: false,
};

impl Release {
    /// 3.1.5 Community (tag v3.1.5_CE, commit 6d73a676, 2023-04-17). The revision is the one
    /// the 3.1.5 CE packages carry; the comment has no `_CE` in 3.1.
    pub const V3_1_5_CE: Release = Release(&ReleaseProfile {
        key: "3.1.5-ce",
        version: "3.1.5",
        edition: Edition::Community,
        revision: "100000252023041721-6d73a6764190f46bbc0805dc27eea5ab08e1920c",
        built: "Apr 17 2023 21:00:00",
        version_function: "3.1.5-OceanBase CE",
        banner_source: "assembled: format of v3.1.5_CE ob_system_variable.cpp, commit of tag v3.1.5_CE, \
                        release number of the 3.1.5 CE packages, build hour as the revision says; VERSION() as V3.1.5 \
                        zh-CN/100.users-guide/100.oceanbase-database/600.version-number-rules-of-oceanbase-database.md",
        line: Line::V3,
        views: columns::V3_1_5,
        views_note: "",
        data_version: [3, 1, 5, 0],
        until_scn: false,
        tenant_backup: false,
        restore_source_error: 0,
        archive_mode_errors: (1235, 9024),
        uri_in_invalid_dest_message: false,
        replica_types: &["FULL", "READONLY"],
        // "目前，OceanBase 数据库支持 NFS 作为备份目的端" (V3.1.5 UG preparations-before-backup).
        media: Media { oss: false, ..NFS_OSS },
        object_storage_denied: 9003,
    });

    /// 3.2.4.3 Enterprise. There is no 3.2 branch in oceanbase-doc and no public 3.2
    /// source: the views are 3.1.5's plus what the 3.2.4 release notes add (V4.2.1
    /// `zh-CN/900.release-notes/.../10100.V3.2/9500.ob-324.md`, "视图变更").
    pub const V3_2_4_EE: Release = Release(&ReleaseProfile {
        key: "3.2.4-ee",
        version: "3.2.4.3",
        edition: Edition::Enterprise,
        revision: "103020012023051810-a562da822afa7979edf77bb00d0b4f8e222dc937",
        built: "May 18 2023 10:41:35",
        version_function: "5.7.25-OceanBase-v3.2.4.3",
        banner_source: "a public capture of `SHOW VARIABLES` (version_comment and version) of 3.2.4.3",
        line: Line::V3,
        views: columns::V3_1_5,
        views_note: "V3.1.5's pages, with the 3.2.4 release notes' additions",
        data_version: [3, 2, 4, 3],
        until_scn: false,
        tenant_backup: true,
        restore_source_error: 0,
        archive_mode_errors: (1235, 9024),
        uri_in_invalid_dest_message: false,
        replica_types: &["FULL", "READONLY"],
        media: NFS_OSS,
        object_storage_denied: 9003,
    });

    /// 4.1.0.0 Community, as in the V4.1.0 quick start.
    pub const V4_1_0_CE: Release = Release(&ReleaseProfile {
        key: "4.1.0-ce",
        version: "4.1.0.0",
        edition: Edition::Community,
        revision: "100000192023032010-0265dfc6d00ff4f0ff4ad2710504a18962abaef6",
        built: "Mar 20 2023 10:12:57",
        version_function: "5.7.25-OceanBase_CE-v4.1.0.0",
        banner_source: "V4.1.0 en-US/200.quickstart/100.quickly-experience-oceanbase-for-community.md",
        line: Line::V4,
        views: columns::V4_1_0,
        views_note: "",
        data_version: [4, 1, 0, 0],
        until_scn: true,
        tenant_backup: true,
        restore_source_error: 4018,
        archive_mode_errors: (9091, 9092),
        uri_in_invalid_dest_message: false,
        replica_types: &["FULL"],
        // "支持的归档目的端介质为 NFS 和阿里云 OSS" (V4.1.0 zh-CN preparation-before-log-archive).
        media: NFS_OSS,
        object_storage_denied: 9071,
    });

    /// 4.2.1.1 Community (BP1 HF1, before BP3: no CDB_OB_BACKUP_TASKS.DATA_PROGRESS, no
    /// S3, the old OB_INVALID_BACKUP_DEST text), as ob-operator's docs print it.
    pub const V4_2_1_CE: Release = Release(&ReleaseProfile {
        key: "4.2.1-ce",
        version: "4.2.1.1",
        edition: Edition::Community,
        revision: "101010012023111012-2f6924cd5a576f09d6e7f212fac83f1a15ff531a",
        built: "Nov 10 2023 12:13:37",
        version_function: "5.7.25-OceanBase_CE-v4.2.1.1",
        banner_source: "oceanbase/ob-operator docsite/docs/developer/deploy-locally.md",
        line: Line::V4,
        views: columns::V4_2_1,
        views_note: "",
        data_version: [4, 2, 1, 0],
        until_scn: true,
        tenant_backup: true,
        restore_source_error: 4018,
        archive_mode_errors: (9091, 9092),
        uri_in_invalid_dest_message: false,
        replica_types: &["FULL", "READONLY"],
        // "支持 OSS、COS、NFS 三种备份介质" (V4.2.1 backup overview); S3 from 4.2.1 BP7.
        media: Media { cos: true, ..NFS_OSS },
        object_storage_denied: 9071,
    });

    /// 4.2.5 Enterprise. No 4.2.5 banner is public: this one has the shape of the 4.2.4.0
    /// Enterprise banner in V4.2.4 `zh-CN/300.develop/.../200.connect-to-an-oceanbase-tenant-by-using-a-mysql-client-of-mysql-mode.md`.
    /// Whether 4.2.5 answers a short restore source with 9119 is not known (no 4.2.5
    /// source; 4.2.3 answers 4018): 4018 here.
    pub const V4_2_5_EE: Release = Release(&ReleaseProfile {
        key: "4.2.5-ee",
        version: "4.2.5.0",
        edition: Edition::Enterprise,
        revision: "200000182024102816-0000000000000000000000000000000000000000",
        built: "Oct 28 2024 16:00:00",
        version_function: "5.7.25-OceanBase-v4.2.5.0",
        banner_source: "assembled in the shape of the 4.2.4.0 Enterprise banner (V4.2.4 docs); no commit, build hour as the revision says",
        line: Line::V4,
        views: columns::V4_2_5,
        views_note: "",
        data_version: [4, 2, 5, 0],
        until_scn: true,
        tenant_backup: true,
        restore_source_error: 4018,
        archive_mode_errors: (9091, 9092),
        uri_in_invalid_dest_message: true,
        replica_types: &["FULL", "READONLY"],
        // V4.2.5 overview: OSS, COS, NFS, and from 4.2.1 BP7 AWS S3 and S3-compatible stores.
        media: Media {
            oss: true,
            cos: true,
            s3: true,
            s3_compatible: true,
        },
        object_storage_denied: 9071,
    });

    /// 4.3.2.0 Enterprise, as the V4.3.2 docs print it.
    pub const V4_3_2_EE: Release = Release(&ReleaseProfile {
        key: "4.3.2-ee",
        version: "4.3.2.0",
        edition: Edition::Enterprise,
        revision: "200000272024061717-93c0ed73ebbcac6edbf7b585860b75d825935358",
        built: "Jun 17 2024 18:06:04",
        version_function: "5.7.25-OceanBase-v4.3.2.0",
        banner_source: "V4.3.2 zh-CN/300.develop/100.application-development-of-mysql-mode/100.connect-to-oceanbase-database-of-mysql-mode/200.connect-to-an-oceanbase-tenant-by-using-a-mysql-client-of-mysql-mode.md",
        line: Line::V4,
        views: columns::V4_3_2,
        views_note: "",
        data_version: [4, 3, 2, 0],
        until_scn: true,
        tenant_backup: true,
        restore_source_error: 9119,
        archive_mode_errors: (9091, 9092),
        uri_in_invalid_dest_message: true,
        replica_types: &["FULL", "READONLY"],
        media: Media {
            oss: true,
            cos: true,
            s3: true,
            s3_compatible: true,
        },
        object_storage_denied: 9071,
    });

    /// 4.3.5.6 Community. oceanbase-doc has no 4.3.5 branch: its views are V4.3.3's.
    pub const V4_3_5_CE: Release = Release(&ReleaseProfile {
        key: "4.3.5-ce",
        version: "4.3.5.6",
        edition: Edition::Community,
        revision: "106000012026040916-560923b02bdb9ed88dbd7940ac97a2e183c09b29",
        built: "Apr  9 2026 16:00:00",
        version_function: "5.7.25-OceanBase_CE-v4.3.5.6",
        banner_source: "the revision an `observer --version` of 4.3.5.6 printed in a public report; build hour as the revision says",
        line: Line::V4,
        views: columns::V4_3_3,
        views_note: "V4.3.3's pages: oceanbase-doc has no 4.3.5 branch",
        data_version: [4, 3, 5, 0],
        until_scn: true,
        tenant_backup: true,
        restore_source_error: 9119,
        archive_mode_errors: (9091, 9092),
        uri_in_invalid_dest_message: true,
        replica_types: &["FULL", "READONLY"],
        media: Media {
            oss: true,
            cos: true,
            s3: true,
            s3_compatible: true,
        },
        object_storage_denied: 9116,
    });

    /// Every profile, oldest first.
    pub const ALL: [Release; 7] = [
        Release::V3_1_5_CE,
        Release::V3_2_4_EE,
        Release::V4_1_0_CE,
        Release::V4_2_1_CE,
        Release::V4_2_5_EE,
        Release::V4_3_2_EE,
        Release::V4_3_5_CE,
    ];

    pub fn by_key(key: &str) -> Option<Release> {
        Release::ALL.into_iter().find(|r| r.key.eq_ignore_ascii_case(key))
    }

    /// `@@version_comment` as the release sends it, then what the emulator is: a client
    /// reading the banner as OceanBase does sees the release; a person sees the truth.
    pub fn version_comment(&self) -> String {
        let name = match self.edition {
            Edition::Community if self.line == Line::V4 => "OceanBase_CE",
            _ => "OceanBase",
        };
        format!(
            "{name} {} (r{}) (Built {}) ob-emulator: OB Backup Desk's backup emulator, not an OceanBase server",
            self.version, self.revision, self.built
        )
    }

    pub fn major(&self) -> u32 {
        self.version.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0)
    }

    /// The view as this release has it, if it has it. Names compare without case.
    pub fn view(&self, name: &str) -> Option<ServedView> {
        let doc = self.views.iter().find(|v| v.name.eq_ignore_ascii_case(name))?;
        Some(ServedView {
            doc,
            extra: self.extra_columns(doc.name),
        })
    }

    /// Every view this release has.
    pub fn served_views(&self) -> impl Iterator<Item = ServedView> + '_ {
        self.views.iter().map(|doc| ServedView {
            doc,
            extra: self.extra_columns(doc.name),
        })
    }

    /// Columns a release adds to a borrowed documentation page.
    fn extra_columns(&self, view: &str) -> &'static [(&'static str, &'static str)] {
        if self.key != "3.2.4-ee" {
            return &[];
        }
        // The 3.2.4 release notes' "视图变更" table (see `V3_2_4_EE`).
        match view {
            "CDB_OB_BACKUP_SET_FILES" => &[
                ("START_REPLAY_LOG_TS", "bigint(20)"),
                ("SNAPSHOT_VERSION", "bigint(20)"),
                ("BACKUP_SET_PATH", "varchar(4096)"),
            ],
            "CDB_OB_BACKUP_PIECE_FILES" => &[("BACKUP_PIECE_PATH", "varchar(4096)")],
            "CDB_OB_BACKUP_ARCHIVELOG_SUMMARY" => &[("BACKUP_ROUND_PATH", "varchar(4096)")],
            _ => &[],
        }
    }

    /// Whether a backup of this release reads UNTIL TIME in +08:00 whatever its zone.
    pub fn backup_zone_is_fixed(&self) -> bool {
        self.data_version < [4, 2, 0, 0]
    }
}

/// A view of one release: its documented columns and any the release adds.
#[derive(Debug, Clone, Copy)]
pub struct ServedView {
    pub doc: &'static DocView,
    pub extra: &'static [(&'static str, &'static str)],
}

impl ServedView {
    pub fn name(&self) -> &'static str {
        self.doc.name
    }

    pub fn columns(&self) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        self.doc.columns.iter().chain(self.extra)
    }

    pub fn has(&self, column: &str) -> bool {
        self.columns().any(|(c, _)| c.eq_ignore_ascii_case(column))
    }

    /// `CREATE TABLE oceanbase.<view> (...)`, which SQLite (the emulator's store) and a
    /// real OceanBase (the connector's fixture tests on seekdb) both accept. Departures
    /// from the documented types, for that: `bigint(20) unsigned` is written `BIGINT
    /// UNSIGNED` (SQLite refuses a word after the width); every VARCHAR is widened to at
    /// least 4096 and at most 65536 characters (pages declare `varchar(1)` for a
    /// BACKUP_TYPE that holds `FULL`, and OceanBase caps VARCHAR); and every column may
    /// be NULL (a running job's END_TIMESTAMP is NULL where a page says NO).
    pub fn ddl(&self) -> String {
        let columns: Vec<String> = self
            .columns()
            .map(|(name, kind)| format!("  {name} {} NULL", sql_type(kind)))
            .collect();
        format!("CREATE TABLE oceanbase.{} (\n{}\n)", self.name(), columns.join(",\n"))
    }
}

fn sql_type(documented: &str) -> String {
    let t = documented.trim().to_ascii_uppercase().replace(' ', "");
    if let Some(rest) = t.strip_prefix("VARCHAR(") {
        let n: u32 = rest.trim_end_matches(')').parse().unwrap_or(4096);
        return format!("VARCHAR({})", n.clamp(4096, 65536));
    }
    if t.ends_with("UNSIGNED") {
        return "BIGINT UNSIGNED".to_string();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_has_its_documented_views_and_a_real_banner_shape() {
        for r in Release::ALL {
            assert_eq!(Release::by_key(r.key), Some(r));
            let comment = r.version_comment();
            let (name, rest) = comment.split_once(' ').unwrap();
            assert!(name == "OceanBase" || name == "OceanBase_CE", "{comment}");
            assert!(rest.starts_with(r.version), "{comment}");
            assert!(rest.contains(&format!("(r{})", r.revision)), "{comment}");
            for v in r.served_views() {
                assert!(v.doc.doc.contains(".md"), "{} {}", r.key, v.name());
                assert!(v.columns().count() >= 3, "{} {}", r.key, v.name());
            }
            let tenants = if r.line == Line::V3 {
                "GV$TENANT"
            } else {
                "DBA_OB_TENANTS"
            };
            assert!(r.view(tenants).is_some(), "{}", r.key);
        }
    }

    /// Facts the issue names, as the documentation of each release has them.
    #[test]
    fn columns_differ_as_the_releases_do() {
        let has = |r: Release, view: &str, column: &str| r.view(view).is_some_and(|v| v.has(column));
        // CDB_OB_BACKUP_TASKS.DATA_PROGRESS: 4.2.1 BP3 / 4.3.1 ("该字段从 V4.2.1 BP3 版本开始引入").
        assert!(!has(Release::V4_2_1_CE, "CDB_OB_BACKUP_TASKS", "DATA_PROGRESS"));
        assert!(has(Release::V4_2_5_EE, "CDB_OB_BACKUP_TASKS", "DATA_PROGRESS"));
        assert!(has(Release::V4_3_2_EE, "CDB_OB_BACKUP_TASKS", "LOG_PROGRESS"));
        // CDB_OB_RESTORE_PROGRESS tablet counts: 4.2.3 on the 4.2 line, 4.3.3 on the 4.3 line.
        assert!(!has(Release::V4_2_1_CE, "CDB_OB_RESTORE_PROGRESS", "TABLET_COUNT"));
        assert!(has(Release::V4_2_5_EE, "CDB_OB_RESTORE_PROGRESS", "TABLET_COUNT"));
        assert!(!has(Release::V4_3_2_EE, "CDB_OB_RESTORE_PROGRESS", "TABLET_COUNT"));
        assert!(has(Release::V4_3_5_CE, "CDB_OB_RESTORE_PROGRESS", "TABLET_COUNT"));
        // LS counts and COMMENT only in the history.
        for r in Release::ALL.into_iter().filter(|r| r.line == Line::V4) {
            assert!(!has(r, "CDB_OB_RESTORE_PROGRESS", "COMMENT"), "{}", r.key);
            assert!(has(r, "CDB_OB_RESTORE_HISTORY", "LS_COUNT"), "{}", r.key);
        }
        // DBA_OB_TENANTS.UNIT_NUM from 4.2.0; CDB_OB_BACKUP_SET_FILES.CLUSTER_VERSION too.
        assert!(!has(Release::V4_1_0_CE, "DBA_OB_TENANTS", "UNIT_NUM"));
        assert!(has(Release::V4_2_1_CE, "DBA_OB_TENANTS", "UNIT_NUM"));
        assert!(!has(Release::V4_1_0_CE, "CDB_OB_BACKUP_SET_FILES", "CLUSTER_VERSION"));
        // 3.x has no DBA_OB_TENANTS; 3.2.4 adds the set's snapshot to the set files.
        assert!(Release::V3_1_5_CE.view("DBA_OB_TENANTS").is_none());
        assert!(!has(Release::V3_1_5_CE, "CDB_OB_BACKUP_SET_FILES", "SNAPSHOT_VERSION"));
        assert!(has(Release::V3_2_4_EE, "CDB_OB_BACKUP_SET_FILES", "SNAPSHOT_VERSION"));
    }

    #[test]
    fn documented_types_become_types_both_stores_take() {
        assert_eq!(sql_type("bigint(20) unsigned"), "BIGINT UNSIGNED");
        assert_eq!(sql_type("varchar(1)"), "VARCHAR(4096)");
        assert_eq!(sql_type("varchar(262144)"), "VARCHAR(65536)");
        assert_eq!(sql_type("decimal(6, 2)"), "DECIMAL(6,2)");
        assert_eq!(sql_type("timestamp(6)"), "TIMESTAMP(6)");
    }
}
