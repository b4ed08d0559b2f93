//! The views a release serves, as tables: their DDL comes from the release's documented
//! columns ([`crate::release`]), so a column the release lacks is a column the table
//! lacks, and selecting it is OceanBase's error 1054, as on the release itself.

use crate::release::Release;

/// `(view, CREATE TABLE ...)` for every view `release` serves.
pub fn view_ddl(release: Release) -> Vec<(&'static str, String)> {
    release.served_views().map(|v| (v.name(), v.ddl())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_release_creates_its_views_in_sqlite() {
        for release in Release::ALL {
            let db = rusqlite::Connection::open_in_memory().expect("sqlite");
            db.execute_batch("ATTACH ':memory:' AS oceanbase").expect("attach");
            for (name, ddl) in view_ddl(release) {
                assert!(ddl.starts_with(&format!("CREATE TABLE oceanbase.{name} (")), "{name}");
                db.execute_batch(&ddl)
                    .unwrap_or_else(|e| panic!("{} {name}: {e}", release.key));
                // Columns, types and NULL only: no keys, defaults or engine clauses.
                for line in ddl.lines().skip(1).filter(|l| l.starts_with("  ")) {
                    let words: Vec<&str> = line.trim().trim_end_matches(',').split_whitespace().collect();
                    assert!(words.len() >= 3 && words.last() == Some(&"NULL"), "{name}: {line}");
                    assert!(!line.contains("(20) UNSIGNED"), "{name}: {line}");
                }
            }
        }
    }
}
