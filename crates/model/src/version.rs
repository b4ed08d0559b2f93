//! OceanBase versions, including the build suffix OCP compares.
//!
//! OCP's rule "tenant backup is not supported before V3.2.2-20220304134610"
//! compares the build suffix too, so a version is its numeric parts plus an
//! optional build number, ordered in that sequence.
//!
//! A build is the digits of the server's revision (`(r...)` in
//! `@@version_comment`), and they come in two shapes. Older builds are the
//! build time itself, `YYYYMMDDHHMMSS` (`OceanBase 3.2.3.0 (r20220511132422-…)`,
//! the 14 digits the seed's gate is written in); later ones are a release
//! counter followed by the build hour, `…YYYYMMDDHH` in 17 or 18 digits
//! (`OceanBase_CE 4.2.1.1 (r101010012023111012-…)`, `OceanBase 3.2.4.1
//! (r101000052023010822-…)`). Examples from oceanbase/oceanbase-doc: V4.1.0
//! `en-US/200.quickstart/100.quickly-experience-oceanbase-for-community.md`,
//! V4.0.0-preview `zh-CN/400.deploy/…/100.deploy-obproxy-command-line.md`,
//! V3.1.4 `zh-CN/1400.developer-guide/…/100.user-locked-error.md`. So the
//! gate compares build times, never the digits as numbers: an 18-digit
//! revision is not "later" than a 14-digit date.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// An OceanBase version such as `4.3.5.3` or `3.2.2-20220304134610`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub struct ObVersion {
    /// major, minor, patch, hotfix; missing parts are 0.
    parts: [u32; 4],
    /// How many parts were written, so `3.2.2` prints back as `3.2.2`.
    written: u8,
    /// The build suffix after `-` (the revision's digits), when known.
    build: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionParseError {
    #[error("version is empty")]
    Empty,
    #[error("version {0:?} is not of the form N.N[.N[.N]][-BUILD]")]
    Malformed(String),
}

/// The oldest version on which OCP allows a tenant-level backup.
pub const TENANT_BACKUP_MIN: ObVersion = ObVersion {
    parts: [3, 2, 2, 0],
    written: 3,
    build: Some(20220304134610),
};

impl ObVersion {
    pub fn new(major: u32, minor: u32, patch: u32, hotfix: u32) -> Self {
        Self {
            parts: [major, minor, patch, hotfix],
            written: 4,
            build: None,
        }
    }

    pub fn with_build(mut self, build: u64) -> Self {
        self.build = Some(build);
        self
    }

    pub fn major(&self) -> u32 {
        self.parts[0]
    }

    pub fn build(&self) -> Option<u64> {
        self.build
    }

    /// When the build was made, as `YYYYMMDDHHMMSS`: a 14-digit build is that
    /// time; a 17- or 18-digit one ends in the build hour (its minutes and
    /// seconds read as 0). Other builds (`r1`, none) have no known time.
    pub fn build_time(&self) -> Option<u64> {
        let build = self.build?;
        match build.checked_ilog10().map_or(1, |d| d + 1) {
            14 => Some(build),
            17 | 18 => Some(build % 10_000_000_000 * 10_000),
            _ => None,
        }
    }

    /// Whether a tenant-level "Backup Now" is allowed, per the seed's note:
    /// from V3.2.2 built at or after 2022-03-04 13:46:10, and every later
    /// version. A 3.2.2 whose build time is unknown is refused rather than
    /// guessed allowed.
    pub fn supports_tenant_backup(&self) -> bool {
        match self.parts.cmp(&TENANT_BACKUP_MIN.parts) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => self
                .build_time()
                .zip(TENANT_BACKUP_MIN.build)
                .is_some_and(|(built, gate)| built >= gate),
        }
    }
}

/// Why backups taken on a cluster at `source` cannot be restored into a new tenant on a
/// cluster at `target`; `None` when they can. From "Initiate a restore", ApsaraDB for
/// OceanBase (https://help.aliyun.com/en/document_detail/183401.html): a backup is never
/// restored into an earlier version; 2.x and 3.x backups are not restored into 4.x (nor,
/// since the desk sends 3.x's `ALTER SYSTEM RESTORE ... FROM` only to a 3.x cluster and
/// 4.x's `ALTER SYSTEM RESTORE ... FROM ... WITH` only to a 4.x one, 4.x into 3.x); and
/// 4.0 backups are not restored into 4.1. Build suffixes are not compared: builds of one
/// release restore each other's backups.
pub fn restore_target_refusal(source: &ObVersion, target: &ObVersion) -> Option<crate::Words> {
    let (s, t) = (source.parts, target.parts);
    if (s[0] < 4) != (t[0] < 4) {
        return Some(crate::words!(
            "OceanBase V{target} cannot restore backups of V{source}: 3.x backups restore into 3.x clusters and 4.x backups into 4.x clusters",
            "OceanBase V{target} 无法恢复 V{source} 的备份：3.x 的备份只能恢复到 3.x 集群，4.x 的备份只能恢复到 4.x 集群"
        ));
    }
    if t < s {
        return Some(crate::words!(
            "OceanBase V{target} cannot restore backups of the later V{source}: a backup restores into its own release or a later one",
            "OceanBase V{target} 无法恢复更高版本 V{source} 的备份：备份只能恢复到相同或更高的版本"
        ));
    }
    if s[..2] == [4, 0] && t[..2] == [4, 1] {
        return Some(crate::words!(
            "OceanBase V{target} cannot restore backups of V{source}: 4.0 backups do not restore into 4.1",
            "OceanBase V{target} 无法恢复 V{source} 的备份：4.0 的备份不能恢复到 4.1"
        ));
    }
    None
}

impl Ord for ObVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts).then(self.build.cmp(&other.build))
    }
}

impl PartialOrd for ObVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for ObVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts.iter().take(self.written as usize).enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        if let Some(build) = self.build {
            write!(f, "-{build}")?;
        }
        Ok(())
    }
}

impl FromStr for ObVersion {
    type Err = VersionParseError;

    /// Accepts `3.2.2`, `V3.2.2-20220304134610`, `4.3.5.3`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(VersionParseError::Empty);
        }
        let malformed = || VersionParseError::Malformed(trimmed.to_owned());
        let body = trimmed.strip_prefix(['V', 'v']).unwrap_or(trimmed);
        let (numbers, build) = match body.split_once('-') {
            Some((n, b)) => (n, Some(b.parse::<u64>().map_err(|_| malformed())?)),
            None => (body, None),
        };
        let mut parts = [0u32; 4];
        let mut written = 0u8;
        for piece in numbers.split('.') {
            let slot = parts.get_mut(written as usize).ok_or_else(malformed)?;
            if piece.is_empty() || !piece.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            *slot = piece.parse().map_err(|_| malformed())?;
            written += 1;
        }
        if written < 2 {
            return Err(malformed());
        }
        Ok(Self { parts, written, build })
    }
}

impl Serialize for ObVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ObVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(s: &str) -> ObVersion {
        s.parse().unwrap()
    }

    #[test]
    fn tenant_backup_gate_follows_the_seed_note() {
        let cases = [
            ("3.2.1", false),
            ("3.2.2", false), // build unknown: refused, not guessed
            ("3.2.2-20220304134609", false),
            ("V3.2.2-20220304134610", true),
            ("3.2.2-20220601000000", true),
            // 18-digit revisions: a release counter, then the build hour.
            ("3.2.2-100000012022030412", false),
            ("3.2.2-100000012022030414", true),
            ("3.2.2.0-999999992021123123", false),
            ("3.2.1-999999992023010101", false),
            ("3.2.2-1", false), // `(r1-)`: no build time
            ("3.2.3.3", true),
            ("4.2.1.7", true),
            ("4.3.5.3", true),
            ("2.2.77", false),
        ];
        for (text, allowed) in cases {
            assert_eq!(v(text).supports_tenant_backup(), allowed, "{text}");
        }
    }

    #[test]
    fn build_times_come_from_either_shape_of_revision() {
        assert_eq!(v("3.2.3.0-20220511132422").build_time(), Some(20220511132422));
        assert_eq!(v("4.2.1.1-101010012023111012").build_time(), Some(20231110120000));
        assert_eq!(v("3.1.4-10000092022071511").build_time(), Some(20220715110000));
        assert_eq!(v("3.1.0-1").build_time(), None);
        assert_eq!(v("4.3.5.3").build_time(), None);
    }

    #[test]
    fn a_backup_restores_into_its_generation_at_its_release_or_later() {
        let refused = |s: &str, t: &str| restore_target_refusal(&v(s), &v(t)).map(|w| w.en);
        assert_eq!(refused("4.2.1.1", "4.2.1.1"), None);
        assert_eq!(refused("4.2.1.1", "4.3.5.6"), None);
        assert_eq!(refused("3.1.5", "3.2.4"), None);
        // Builds of one release restore each other's backups.
        assert_eq!(refused("3.2.2-20220304134610", "3.2.2-20210101000000"), None);
        let across = refused("4.3.5.6", "3.1.5").unwrap();
        assert!(
            across.starts_with("OceanBase V3.1.5 cannot restore backups of V4.3.5.6: 3.x backups"),
            "{across}"
        );
        assert!(refused("3.2.4", "4.3.5")
            .unwrap()
            .contains("3.x backups restore into 3.x clusters"));
        let older = refused("4.3.5.6", "4.2.1.1").unwrap();
        assert!(older.contains("the later V4.3.5.6"), "{older}");
        assert!(refused("4.0.0.0", "4.1.0.0")
            .unwrap()
            .contains("4.0 backups do not restore into 4.1"));
        assert_eq!(refused("4.0.0.0", "4.2.1.1"), None);
        let zh = restore_target_refusal(&v("4.2.1.1"), &v("3.1.5")).unwrap().zh;
        assert!(zh.contains("4.x 的备份只能恢复到 4.x 集群"), "{zh}");
    }

    #[test]
    fn prints_back_as_written() {
        for text in ["3.2.2-20220304134610", "4.3.5.3", "3.2.1", "4.2"] {
            assert_eq!(v(text).to_string(), text);
        }
        assert_eq!(v("V3.2.2-20220304134610").to_string(), "3.2.2-20220304134610");
    }

    #[test]
    fn refuses_what_is_not_a_version() {
        for text in [
            "",
            "  ",
            "4",
            "4.x",
            "4..3",
            "4.3.5.3.1",
            "4.3-",
            "4.3-abc",
            "-1.2",
            "4.3 ; drop",
        ] {
            assert!(text.parse::<ObVersion>().is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn crosses_json_as_a_string() {
        let json = serde_json::to_string(&v("3.2.2-20220304134610")).unwrap();
        assert_eq!(json, "\"3.2.2-20220304134610\"");
        let back: ObVersion = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v("3.2.2-20220304134610"));
    }

    proptest! {
        #[test]
        fn display_parse_round_trips(a in 0u32..100, b in 0u32..100, c in 0u32..100, d in 0u32..100, build in proptest::option::of(0u64..99999999999999)) {
            let mut x = ObVersion::new(a, b, c, d);
            if let Some(build) = build { x = x.with_build(build); }
            prop_assert_eq!(x.to_string().parse::<ObVersion>().unwrap(), x);
        }

        #[test]
        fn order_is_numeric_then_build(a in (0u32..20, 0u32..20, 0u32..20), b in (0u32..20, 0u32..20, 0u32..20), ba in 0u64..10, bb in 0u64..10) {
            let x = ObVersion::new(a.0, a.1, a.2, 0).with_build(ba);
            let y = ObVersion::new(b.0, b.1, b.2, 0).with_build(bb);
            prop_assert_eq!(x.cmp(&y), (a, ba).cmp(&(b, bb)));
        }
    }
}
