//! What kind of server answered, and what the desk can do with it.

use desk_model::version::TENANT_BACKUP_MIN;
use desk_model::{words, ObVersion, Words};
use serde::Serialize;
use ts_rs::TS;

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
    pub version: ObVersion,
    /// `@@version_comment` as the server sent it.
    pub version_comment: String,
    pub capabilities: Capabilities,
}

impl ServerInfo {
    /// Reads `@@version_comment`, e.g. `OceanBase 4.3.5.3 (r103000012025052916-…) (Built …)`,
    /// `OceanBase 3.2.2 (r20220304134610-…)`, `OceanBase 4.3.5.3 seekdb (r1.4.0.0) …`.
    /// `None` when the server is not OceanBase.
    pub fn from_version_comment(comment: &str) -> Option<ServerInfo> {
        let rest = comment.trim().strip_prefix("OceanBase")?.trim_start();
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
        // The build is the revision's digits: `(r103000012025052916-hash)`.
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
            version,
            version_comment: comment.to_owned(),
            capabilities,
        })
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
        let cluster_level_only = version.major() < 4;
        let tenant_backup_refusal = if !version.supports_tenant_backup() {
            Some(words!(
                "Tenant backup is not supported in OceanBase versions earlier than V{TENANT_BACKUP_MIN} (this cluster runs V{version}).",
                "OceanBase V{TENANT_BACKUP_MIN} 以下版本不支持租户备份（该集群的版本为 V{version}）。"
            ))
        } else if cluster_level_only {
            Some(words!(
                "OceanBase 3.x backs up the whole cluster: use Backup Now for Current Cluster.",
                "OceanBase 3.x 只能备份整个集群：请使用“当前集群立即备份”。"
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
        assert_eq!(ob.flavor, ServerFlavor::OceanBase);
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

        assert!(ServerInfo::from_version_comment("MySQL Community Server - GPL").is_none());
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
        assert!(new3
            .capabilities
            .tenant_backup_refusal
            .unwrap()
            .en
            .contains("whole cluster"));

        assert!(info("OceanBase 4.3.5.3 (r1) (Built)").capabilities.tenant_backup);
    }
}
