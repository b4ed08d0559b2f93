//! Desktop notices: a desk-started task that ended, and a strategy's alert
//! thresholds tripping. Pure: the engine gathers the facts from the cache and
//! the shell shows what [`NoticeBook`] lets through.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::journal::JournalAction;
use crate::overview::TaskState;
use crate::strategy::AlertThresholds;
use crate::{ClusterId, Language, UtcMicros};

const MINUTE: i64 = 60_000_000;
const DAY: i64 = 86_400_000_000;

/// Which notices the administrator wants; the Settings page edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeSettings {
    /// A backup or recovery started from the desk (by hand) completed.
    pub task_completed: bool,
    /// A backup or recovery started from the desk (by hand or by a strategy) failed or was canceled.
    pub task_failed: bool,
    /// A strategy's alert threshold tripped.
    pub strategy_alerts: bool,
}

impl Default for NoticeSettings {
    fn default() -> Self {
        Self {
            task_completed: true,
            task_failed: true,
            strategy_alerts: true,
        }
    }
}

/// One list of what a notice is about; the UI labels and colours these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NoticeKind {
    TaskCompleted,
    TaskFailed,
    DataBackupTimeout,
    LogLatency,
    NoDataBackup,
}

impl NoticeKind {
    pub fn wanted(self, s: &NoticeSettings) -> bool {
        match self {
            NoticeKind::TaskCompleted => s.task_completed,
            NoticeKind::TaskFailed => s.task_failed,
            NoticeKind::DataBackupTimeout | NoticeKind::LogLatency | NoticeKind::NoDataBackup => s.strategy_alerts,
        }
    }
}

/// A notice as the desktop and the UI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// Same key, same condition: shown once until the condition clears.
    pub key: String,
    pub kind: NoticeKind,
    pub cluster_id: ClusterId,
    pub title: String,
    pub body: String,
}

/// A task a journal entry started, and where its job stands in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskOutcome {
    pub journal_id: i64,
    pub cluster_id: ClusterId,
    pub cluster_name: String,
    /// The tenant backed up or restored into; `None` for a cluster backup.
    pub tenant_name: Option<String>,
    pub action: JournalAction,
    /// A strategy's schedule started it (not an operator).
    pub scheduled: bool,
    pub job_id: i64,
    pub state: TaskState,
    /// The cluster's comment on a failed job.
    pub cause: String,
}

fn what(o: &TaskOutcome, lang: Language) -> String {
    let tenant = o.tenant_name.as_deref().unwrap_or("");
    let c = &o.cluster_name;
    let restore = matches!(o.action, JournalAction::Restore | JournalAction::RetryRestore);
    match (lang, o.action, restore) {
        (Language::EnUs, JournalAction::BackupCluster, _) => format!("Backup of cluster {c}"),
        (Language::EnUs, _, true) => format!("Recovery of tenant {tenant} on {c}"),
        (Language::EnUs, _, false) => format!("Backup of tenant {tenant} on {c}"),
        (Language::ZhCn, JournalAction::BackupCluster, _) => format!("集群 {c} 的备份"),
        (Language::ZhCn, _, true) => format!("{c} 上租户 {tenant} 的恢复"),
        (Language::ZhCn, _, false) => format!("{c} 上租户 {tenant} 的备份"),
    }
}

/// The notice for an ended task; `None` while it runs, and for a scheduled
/// task that simply completed (a strategy's daily success is not news).
pub fn task_notice(o: &TaskOutcome, lang: Language) -> Option<Notice> {
    let zh = lang == Language::ZhCn;
    let (kind, ended) = match o.state {
        TaskState::Completed if !o.scheduled => (NoticeKind::TaskCompleted, if zh { "已完成" } else { "completed" }),
        TaskState::Failed => (NoticeKind::TaskFailed, if zh { "失败" } else { "failed" }),
        TaskState::Canceled => (NoticeKind::TaskFailed, if zh { "已取消" } else { "was canceled" }),
        _ => return None,
    };
    let cause = o.cause.trim();
    let job = if zh {
        format!("任务 {}", o.job_id)
    } else {
        format!("Job {}", o.job_id)
    };
    Some(Notice {
        key: format!("task:{}", o.journal_id),
        kind,
        cluster_id: o.cluster_id,
        title: format!("{} {ended}", what(o, lang)),
        body: if kind == NoticeKind::TaskFailed && !cause.is_empty() {
            format!("{job}: {cause}")
        } else {
            job
        },
    })
}

/// What the cache says about one tenant a strategy in force covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertFacts {
    pub cluster_id: ClusterId,
    pub cluster_name: String,
    pub tenant_name: String,
    pub thresholds: AlertThresholds,
    pub log_backup: bool,
    /// The running data backup that started first: (job id, start).
    pub running_since: Option<(i64, UtcMicros)>,
    /// End of the latest successful data backup.
    pub last_success: Option<UtcMicros>,
    /// The log archive checkpoint.
    pub log_checkpoint: Option<UtcMicros>,
    /// When the strategy took effect: "no backup for N days" counts from here at the earliest.
    pub strategy_since: UtcMicros,
}

fn minutes(micros: i64) -> i64 {
    micros / MINUTE
}

/// The thresholds that trip at `now`.
pub fn alerts(f: &AlertFacts, now: UtcMicros, lang: Language) -> Vec<Notice> {
    let t = &f.thresholds;
    let zh = lang == Language::ZhCn;
    let tenant = if zh {
        format!("{} 上租户 {}", f.cluster_name, f.tenant_name)
    } else {
        format!("{} on {}", f.tenant_name, f.cluster_name)
    };
    let mut out = Vec::new();
    if let Some((job, since)) = f.running_since {
        let ran = now.0 - since.0;
        if ran > i64::from(t.data_backup_timeout_minutes) * MINUTE {
            out.push(Notice {
                key: format!("timeout:{}:{job}", f.cluster_id.0),
                kind: NoticeKind::DataBackupTimeout,
                cluster_id: f.cluster_id,
                title: if zh {
                    format!("{tenant} 的数据备份超时")
                } else {
                    format!("Data backup of {tenant} is taking too long")
                },
                body: if zh {
                    format!(
                        "任务 {job} 已运行 {} 分钟，策略的超时时间为 {} 分钟。",
                        minutes(ran),
                        t.data_backup_timeout_minutes
                    )
                } else {
                    format!(
                        "Job {job} has run {} min; the strategy's timeout is {} min.",
                        minutes(ran),
                        t.data_backup_timeout_minutes
                    )
                },
            });
        }
    }
    if f.log_backup {
        if let Some(checkpoint) = f.log_checkpoint {
            let latency = (now.0 - checkpoint.0) / 1_000_000;
            if latency > i64::from(t.log_latency_seconds) {
                out.push(Notice {
                    key: format!("latency:{}:{}", f.cluster_id.0, f.tenant_name),
                    kind: NoticeKind::LogLatency,
                    cluster_id: f.cluster_id,
                    title: if zh {
                        format!("{tenant} 的日志备份延迟过高")
                    } else {
                        format!("Log backup of {tenant} is behind")
                    },
                    body: if zh {
                        format!("日志延迟 {latency} 秒，策略的阈值为 {} 秒。", t.log_latency_seconds)
                    } else {
                        format!(
                            "Log latency is {latency} s; the strategy's threshold is {} s.",
                            t.log_latency_seconds
                        )
                    },
                });
            }
        }
    }
    let since = f.last_success.map_or(f.strategy_since, |at| at.max(f.strategy_since));
    let quiet = now.0 - since.0;
    if quiet > i64::from(t.days_without_data_backup) * DAY {
        let (days, limit) = (quiet / DAY, t.days_without_data_backup);
        let body = match (f.last_success.is_some(), zh) {
            (true, false) => {
                format!("The last successful data backup ended {days} days ago; the threshold is {limit} days.")
            }
            (false, false) => format!(
                "No successful data backup since the strategy took effect {days} days ago; the threshold is {limit} days."
            ),
            (true, true) => format!("最近一次成功的数据备份结束于 {days} 天前，阈值为 {limit} 天。"),
            (false, true) => format!("备份策略生效 {days} 天以来没有成功的数据备份，阈值为 {limit} 天。"),
        };
        out.push(Notice {
            key: format!("stale:{}:{}", f.cluster_id.0, f.tenant_name),
            kind: NoticeKind::NoDataBackup,
            cluster_id: f.cluster_id,
            title: if zh {
                format!("{tenant} 已 {days} 天没有数据备份")
            } else {
                format!("No data backup of {tenant} for {days} days")
            },
            body,
        });
    }
    out
}

/// Remembers what was shown, so a condition is announced once while it lasts
/// and again only after it cleared and came back.
#[derive(Debug, Default)]
pub struct NoticeBook {
    /// Alert keys currently tripped.
    tripped: HashSet<String>,
    /// Task notices already shown (a task ends once).
    told: HashSet<String>,
}

impl NoticeBook {
    /// Marks ended tasks as already known without showing them (the past at start-up).
    pub fn know_tasks(&mut self, notices: impl IntoIterator<Item = Notice>) {
        self.told.extend(notices.into_iter().map(|n| n.key));
    }

    /// From this pass's task notices and alerts, the ones to show now.
    pub fn fresh(&mut self, tasks: Vec<Notice>, alerts: Vec<Notice>) -> Vec<Notice> {
        let mut out: Vec<Notice> = tasks.into_iter().filter(|n| self.told.insert(n.key.clone())).collect();
        let now: HashSet<String> = alerts.iter().map(|n| n.key.clone()).collect();
        out.extend(alerts.into_iter().filter(|n| !self.tripped.contains(&n.key)));
        self.tripped = now;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_132_800_000_000;
    const EN: Language = Language::EnUs;

    fn outcome(state: TaskState, scheduled: bool) -> TaskOutcome {
        TaskOutcome {
            journal_id: 7,
            cluster_id: ClusterId(1),
            cluster_name: "sandbox-sh".into(),
            tenant_name: Some("audit".into()),
            action: JournalAction::BackupTenant,
            scheduled,
            job_id: 42,
            state,
            cause: "disk full".into(),
        }
    }

    fn facts() -> AlertFacts {
        AlertFacts {
            cluster_id: ClusterId(1),
            cluster_name: "sandbox-sh".into(),
            tenant_name: "audit".into(),
            thresholds: AlertThresholds {
                data_backup_timeout_minutes: 60,
                log_latency_seconds: 600,
                days_without_data_backup: 2,
            },
            log_backup: true,
            running_since: None,
            last_success: Some(UtcMicros(NOW - DAY)),
            log_checkpoint: Some(UtcMicros(NOW - 30_000_000)),
            strategy_since: UtcMicros(NOW - 30 * DAY),
        }
    }

    #[test]
    fn ended_tasks_say_what_and_how() {
        assert_eq!(task_notice(&outcome(TaskState::InProgress, false), EN), None);
        let done = task_notice(&outcome(TaskState::Completed, false), EN).unwrap();
        assert_eq!(done.kind, NoticeKind::TaskCompleted);
        assert_eq!(done.title, "Backup of tenant audit on sandbox-sh completed");
        let failed = task_notice(&outcome(TaskState::Failed, false), EN).unwrap();
        assert_eq!(failed.kind, NoticeKind::TaskFailed);
        assert_eq!(failed.body, "Job 42: disk full");
        // A strategy's success is routine; its failure is not.
        assert_eq!(task_notice(&outcome(TaskState::Completed, true), EN), None);
        assert!(task_notice(&outcome(TaskState::Failed, true), EN).is_some());
        let mut restore = outcome(TaskState::Canceled, false);
        restore.action = JournalAction::Restore;
        assert_eq!(
            task_notice(&restore, EN).unwrap().title,
            "Recovery of tenant audit on sandbox-sh was canceled"
        );
    }

    #[test]
    fn healthy_tenant_trips_nothing() {
        assert!(alerts(&facts(), UtcMicros(NOW), EN).is_empty());
    }

    #[test]
    fn each_threshold_trips_just_past_its_value() {
        let mut f = facts();
        f.running_since = Some((9, UtcMicros(NOW - 60 * MINUTE)));
        assert!(
            alerts(&f, UtcMicros(NOW), EN).is_empty(),
            "exactly the timeout is not past it"
        );
        f.running_since = Some((9, UtcMicros(NOW - 61 * MINUTE)));
        let a = alerts(&f, UtcMicros(NOW), EN);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].kind, NoticeKind::DataBackupTimeout);
        assert!(a[0].body.contains("61 min"), "{}", a[0].body);

        let mut f = facts();
        f.log_checkpoint = Some(UtcMicros(NOW - 601_000_000));
        assert_eq!(alerts(&f, UtcMicros(NOW), EN)[0].kind, NoticeKind::LogLatency);
        f.log_backup = false;
        assert!(
            alerts(&f, UtcMicros(NOW), EN).is_empty(),
            "no latency alert without log backup"
        );

        let mut f = facts();
        f.last_success = Some(UtcMicros(NOW - 3 * DAY));
        let a = alerts(&f, UtcMicros(NOW), EN);
        assert_eq!(a[0].kind, NoticeKind::NoDataBackup);
        assert_eq!(a[0].title, "No data backup of audit on sandbox-sh for 3 days");
    }

    #[test]
    fn a_new_strategy_gets_its_days_before_the_stale_alert() {
        let mut f = facts();
        f.last_success = None;
        f.strategy_since = UtcMicros(NOW - DAY);
        assert!(alerts(&f, UtcMicros(NOW), EN).is_empty());
        f.strategy_since = UtcMicros(NOW - 5 * DAY);
        assert!(alerts(&f, UtcMicros(NOW), EN)[0]
            .body
            .starts_with("No successful data backup since"));
    }

    #[test]
    fn the_book_announces_once_per_episode() {
        let mut book = NoticeBook::default();
        let mut f = facts();
        f.last_success = Some(UtcMicros(NOW - 3 * DAY));
        let trip = || alerts(&f, UtcMicros(NOW), EN);
        assert_eq!(book.fresh(vec![], trip()).len(), 1);
        assert!(book.fresh(vec![], trip()).is_empty(), "still tripped: not again");
        assert!(book.fresh(vec![], vec![]).is_empty(), "cleared");
        assert_eq!(book.fresh(vec![], trip()).len(), 1, "back: announced again");

        let done = task_notice(&outcome(TaskState::Completed, false), EN).unwrap();
        book.know_tasks([done.clone()]);
        assert!(book.fresh(vec![done], vec![]).is_empty(), "known at start-up");
        let failed = TaskOutcome {
            journal_id: 8,
            ..outcome(TaskState::Failed, false)
        };
        let n = task_notice(&failed, EN).unwrap();
        assert_eq!(book.fresh(vec![n.clone()], vec![]).len(), 1);
        assert!(book.fresh(vec![n], vec![]).is_empty());
    }

    #[test]
    fn chinese_when_the_desk_speaks_it() {
        let n = task_notice(&outcome(TaskState::Failed, false), Language::ZhCn).unwrap();
        assert_eq!(n.title, "sandbox-sh 上租户 audit 的备份 失败");
        assert_eq!(n.body, "任务 42: disk full");
        let mut f = facts();
        f.last_success = Some(UtcMicros(NOW - 3 * DAY));
        assert_eq!(
            alerts(&f, UtcMicros(NOW), Language::ZhCn)[0].title,
            "sandbox-sh 上租户 audit 已 3 天没有数据备份"
        );
    }

    #[test]
    fn settings_choose_kinds() {
        let s = NoticeSettings {
            task_completed: false,
            ..Default::default()
        };
        assert!(!NoticeKind::TaskCompleted.wanted(&s));
        assert!(NoticeKind::TaskFailed.wanted(&s));
        assert!(NoticeKind::LogLatency.wanted(&s));
    }
}
