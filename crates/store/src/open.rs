//! Opening the cache: WAL, migrations, newer-schema refusal, damaged-file recovery.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::changes::Feed;
use crate::checkpoint::Checkpointer;
use crate::migrations::{latest_version, MIGRATIONS};
use crate::StoreError;

/// Prepared statements kept per connection (rusqlite's default is 16): a
/// sync pass alone writes with about twenty, and each page shape is its own.
const STATEMENT_CACHE: usize = 128;

/// Whether this process may write the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// The file's schema is newer than this build knows: reads only.
    ReadOnlyNewerSchema {
        found: i64,
        supported: i64,
    },
    /// The file (or its folder) cannot be written: reads only.
    ReadOnlyFile,
    /// One of the readers beside the writer ([`Store::open_reader`]).
    Reader,
}

/// What happened while opening, for the app to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub path: PathBuf,
    pub access: Access,
    /// Where a damaged cache was moved before a fresh one was created.
    pub set_aside: Option<PathBuf>,
    /// Why the old file was judged damaged.
    pub damage: Option<String>,
    /// Whether this open set it aside; otherwise an earlier process did (the CLI, say)
    /// and nobody has told the user yet (`Store::replacement_told`).
    pub replaced_now: bool,
}

/// What `<cache>.replaced` keeps until the app has shown it.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    set_aside: PathBuf,
    damage: String,
}

pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    access: Access,
    /// A writable file's WAL checkpoints (none in memory or read-only).
    checkpoints: Option<Checkpointer>,
    changes: Feed,
}

/// Why a first open failed: damage is recoverable by setting the file aside,
/// anything else (permissions, a lock held by another process) is not, and
/// must never cost the user their cache.
enum Failure {
    Damaged(String),
    Other(StoreError),
}

impl Store {
    /// Opens (or creates) the cache at `path`, recovering from a damaged file.
    pub fn open(path: &Path) -> Result<(Store, OpenReport), StoreError> {
        match Self::try_open(path) {
            Ok(store) => {
                // A replacement another process made and nobody has shown yet.
                let earlier = std::fs::read(beside(path, ".replaced"))
                    .ok()
                    .and_then(|bytes| serde_json::from_slice::<Replacement>(&bytes).ok());
                let report = OpenReport {
                    path: path.to_owned(),
                    access: store.access,
                    damage: earlier.as_ref().map(|r| r.damage.clone()),
                    set_aside: earlier.map(|r| r.set_aside),
                    replaced_now: false,
                };
                Ok((store, report))
            }
            Err(Failure::Damaged(reason)) => {
                tracing::warn!(path = %path.display(), %reason, "cache is damaged; setting it aside");
                let set_aside = set_aside(path)?;
                let store = Self::try_open(path).map_err(|f| match f {
                    Failure::Damaged(reason) => StoreError::FreshCacheDamaged {
                        path: path.to_owned(),
                        reason,
                    },
                    Failure::Other(e) => e,
                })?;
                // Kept until the app has shown it, so a replacement the CLI made is not silent.
                let marker = Replacement {
                    set_aside: set_aside.clone(),
                    damage: reason.clone(),
                };
                if let Ok(json) = serde_json::to_vec(&marker) {
                    if let Err(e) = std::fs::write(beside(path, ".replaced"), json) {
                        tracing::warn!(error = %e, "could not keep a note of the replaced cache");
                    }
                }
                let report = OpenReport {
                    path: path.to_owned(),
                    access: store.access,
                    set_aside: Some(set_aside),
                    damage: Some(reason),
                    replaced_now: true,
                };
                Ok((store, report))
            }
            Err(Failure::Other(e)) => Err(e),
        }
    }

    /// A private in-memory cache, migrated (tests and headless checks).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        MIGRATIONS.to_latest(&mut conn)?;
        let changes = Feed::new();
        changes.watch(&conn);
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
            access: Access::ReadWrite,
            checkpoints: None,
            changes,
        })
    }

    fn try_open(path: &Path) -> Result<Store, Failure> {
        let open_err = |source| {
            Failure::Other(StoreError::Open {
                path: path.to_owned(),
                source,
            })
        };
        // A file the user made read-only is opened so, even by root (who could write it):
        // the desk shows it and says it cannot update it, rather than pretending.
        let marked_read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        let conn = if marked_read_only {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        } else {
            Connection::open(path)
        }
        .map_err(open_err)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.busy_timeout(Duration::from_secs(5)).map_err(open_err)?;

        let check: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| classify(path, e))?;
        if check != "ok" {
            return Err(Failure::Damaged(format!("quick_check: {check}")));
        }

        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| classify(path, e))?;
        let supported = latest_version();
        if found > supported {
            drop(conn);
            let conn =
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                    .map_err(open_err)?;
            tracing::warn!(path = %path.display(), found, supported, "cache schema is newer than this build; read-only");
            return Ok(Store {
                conn,
                path: path.to_owned(),
                access: Access::ReadOnlyNewerSchema { found, supported },
                checkpoints: None,
                changes: Feed::new(),
            });
        }

        // SQLite falls back to reading when it cannot write (permissions, a read-only mount).
        if marked_read_only || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            if found < supported {
                return Err(Failure::Other(StoreError::ReadOnlyFile { path: path.to_owned() }));
            }
            tracing::warn!(path = %path.display(), "cache file is read-only");
            return Ok(Store {
                conn,
                path: path.to_owned(),
                access: Access::ReadOnlyFile,
                checkpoints: None,
                changes: Feed::new(),
            });
        }

        // One process at a time sets up and migrates a cache: two opening a new data dir at
        // once would both read version 0 and the second would fail on tables the first made.
        // The lock is held until the schema is current; the migrations re-read the version
        // under it.
        let _migrating = migration_lock(path).map_err(|source| {
            Failure::Other(StoreError::Lock {
                path: beside(path, ".lock"),
                source,
            })
        })?;
        let mut conn = conn;
        // A new file gets 8 KiB pages (SQLite's default is 4): a level less in
        // the history's B-trees, so each row a sync writes costs fewer page
        // visits. Set before the first write; an existing file keeps its size.
        conn.pragma_update(None, "page_size", 8192).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| classify(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        // 64 MiB of page cache (default 2 MiB): a sync's upserts touch several
        // indexes, and spilling their pages halves the ingest rate.
        conn.pragma_update(None, "cache_size", -65_536).map_err(open_err)?;
        // Commits never checkpoint: a thread of its own does (checkpoint.rs).
        // WAL with synchronous=NORMAL stays consistent whatever the WAL's length.
        conn.pragma_update(None, "wal_autocheckpoint", 0).map_err(open_err)?;
        MIGRATIONS.to_latest(&mut conn).map_err(|e| Failure::Other(e.into()))?;
        let checkpoints = Checkpointer::start(path).map_err(open_err)?;
        // Migrations above are not changes anyone shows: counted from here on.
        let changes = Feed::new();
        changes.watch(&conn);
        Ok(Store {
            conn,
            path: path.to_owned(),
            access: Access::ReadWrite,
            checkpoints: Some(checkpoints),
            changes,
        })
    }

    /// A connection for reads only, beside the writer (a pool holds several): it sees
    /// each commit once made and never waits on the writer (WAL). No change feed, no
    /// checkpoints, no migrations; a write through it fails (`query_only`).
    pub fn open_reader(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(open_err)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.busy_timeout(Duration::from_secs(5)).map_err(open_err)?;
        conn.pragma_update(None, "query_only", "ON").map_err(open_err)?;
        conn.pragma_update(None, "cache_size", -16_384).map_err(open_err)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            access: Access::Reader,
            checkpoints: None,
            changes: Feed::new(),
        })
    }

    /// A feed that changes each time a write to this cache commits (through this
    /// store: another process's writes are seen through [`Store::data_version`]).
    pub fn changes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.changes.subscribe()
    }

    /// Tells this store's feed the cache changed by a write it did not make (another
    /// process's, seen by [`Store::data_version`]).
    pub fn announcer(&self) -> crate::changes::Announcer {
        self.changes.announcer()
    }

    /// SQLite's `data_version`: it changes when another connection (of this process or
    /// another) has committed since this one last asked.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn access(&self) -> Access {
        self.access
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Tells the checkpoint thread a large write was committed: it copies the
    /// WAL into the file once such writes stop for a moment (checkpoint.rs).
    pub(crate) fn checkpoint_soon(&self) {
        if let Some(c) = &self.checkpoints {
            c.nudge();
        }
    }

    /// Whether a write would be taken, asked before work that ends in one (testing a
    /// connection for ten seconds only to be refused by a read-only cache).
    pub fn check_writable(&mut self) -> Result<(), StoreError> {
        self.writer().map(|_| ())
    }

    /// The connection for a write, or the reason writes are refused.
    pub(crate) fn writer(&mut self) -> Result<&mut Connection, StoreError> {
        match self.access {
            Access::ReadWrite => Ok(&mut self.conn),
            Access::ReadOnlyNewerSchema { found, supported } => Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found,
                supported,
            }),
            Access::ReadOnlyFile => Err(StoreError::ReadOnlyFile {
                path: self.path.clone(),
            }),
            Access::Reader => Err(StoreError::WriteOnReader),
        }
    }

    /// The app has shown the user that the cache was replaced: forget the note of it.
    pub fn replacement_told(&self) {
        let marker = beside(&self.path, ".replaced");
        if marker.exists() {
            if let Err(e) = std::fs::remove_file(&marker) {
                tracing::warn!(error = %e, "could not remove the note of the replaced cache");
            }
        }
    }
}

fn classify(path: &Path, e: rusqlite::Error) -> Failure {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Failure::Damaged(e.to_string()),
        _ => Failure::Other(StoreError::Open {
            path: path.to_owned(),
            source: e,
        }),
    }
}

/// Moves the damaged file (and its WAL and shared-memory files) to
/// `<name>.damaged-<UTC timestamp>`, never over an existing file.
fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut target = PathBuf::from(format!("{}.damaged-{stamp}", path.display()));
    let mut n = 1;
    while target.exists() {
        target = PathBuf::from(format!("{}.damaged-{stamp}-{n}", path.display()));
        n += 1;
    }
    let io = |source| StoreError::SetAside {
        path: path.to_owned(),
        source,
    };
    std::fs::rename(path, &target).map_err(io)?;
    for suffix in ["-wal", "-shm"] {
        let side = beside(path, suffix);
        if side.exists() {
            std::fs::rename(&side, beside(&target, suffix)).map_err(io)?;
        }
    }
    Ok(target)
}

/// An exclusive lock on `<cache>.lock`, held by whoever migrates; waits for another holder.
fn migration_lock(path: &Path) -> std::io::Result<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(beside(path, ".lock"))?;
    file.lock()?;
    Ok(file)
}

/// One of SQLite's files beside the cache at `path` (`-wal`, `-shm`, `.lock`).
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut side = path.as_os_str().to_owned();
    side.push(suffix);
    side.into()
}
