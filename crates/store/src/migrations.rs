//! The schema: numbered SQL files under `migrations/`, applied in order, each
//! in its own transaction, forward only.

use std::sync::LazyLock;

use include_dir::{include_dir, Dir};
use rusqlite_migration::Migrations;

static DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/migrations");

pub static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::from_directory(&DIR).expect("migrations directory is well-formed"));

/// The schema version this build writes (`PRAGMA user_version` after migrating).
pub fn latest_version() -> i64 {
    DIR.dirs().count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_sql_applied_in_order() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn migration_folders_are_numbered_without_holes() {
        let mut numbers: Vec<i64> = DIR
            .dirs()
            .map(|d| {
                let name = d.path().file_name().unwrap().to_str().unwrap();
                name.split('-')
                    .next()
                    .unwrap()
                    .parse()
                    .expect("folder starts with its number")
            })
            .collect();
        numbers.sort();
        assert_eq!(numbers, (1..=latest_version()).collect::<Vec<_>>());
    }
}
