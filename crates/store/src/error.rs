use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the cache at {path} was written by a newer OB Backup Desk (schema {found}, this version knows up to {supported}); \
         it is open read-only: update the desk to make changes"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error(
        "the cache at {path} is read-only (the file or its folder cannot be written): \
         the desk shows what it holds but cannot update it; make it writable to sync or act"
    )]
    ReadOnlyFile { path: PathBuf },
    #[error("the cache at {path} could not be opened: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("could not set the damaged cache {path} aside: {source}")]
    SetAside { path: PathBuf, source: std::io::Error },
    #[error("the cache's lock file {path} could not be taken: {source}")]
    Lock { path: PathBuf, source: std::io::Error },
    #[error("a fresh cache at {path} could not be created: {reason}")]
    FreshCacheDamaged { path: PathBuf, reason: String },
    #[error("cache migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{field}: {rule}")]
    Invalid {
        field: &'static str,
        rule: desk_model::Words,
    },
    #[error("{what} {id} is not in the cache")]
    NotFound { what: &'static str, id: i64 },
    #[error("the cache could not be opened: {message}")]
    Unavailable { message: String },
    #[error("a write was sent to one of the cache's read connections (a bug of the desk's)")]
    WriteOnReader,
    #[error("no read connection to the cache: {0}")]
    Readers(String),
    #[error("cache query failed: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl From<desk_model::InvalidInput> for StoreError {
    fn from(e: desk_model::InvalidInput) -> Self {
        StoreError::Invalid {
            field: e.field,
            rule: e.rule,
        }
    }
}

impl StoreError {
    /// The error as the operator reads it: a rule the cache enforces in every
    /// language; anything else (paths, SQLite's words) as it was written.
    pub fn words(&self) -> desk_model::Words {
        match self {
            StoreError::Invalid { field, rule } => desk_model::Words::labelled(field, rule),
            other => desk_model::Words::verbatim(other.to_string()),
        }
    }
}
