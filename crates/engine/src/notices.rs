//! Watches the cache for what deserves a desktop notice: tasks the desk
//! started that ended, and strategies' alert thresholds. The shell calls
//! [`NoticeWatch::poll`] after each sync pass and on a timer.

use desk_model::notices::{alerts, task_notice, Notice, NoticeBook, NoticeSettings};
use desk_model::{Language, UtcMicros};
use desk_store::{Store, StoreError};

/// How far back the journal is followed: a task started longer ago than this
/// and still not seen ending is left to the task pages.
pub const FOLLOW_TASKS_FOR: i64 = 7 * 86_400_000_000;

#[derive(Debug)]
pub struct NoticeWatch {
    book: NoticeBook,
}

impl NoticeWatch {
    /// Starts watching at `now`: tasks that had already ended are the past, not news.
    pub fn start(store: &Store, now: UtcMicros) -> Result<Self, StoreError> {
        let mut book = NoticeBook::default();
        let ended = store
            .desk_task_outcomes(UtcMicros(now.0 - FOLLOW_TASKS_FOR))?
            .iter()
            .filter_map(|o| task_notice(o, Language::EnUs))
            .collect::<Vec<_>>();
        book.know_tasks(ended);
        Ok(Self { book })
    }

    /// The notices to show now, in `lang`, of the kinds `wanted` asks for.
    /// A kind switched off is still remembered, so switching it on later does
    /// not replay old news.
    pub fn poll(
        &mut self,
        store: &Store,
        now: UtcMicros,
        lang: Language,
        wanted: &NoticeSettings,
    ) -> Result<Vec<Notice>, StoreError> {
        let tasks = store
            .desk_task_outcomes(UtcMicros(now.0 - FOLLOW_TASKS_FOR))?
            .iter()
            .filter_map(|o| task_notice(o, lang))
            .collect();
        let tripped = store.alert_facts()?.iter().flat_map(|f| alerts(f, now, lang)).collect();
        Ok(self
            .book
            .fresh(tasks, tripped)
            .into_iter()
            .filter(|n| n.kind.wanted(wanted))
            .collect())
    }
}
