//! What the shell holds for the life of the app: the engine's [`Desk`] and the shell's
//! own things (where settings live, start-up timing).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use desk_engine::Desk;

/// The settings file, beside the cache in the app data dir.
pub const SETTINGS_FILE_NAME: &str = "settings.json";

pub struct AppState {
    pub desk: Desk,
    pub settings_path: PathBuf,
    pub system_zone: Option<String>,
    pub started: Instant,
    pub first_render: OnceLock<u64>,
}

impl AppState {
    /// Opens the desk on `data_dir`; a cache that cannot be opened is not fatal: the
    /// window opens and says why.
    pub fn open(data_dir: &Path, started: Instant) -> Self {
        Self {
            desk: Desk::open(data_dir, desk_engine::os_user()),
            settings_path: data_dir.join(SETTINGS_FILE_NAME),
            system_zone: iana_time_zone::get_timezone().ok(),
            started,
            first_render: OnceLock::new(),
        }
    }
}

/// Commands call the desk's use cases on the state directly.
impl std::ops::Deref for AppState {
    type Target = Desk;
    fn deref(&self) -> &Desk {
        &self.desk
    }
}
