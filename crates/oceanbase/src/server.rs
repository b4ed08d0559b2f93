//! What kind of server answered, and what the desk can do with it.

use desk_model::version::TENANT_BACKUP_MIN;
use desk_model::{words, ObVersion, Words};
use serde::Serialize;
use ts_rs::TS;

/// Community (`OceanBase_CE ...` in the version comment) or Enterprise (`OceanBase ...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Edition {
    Community,
    Enterprise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ServerFlavor {
    OceanBase,
    /// seekdb: an OceanBase kernel without the backup feature.
    SeekDb,
    /// OB Backup Desk's own emulator (the sandbox and tests).
    Emulator,
}

/// What the desk may do on this server, with the reason for each refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// Any backup or restore at all.
    pub backup: bool,
    /// Why not, when `backup` is false.
    pub backup_refusal: Option<Words>,
    /// Backup Now for a single tenant.
    pub tenant_backup: bool,
    /// Why not, when `tenant_backup` is false (shown on the disabled button).
    pub tenant_backup_refusal: Option<Words>,
    /// 3.x: backup, archive and restore are cluster-level statements.
    pub cluster_level_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerInfo {
    pub flavor: ServerFlavor,
    pub edition: Edition,
    pub version: ObVersion,
    /// `@@version_comment` as the server sent it.
    pub version_comment: String,
    pub capabilities: Capabilities,
}

impl ServerInfo {
    /// Reads `@@version_comment`. Real servers send (examples from
    /// oceanbase/oceanbase-doc, cited in `desk_model::version`):
    /// - Community: `OceanBase_CE 4.2.1.1 (r101010012023111012-2f69...) (Built Nov 10 2023 12:20:26)`,
    ///   `OceanBase_CE 3.1.5 (r100000252023041721-...)`;
    /// - Enterprise: `OceanBase 4.2.5.0 (r...)`, `OceanBase 3.2.3.0 (r20220511132422-...)`;
    /// - early builds: `OceanBase 3.1.0 (r1-) (Built ...)`, `OceanBase 3.1.1 (r-00672c3c...)`;
    /// - seekdb: `OceanBase 4.3.5.3 seekdb (r1.4.0.0) ...`.
    ///
    /// `None` when the server is not OceanBase.
    ///
    /// 3.1 Community builds say `OceanBase 3.1.5 (r...)` without `_CE`
    /// (oceanbase/oceanbase v3.1.5_CE `src/share/system_variable/ob_system_variable.cpp`
    /// formats `"OceanBase %s (r%s) (Built %s %s)"`); their `VERSION()` tells
    /// the edition instead: see [`ServerInfo::detect`].
    pub fn from_version_comment(comment: &str) -> Option<ServerInfo> {
        let rest = comment.trim().strip_prefix("OceanBase")?;
        let (edition, rest) = match rest.strip_prefix("_CE") {
            Some(rest) => (Edition::Community, rest),
            None => (Edition::Enterprise, rest),
        };
        // `OceanBase_XYZ` is no banner OceanBase sends.
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let number = rest.split_whitespace().next()?;
        let mut version: ObVersion = number.parse().ok()?;
        let lower = comment.to_ascii_lowercase();
        let flavor = if lower.contains("ob-emulator") {
            ServerFlavor::Emulator
        } else if lower.contains("seekdb") {
            ServerFlavor::SeekDb
        } else {
            ServerFlavor::OceanBase
        };
        // The build is the revision's digits: `(r103000012025052916-hash)`; `(r1-)` and
        // `(r-hash)` have none worth keeping.
        if flavor != ServerFlavor::SeekDb {
            if let Some(rev) = comment.split("(r").nth(1) {
                let digits: String = rev.chars().take_while(|c| c.is_ascii_digit()).collect();
                if let Ok(build) = digits.parse::<u64>() {
                    version = version.with_build(build);
                }
            }
        }
        let capabilities = Capabilities::of(flavor, &version);
        Some(ServerInfo {
            flavor,
            edition,
            version,
            version_comment: comment.to_owned(),
            capabilities,
        })
    }
}

impl ServerInfo {
    /// [`ServerInfo::from_version_comment`], with `SELECT VERSION()` for the
    /// edition where the comment does not say it: 3.1 Community answers
    /// `3.1.5-OceanBase CE` (its CMake project is "OceanBase CE", v3.1.5_CE
    /// `src/CMakeLists.txt`), 4.x `5.7.25-OceanBase_CE-v4.2.1.1`. obshell reads
    /// the edition the same way (`version() REGEXP 'OceanBase[\\s_]CE'`).
    pub fn detect(comment: &str, version_function: Option<&str>) -> Option<ServerInfo> {
        let mut info = ServerInfo::from_version_comment(comment)?;
        let says_ce = version_function.is_some_and(|v| v.contains("OceanBase CE") || v.contains("OceanBase_CE"));
        if says_ce {
            info.edition = Edition::Community;
        }
        Some(info)
    }
}

impl Capabilities {
    fn of(flavor: ServerFlavor, version: &ObVersion) -> Capabilities {
        if flavor == ServerFlavor::SeekDb {
            let why = words!(
                "backup not supported by this server: seekdb has no backup feature",
                "该服务器不支持备份：seekdb 没有备份功能"
            );
            return Capabilities {
                backup: false,
                backup_refusal: Some(why.clone()),
                tenant_backup: false,
                tenant_backup_refusal: Some(why),
                cluster_level_only: false,
            };
        }
        // 3.x backs up, archives and restores the cluster as a whole; 3.2 Enterprise
        // added a full snapshot of one tenant (`BACKUP TENANT ... TO`), which OCP offers
        // from V3.2.2-20220304134610 (the seed's note).
        let cluster_level_only = version.major() < 4;
        let tenant_backup_refusal = if !version.supports_tenant_backup() {
            Some(words!(
                "Tenant backup is not supported in OceanBase versions earlier than V{TENANT_BACKUP_MIN} (this cluster runs V{version}).",
                "OceanBase V{TENANT_BACKUP_MIN} 以下版本不支持租户备份（该集群的版本为 V{version}）。"
            ))
        } else {
            None
        };
        Capabilities {
            backup: true,
            backup_refusal: None,
            tenant_backup: tenant_backup_refusal.is_none(),
            tenant_backup_refusal,
            cluster_level_only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(comment: &str) -> ServerInfo {
        ServerInfo::from_version_comment(comment).unwrap()
    }

    #[test]
    fn reads_version_build_and_flavor() {
        let ob = info("OceanBase 4.2.1.7 (r107000162024060611-5a4e9dbd2ad4b4e4e6bd9e31f4c4ea74f4e1dc6e) (Built Jun  6 2024 11:30:33)");
        assert_eq!((ob.flavor, ob.edition), (ServerFlavor::OceanBase, Edition::Enterprise));
        assert_eq!(ob.version.to_string(), "4.2.1.7-107000162024060611");
        assert!(ob.capabilities.tenant_backup);

        let seek = info("OceanBase 4.3.5.3 seekdb (r1.4.0.0) (Built 100000012025101511-0e4c0e1a Oct 15 2025)");
        assert_eq!(seek.flavor, ServerFlavor::SeekDb);
        assert!(!seek.capabilities.backup);
        assert!(seek
            .capabilities
            .backup_refusal
            .unwrap()
            .en
            .contains("backup not supported by this server"));

        let emu = info("OceanBase 4.3.5.3 (r103000012025052916) ob-emulator: OB Backup Desk's backup emulator, not an OceanBase server");
        assert_eq!(emu.flavor, ServerFlavor::Emulator);

        for not_ob in [
            "MySQL Community Server - GPL",
            "OceanBase_XE 4.2.1.1 (r1-) (Built x)",
            "OceanBase",
            "",
        ] {
            assert!(ServerInfo::from_version_comment(not_ob).is_none(), "{not_ob:?}");
        }
    }

    /// Banners as real servers send them, Community and Enterprise, 3.x and 4.x
    /// (from oceanbase/oceanbase-doc; see `desk_model::version`).
    #[test]
    fn community_and_enterprise_banners_of_3x_and_4x_are_recognised() {
        let cases = [
            ("OceanBase_CE 4.2.1.1 (r101010012023111012-2f6924cd5a576f09d6e7f212fac83f1a15ff531a) (Built Nov 10 2023 12:20:26)",
             Edition::Community, "4.2.1.1-101010012023111012", true, false),
            ("OceanBase_CE 4.1.0.0 (r100000192023032010-0265dfc6d00ff4f0ff4ad2710504a18962abaef6) (Built Mar 20 2023 10:12:57)",
             Edition::Community, "4.1.0.0-100000192023032010", true, false),
            ("OceanBase_CE 4.3.0.1 (r100000242024032211-0193a343bc60b4699ec47792c3fc4ce166a182f9) (Built Mar 22 2024 13:19:48)",
             Edition::Community, "4.3.0.1-100000242024032211", true, false),
            ("OceanBase 4.2.3.0 (r200000192024040109-ca32c1fd8307f35671725f4269733d0f715ce34c) (Built Apr  1 2024 10:11:07)",
             Edition::Enterprise, "4.2.3.0-200000192024040109", true, false),
            ("OceanBase 3.1.4 (r10000092022071511-a09d3134c10665f03fd56d7f8bdd413b2b771977) (Built Jul 15 2022 11:16:22)",
             Edition::Enterprise, "3.1.4-10000092022071511", false, true),
            ("OceanBase 3.1.3 (r10100032022041510-a09d3134c10665f03fd56d7f8bdd413b2b771977) (Built Apr 15 2022 02:16:22)",
             Edition::Enterprise, "3.1.3-10100032022041510", false, true),
            ("OceanBase 3.2.3.0 (r20220511132422-590d9fea1ec221fa4ed446e512bd797b35dfae8f) (Built May 11 2022 13:38:24)",
             Edition::Enterprise, "3.2.3.0-20220511132422", true, true),
            ("OceanBase 3.2.4.1 (r101000052023010822-346aa35c32e99d1b82d713f75f0072c45bdf7aab) (Built Jan  8 2023 22:52:43)",
             Edition::Enterprise, "3.2.4.1-101000052023010822", true, true),
            ("OceanBase 3.1.0 (r1-) (Built Apr  7 2021 08:14:49)", Edition::Enterprise, "3.1.0-1", false, true),
            ("OceanBase 3.1.1 (r-00672c3c730c3df6eef3b359eae548d8c2db5ea2) (Built Jun 22 2021 12:46:28)",
             Edition::Enterprise, "3.1.1", false, true),
        ];
        for (banner, edition, version, tenant_backup, v3) in cases {
            let i = info(banner);
            assert_eq!(i.flavor, ServerFlavor::OceanBase, "{banner}");
            assert_eq!(i.edition, edition, "{banner}");
            assert_eq!(i.version.to_string(), version, "{banner}");
            assert!(i.capabilities.backup, "{banner}");
            assert_eq!(i.capabilities.tenant_backup, tenant_backup, "{banner}");
            assert_eq!(i.capabilities.cluster_level_only, v3, "{banner}");
        }
    }

    #[test]
    fn the_3_1_community_edition_is_told_by_its_version_function() {
        // v3.1.5_CE: no `_CE` in the comment, `VERSION()` = "3.1.5-OceanBase CE".
        let ce = ServerInfo::detect(
            "OceanBase 3.1.4 (r10000092022071511-a09d3134c10665f03fd56d7f8bdd413b2b771977) (Built Jul 15 2022 11:16:22)",
            Some("3.1.4-OceanBase CE"),
        )
        .unwrap();
        assert_eq!(ce.edition, Edition::Community);
        let ee = ServerInfo::detect(
            "OceanBase 3.2.4.3 (r103020012023051810-a562da822afa) (Built May 18 2023 10:41:35)",
            Some("5.7.25-OceanBase-v3.2.4.3"),
        )
        .unwrap();
        assert_eq!(ee.edition, Edition::Enterprise);
        assert_eq!(
            ServerInfo::detect("OceanBase_CE 4.2.1.1 (r1-) (Built x)", None)
                .unwrap()
                .edition,
            Edition::Community
        );
    }

    #[test]
    fn tenant_backup_follows_the_seed_gate_and_3x_is_cluster_level() {
        let old = info("OceanBase 3.2.1 (r20211230101010-abc) (Built ...)");
        assert!(!old.capabilities.tenant_backup);
        assert!(old.capabilities.cluster_level_only);
        let why = old.capabilities.tenant_backup_refusal.unwrap();
        for said in [&why.en, &why.zh] {
            assert!(
                said.contains("V3.2.2-20220304134610") && said.contains("V3.2.1-20211230101010"),
                "{said}"
            );
        }
        assert!(why.zh.contains("不支持租户备份"), "{}", why.zh);

        let new3 = info("OceanBase 3.2.2 (r20220304134610-abc) (Built ...)");
        assert!(new3.capabilities.cluster_level_only);
        assert!(
            new3.capabilities.tenant_backup,
            "3.2.2 from that build backs up a tenant"
        );

        assert!(info("OceanBase 4.3.5.3 (r1) (Built)").capabilities.tenant_backup);
    }
}
