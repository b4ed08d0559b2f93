//! A pool of read connections beside the one writer: pages read while a sync pass
//! or an action writes, without waiting on the writer's lock (WAL lets readers see
//! every committed write and never block the writer).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Store, StoreError};

/// How many readers at most: the app's pages ask a handful of queries at once.
const READERS: u32 = 4;
/// How long a read waits for a free reader before it is refused.
const WAIT: Duration = Duration::from_secs(10);

/// Opens the pool's readers.
pub struct Opener(PathBuf);

impl r2d2::ManageConnection for Opener {
    type Connection = Store;
    type Error = StoreError;

    fn connect(&self) -> Result<Store, StoreError> {
        Store::open_reader(&self.0)
    }

    fn is_valid(&self, store: &mut Store) -> Result<(), StoreError> {
        store.data_version().map(|_| ())
    }

    fn has_broken(&self, _: &mut Store) -> bool {
        false
    }
}

/// Readers of the cache file at a path (opened as needed, kept for reuse).
#[derive(Clone)]
pub struct Readers(r2d2::Pool<Opener>);

/// A reader lent from the pool; back to it when dropped.
pub type Reader = r2d2::PooledConnection<Opener>;

impl Readers {
    /// A pool over the cache at `path`, which the writer has already opened and migrated.
    pub fn new(path: &Path) -> Readers {
        let pool = r2d2::Pool::builder()
            .max_size(READERS)
            .min_idle(Some(0))
            .connection_timeout(WAIT)
            .test_on_check_out(false)
            .build_unchecked(Opener(path.to_owned()));
        Readers(pool)
    }

    pub fn get(&self) -> Result<Reader, StoreError> {
        self.0.get().map_err(|e| StoreError::Readers(e.to_string()))
    }
}
