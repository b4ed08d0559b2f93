//! A person opens the desk on a seeded cache, walks the console by visible
//! text, changes the display time zone, restarts the app and finds it kept.

use std::path::PathBuf;

use desk_e2e::seed::{cache_path, seed_cache, LAST_SYNC, TENANTS};
use desk_e2e::{startup_ms, Desk, Driver, Error};
use fantoccini::key::Key;
use fantoccini::Locator;

/// Where screenshots and logs go (kept for a person to look at).
fn artifacts() -> PathBuf {
    let dir = std::env::var_os("DESK_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("desk-e2e"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seeded sync time as the page must show it in `zone`.
fn last_sync_in(zone: chrono_tz::Tz) -> String {
    let t = chrono::DateTime::from_timestamp_micros(LAST_SYNC.0)
        .unwrap()
        .with_timezone(&zone);
    format!("{} UTC{}", t.format("%Y-%m-%d %H:%M:%S"), t.format("%:z"))
}

async fn choose_time_zone(desk: &Desk, zone: &str) -> Result<(), Error> {
    // The field's visible box covers its search input: click the box, as a person does.
    desk.click(
        Locator::XPath(
            "//input[@aria-label='Display time zone']/ancestor::div[contains(@class,'ant-select-selector')]",
        ),
        "the time zone field",
    )
    .await?;
    let input = desk
        .wait_for(
            Locator::Css("input[aria-label='Display time zone']"),
            "the time zone search",
        )
        .await?;
    input.send_keys(zone).await?;
    // The option list shows the match; Enter picks the highlighted one.
    desk.wait_for(
        Locator::XPath(&format!(
            "//div[contains(@class,'ant-select-item-option') and @title='{zone}']"
        )),
        "the zone option",
    )
    .await?;
    input.send_keys(&Key::Enter.to_string()).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_setting_survives_a_restart_and_pages_show_the_cache() -> Result<(), Error> {
    let data = tempfile::tempdir()?;
    seed_cache(data.path())?;
    let out = artifacts();
    let driver = Driver::start(data.path(), &out.join("tauri-driver.log")).await?;

    // First launch: the console shows what the cache holds.
    let desk = driver.launch().await?;
    for t in TENANTS {
        desk.text(t.name).await?;
    }
    desk.wait_page_contains("ob-dr-sh").await?;
    desk.text("Cache ready").await?;
    desk.screenshot(&out.join("tenants.png")).await?;

    desk.click_text("Clusters").await?;
    desk.text("4.3.5.3").await?;
    desk.text("10.40.0.21:2881").await?;
    // The built-in sandbox (on by default) adds its emulated clusters, found
    // through the connector and labelled as such.
    for sandbox in ["sandbox-hz", "sandbox-sh", "sandbox-legacy"] {
        desk.wait_page_contains(sandbox).await?;
    }
    // Each sandbox cluster shows its release with the revision its banner carries.
    for (release, build) in [
        ("4.3.5.6", "r106000012026040916"),
        ("4.2.1.1", "r101010012023111012"),
        ("3.1.5", "r100000252023041721"),
    ] {
        desk.text(release).await?;
        desk.text(build).await?;
    }
    desk.text("Sandbox").await?;
    desk.screenshot(&out.join("clusters.png")).await?;

    // A tenant has its own navigation: Overview and Backup and Recovery.
    desk.click_text("Tenants").await?;
    desk.text("legacy_app").await?;
    desk.click_text("billing").await?;
    desk.text("Tenant Overview").await?;
    desk.text("Basic Information").await?;
    desk.click_text("Backup and Recovery").await?;
    // A tenant the cache holds no history for: the card says so, the header still shows its actions.
    desk.text("No Backup Strategy").await?;
    desk.text("None in the cache").await?;
    desk.text("Initiate Recovery").await?;
    desk.screenshot(&out.join("tenant-backup-empty.png")).await?;

    // Change the display zone on the Settings page.
    desk.click_text("Tenants").await?;
    desk.click_text("Settings").await?;
    choose_time_zone(&desk, "Asia/Kolkata").await?;
    desk.click_button("Save").await?;
    desk.text("Settings saved").await?;
    desk.wait_page_contains("Asia/Kolkata (UTC+05:30)").await?;
    desk.screenshot(&out.join("settings.png")).await?;
    desk.quit().await?;

    // Restart: the setting is kept and times follow it.
    let desk = driver.launch().await?;
    desk.text("trade").await?;
    desk.wait_page_contains("Asia/Kolkata (UTC+05:30)").await?;
    desk.click_text("Clusters").await?;
    desk.wait_page_contains(&last_sync_in(chrono_tz::Asia::Kolkata)).await?;
    desk.click_text("Settings").await?;
    desk.wait_for(
        Locator::XPath("//span[contains(@class,'ant-select-selection-item') and @title='Asia/Kolkata']"),
        "Asia/Kolkata chosen in the time zone field",
    )
    .await?;

    // Chinese, without a restart: the pages' labels follow at once.
    choose_language(&desk, "简体中文").await?;
    desk.click_button("Save").await?;
    // The page itself turns Chinese (the saved message can come and go between two looks).
    desk.wait_text_within("租户", std::time::Duration::from_secs(20))
        .await?;
    desk.click_text("租户").await?;
    desk.click_text("trade").await?;
    // The tenant's page first: until it shows, the console's own 备份恢复 (the task
    // center) is the one on screen.
    desk.text("基本信息").await?;
    desk.click_text("备份恢复").await?;
    for label in [
        "立即备份",
        "发起恢复",
        "备份状态",
        "数据备份任务",
        "恢复任务",
        "备份策略",
    ] {
        desk.wait_page_contains(label).await?;
    }
    // The glyphs are drawn, not blank: a four-character heading is as wide as four
    // characters (a machine without a CJK font draws them zero wide).
    let heading = desk.text("备份恢复").await?;
    let (_, _, width, height) = heading.rectangle().await?;
    assert!(
        width >= 2.0 * height && height > 0.0,
        "备份恢复 is {width} x {height} px"
    );
    desk.screenshot(&out.join("backup-page-zh.png")).await?;
    // The desk's own refusals are Chinese too: nothing of trade's is backed up in the
    // cache, so no recovery, and pointing at the action says why.
    let reason = "暂无可恢复的时间区间：还没有数据备份及其后的日志备份";
    let refused = format!("//*[@data-reason='{reason}'][.//button[normalize-space(.)='发起恢复']]");
    desk.hover(Locator::XPath(&refused), "发起恢复 refused, nothing recoverable")
        .await?;
    desk.wait_for(
        Locator::XPath(&format!(
            "//div[contains(@class,'ant-tooltip-inner') and normalize-space(.)='{reason}']"
        )),
        "the reason on hover",
    )
    .await?;
    desk.screenshot(&out.join("backup-page-zh-refusal.png")).await?;
    desk.quit().await?;
    driver.stop().await;

    let settings = std::fs::read_to_string(cache_path(data.path()).with_file_name("settings.json"))?;
    assert!(
        settings.contains("Asia/Kolkata") && settings.contains("zh-CN"),
        "{settings}"
    );

    let starts = startup_ms(&out.join("tauri-driver.log"));
    println!("cold start to first render (ms), per launch: {starts:?}");
    assert_eq!(starts.len(), 2, "each launch logs its first-render time");
    Ok(())
}

/// An element inside the active tab pane whose own text is `text`.
fn in_active_pane(text: &str) -> String {
    format!("//div[contains(@class,'ant-tabs-tabpane-active')]//*[normalize-space(text())='{text}']")
}

async fn period_label(desk: &Desk) -> Result<String, Error> {
    Ok(desk
        .wait_for(Locator::Css("[data-testid='period-label']"), "the period label")
        .await?
        .text()
        .await?)
}

/// Waits until the period label reads differently from `old`, and returns it.
async fn period_label_changes(desk: &Desk, old: &str) -> Result<String, Error> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let now = period_label(desk).await?;
        if now != old && !now.is_empty() {
            return Ok(now);
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the period label stayed {old:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sandbox_tenants_backup_and_recovery_page_reads_its_history() -> Result<(), Error> {
    let data = tempfile::tempdir()?;
    let out = artifacts();
    let driver = Driver::start(data.path(), &out.join("tauri-driver-backup.log")).await?;
    let desk = driver.launch().await?;

    // audit lives only on the sandbox's 4.2 cluster, with three weeks of history.
    desk.click_text("audit").await?;
    desk.click_text("Backup and Recovery").await?;

    // The card: no desk strategy, but the cluster itself backs audit up (its
    // destinations are set and its log archive runs), so Status says so, the latency
    // shows, and the cluster's configuration is spelled out; the history fills the rest.
    desk.text("Backup Overview").await?;
    desk.text("Configured on the Cluster").await?;
    desk.text("Last Data Backup").await?;
    desk.text("Log Backup Timestamp").await?;
    desk.text("Log Latency").await?;
    desk.text_containing(", set ").await?;
    desk.text("Backup Configuration on the Cluster").await?;
    desk.text("file:///sandbox/sandbox-sh/audit/archive").await?;
    // Something is recoverable, so Initiate Recovery is offered without a strategy.
    let recovery = desk
        .wait_for(
            Locator::XPath("//button[normalize-space(.)='Initiate Recovery']"),
            "Initiate Recovery",
        )
        .await?;
    assert!(
        recovery.attr("disabled").await?.is_none(),
        "Initiate Recovery is offered"
    );

    // The period: back one week (the log gap ten days back shows there), then forward again.
    let next = desk
        .wait_for(Locator::Css("button[aria-label='Next period']"), "the > button")
        .await?;
    assert!(next.attr("disabled").await?.is_some(), "no period after the latest");
    let latest = period_label_changes(&desk, "").await?;
    desk.screenshot(&out.join("tenant-backup.png")).await?;
    desk.click(Locator::Css("button[aria-label='Previous period']"), "the < button")
        .await?;
    let earlier = period_label_changes(&desk, &latest).await?;
    desk.wait_for(Locator::Css(".period-gap"), "a gap in the window")
        .await?;
    desk.screenshot(&out.join("tenant-backup-previous-period.png")).await?;
    desk.click(Locator::Css("button[aria-label='Next period']"), "the > button")
        .await?;
    period_label_changes(&desk, &earlier).await?;

    // Recovery Tasks: both drills in 30 days, only the latest in 7; its cause is OceanBase's.
    desk.click_text("Recovery Tasks").await?;
    desk.click(Locator::XPath(&in_active_pane("Last 30 days")), "Last 30 days")
        .await?;
    desk.text("audit_drill_2").await?;
    desk.text("audit_drill_4").await?;
    desk.click(Locator::XPath(&in_active_pane("Last 7 days")), "Last 7 days")
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while desk.page_text().await?.contains("audit_drill_2") {
        assert!(
            std::time::Instant::now() < deadline,
            "the 18-day-old drill stays listed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    desk.text("audit_drill_4").await?;
    let view_cause = desk
        .click(
            Locator::XPath(
                "//div[contains(@class,'ant-tabs-tabpane-active')]//button[normalize-space(.)='View Cause']",
            ),
            "View Cause",
        )
        .await;
    if let Err(e) = view_cause {
        desk.screenshot(&out.join("failed-view-cause.png")).await?;
        return Err(e);
    }
    desk.text("(ret=-4013) No memory or reach tenant memory limit, tenant restore failed")
        .await?;
    // Let the dialog finish its opening animation before the picture.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    desk.screenshot(&out.join("recovery-tasks-cause.png")).await?;
    desk.click_button("OK").await?;

    // The cluster level (all tenants) and the task center.
    desk.click_text("Tenants").await?;
    desk.click_text("Clusters").await?;
    // The cluster's link: the Tenants page, still on screen while Clusters renders,
    // shows the same name as text.
    desk.click(Locator::XPath("//a[normalize-space(.)='sandbox-hz']"), "sandbox-hz")
        .await?;
    desk.text("Backup and Recovery: sandbox-hz").await?;
    desk.text("Backup Overview").await?;
    desk.screenshot(&out.join("cluster-backup.png")).await?;
    desk.click_text("Backup & Recovery").await?;
    desk.text("Data Backup Tasks").await?;
    desk.wait_page_contains("sandbox-sh").await?;
    desk.screenshot(&out.join("task-center.png")).await?;
    desk.quit().await?;
    driver.stop().await;
    Ok(())
}

/// An operator's day on the sandbox, by visible text: Backup Now and watch it
/// complete; add a strategy, pause and enable it; try a recovery time outside
/// the window and read the refusal; recover to the latest point and see the
/// task; delete the strategy.
#[tokio::test(flavor = "multi_thread")]
async fn backup_now_a_strategy_and_a_recovery_on_the_sandbox() -> Result<(), Error> {
    use std::time::Duration;
    let data = tempfile::tempdir()?;
    let out = artifacts();
    let driver = Driver::start(data.path(), &out.join("tauri-driver-operations.log")).await?;
    let desk = driver.launch().await?;

    desk.click_text("audit").await?;
    desk.click_text("Backup and Recovery").await?;
    desk.text("Backup Overview").await?;

    // Backup Now: the dialog names the object and the version, then follows the job to its end.
    desk.click_button("Backup Now").await?;
    desk.dialog("Backup Now: audit").await?;
    desk.screenshot(&out.join("backup-now-dialog.png")).await?;
    desk.wait_text_within("V4.2.1.1", Duration::from_secs(20)).await?;
    desk.click_button("Back Up").await?;
    desk.wait_text_within("Tenant backup started: job", Duration::from_secs(20))
        .await?;
    desk.screenshot(&out.join("backup-now-running.png")).await?;
    // Ended: the progress says how long it took, under its Completed tag.
    desk.wait_text_within("Took ", Duration::from_secs(180)).await?;
    desk.wait_for(
        Locator::XPath(
            "//div[contains(@class,'ant-modal')]//span[contains(@class,'ant-tag')][normalize-space(.)='Completed']",
        ),
        "the dialog's Completed tag",
    )
    .await?;
    desk.screenshot(&out.join("backup-now-completed.png")).await?;
    desk.click_button("Close").await?;
    // The desk says so in a notice (on the desktop too, where a notification service runs).
    desk.wait_text_within(
        "Backup of tenant audit on sandbox-sh completed",
        Duration::from_secs(60),
    )
    .await?;
    // The job is listed as the operator's own.
    desk.wait_text_within("Manual", Duration::from_secs(30)).await?;

    // A strategy for the tenant: every field has a sensible default; only the path is typed.
    desk.click_text("Backup Strategy").await?;
    desk.click_button("Add Backup Strategy for This Tenant").await?;
    desk.dialog("Add Backup Strategy").await?;
    // The sandbox already backs audit up to /sandbox/sandbox-sh/audit: the strategy keeps
    // those destinations by default and shows them.
    desk.text("file:///sandbox/sandbox-sh/audit/data").await?;
    // A new path would move them: the form says so before anything is saved.
    desk.click_text("A new path").await?;
    desk.type_into("Path", "/sandbox/moved").await?;
    desk.wait_text_within("This moves backups to a new path", Duration::from_secs(20))
        .await?;
    desk.text("file:///sandbox/moved/audit/archive").await?;
    desk.screenshot(&out.join("strategy-move-warning.png")).await?;
    desk.click_text("Keep the cluster's destinations").await?;
    // The form previews the next five runs as it changes.
    desk.wait_for(Locator::Css(".strategy-preview li:nth-child(5)"), "the fifth next run")
        .await?;
    desk.screenshot(&out.join("strategy-form.png")).await?;
    desk.click_button("Save and Apply").await?;
    desk.wait_text_within("Scheduling enabled", Duration::from_secs(30))
        .await?;
    desk.click_button("Pause Scheduling").await?;
    desk.wait_page_contains("Nothing runs while scheduling is paused.")
        .await?;
    desk.click_button("Enable Scheduling").await?;
    desk.wait_text_within("Scheduling enabled", Duration::from_secs(20))
        .await?;
    desk.screenshot(&out.join("strategy-card.png")).await?;

    // Initiate Recovery is offered now. A time before the window is refused, naming the earliest.
    desk.click_button("Initiate Recovery").await?;
    desk.dialog("Initiate Recovery: audit").await?;
    desk.click_text("A point in time").await?;
    desk.wait_for(
        Locator::Css("input[aria-label='Recovery time']"),
        "the Recovery time field",
    )
    .await?;
    desk.type_into("Recovery time", "2020-01-01 00:00:00").await?;
    desk.click_text("New tenant name").await?;
    desk.wait_page_contains("is outside the recoverable window of tenant audit")
        .await?;
    desk.wait_text_within("the earliest recoverable time is", Duration::from_secs(20))
        .await?;
    // A time in the gap the sandbox's history has (its log archive stopped ten days ago
    // at 09:17 UTC, and nothing is recoverable again until the next day's backup):
    // refused, naming the recoverable times on both sides.
    let gap = (chrono::Utc::now() - chrono::Duration::days(10))
        .format("%Y-%m-%d 11:00:00")
        .to_string();
    desk.type_into("Recovery time", &gap).await?;
    desk.click_text("New tenant name").await?;
    desk.wait_text_within("the nearest recoverable times are", Duration::from_secs(20))
        .await?;
    // One "Use …" button for each side of the gap (the earlier refusal offered one).
    desk.wait_for(
        Locator::XPath("(//button[starts-with(normalize-space(.),'Use ')])[2]"),
        "a Use button for each nearest time",
    )
    .await?;
    desk.wait_page_contains("the nearest recoverable times are").await?;
    desk.screenshot(&out.join("recovery-refused.png")).await?;
    desk.click_text("The latest recoverable point").await?;
    desk.type_into("New tenant name", "audit_desk_drill").await?;
    desk.click(
        Locator::XPath("//div[contains(@class,'ant-modal-footer')]//button[normalize-space(.)='Initiate Recovery']"),
        "the dialog's Initiate Recovery",
    )
    .await?;
    desk.wait_text_within("Recovery started: job", Duration::from_secs(30))
        .await?;
    desk.click_text("Recovery Tasks").await?;
    desk.wait_text_within("audit_desk_drill", Duration::from_secs(60))
        .await?;
    desk.screenshot(&out.join("recovery-started.png")).await?;
    // It runs to its end, on the page and in a notice.
    desk.wait_text_within(
        "Recovery of tenant audit_desk_drill on sandbox-sh completed",
        Duration::from_secs(300),
    )
    .await?;
    wait_row(&desk, "audit_desk_drill", "Completed", Duration::from_secs(60)).await?;
    desk.screenshot(&out.join("recovery-completed.png")).await?;

    // Delete the strategy: the tenant falls back to none.
    desk.click_text("Backup Strategy").await?;
    desk.click_button("Delete").await?;
    desk.click_button("OK").await?;
    desk.wait_page_contains("No backup strategy for this tenant or its cluster.")
        .await?;
    desk.quit().await?;
    driver.stop().await;
    Ok(())
}

/// The sandbox's fault tools on one cluster's row of the Clusters page.
async fn sandbox_fault(desk: &Desk, cluster: &str, fault: &str) -> Result<(), Error> {
    use std::time::Duration;
    // From a tenant's pages the way to Clusters goes back through Tenants, as in the console.
    desk.click_text("Tenants").await?;
    desk.click_text("Clusters").await?;
    let applied = format!("{fault}: applied to {cluster}");
    // A click that lands while the menu is still animating open is lost; a person clicks
    // again. Every fault is idempotent, so trying twice is safe.
    // Menus opened before stay in the page, hidden: only the open one counts.
    let item = format!(
        "//div[contains(@class,'ant-dropdown') and not(contains(@class,'ant-dropdown-hidden'))]\
         //li[contains(@class,'ant-dropdown-menu-item')][normalize-space(.)='{fault}']"
    );
    for _ in 0..3 {
        // The trigger toggles: open the menu only when it is not open already.
        if !desk.present_xpath(&item).await {
            desk.click(
                Locator::XPath(&format!(
                    "//tr[.//a[normalize-space(.)='{cluster}']]//button[normalize-space(.)='Sandbox faults']"
                )),
                "the cluster's Sandbox faults",
            )
            .await?;
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        desk.click(Locator::XPath(&item), fault).await?;
        if desk.wait_text_within(&applied, Duration::from_secs(5)).await.is_ok() {
            return Ok(());
        }
    }
    Err(format!("{applied:?} never showed").into())
}

async fn open_audit(desk: &Desk) -> Result<(), Error> {
    desk.click_text("Tenants").await?;
    desk.click_text("audit").await?;
    desk.click_text("Backup and Recovery").await?;
    desk.text("Backup Overview").await?;
    Ok(())
}

async fn recover_audit_to(desk: &Desk, name: &str) -> Result<(), Error> {
    use std::time::Duration;
    desk.click_button("Initiate Recovery").await?;
    desk.dialog("Initiate Recovery: audit").await?;
    desk.type_into("New tenant name", name).await?;
    // The earlier recovery's failure toast can land on the dialog's footer just
    // as it is clicked, as it could under a person's cursor: close it and click
    // again. A click that did go through shows the start, so nothing is sent twice.
    for _ in 0..3 {
        desk.close_toasts().await?;
        desk.click(
            Locator::XPath(
                "//div[contains(@class,'ant-modal-footer')]//button[normalize-space(.)='Initiate Recovery']",
            ),
            "the dialog's Initiate Recovery",
        )
        .await?;
        if desk
            .wait_text_within("Recovery started: job", Duration::from_secs(15))
            .await
            .is_ok()
        {
            return Ok(());
        }
    }
    let page = desk.page_text().await.unwrap_or_default();
    Err(format!("the recovery to {name} never started; the page said:\n{page}").into())
}

/// A Recovery Tasks row's cell, by the row's target tenant and the cell's text.
fn recovery_row(tenant: &str, text: &str) -> String {
    format!("//tr[.//td[normalize-space(.)='{tenant}']]//*[normalize-space(.)='{text}']")
}

async fn wait_row(desk: &Desk, tenant: &str, text: &str, limit: std::time::Duration) -> Result<(), Error> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if desk.present_xpath(&recovery_row(tenant, text)).await {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("no Recovery Tasks row for {tenant} shows {text:?} within {limit:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn offline_mode_then_a_failed_recovery_retried_and_another_cleaned_up() -> Result<(), Error> {
    let data = tempfile::tempdir()?;
    let out = artifacts();
    let driver = Driver::start(data.path(), &out.join("tauri-driver-faults.log")).await?;
    let desk = driver.launch().await?;
    let result = faults_flow(&desk, &out).await;
    if result.is_err() {
        let _ = desk.screenshot(&out.join("faults-failure.png")).await;
    }
    desk.quit().await?;
    driver.stop().await;
    result
}

async fn faults_flow(desk: &Desk, out: &std::path::Path) -> Result<(), Error> {
    use std::time::Duration;
    // The cluster goes away mid-session: its pages render from the cache, its actions wait.
    sandbox_fault(desk, "sandbox-sh", "Take offline").await?;
    desk.wait_text_within("Offline, last refreshed", Duration::from_secs(60))
        .await?;
    desk.screenshot(&out.join("clusters-offline.png")).await?;
    open_audit(desk).await?;
    desk.wait_text_within("sandbox-sh is offline, last refreshed", Duration::from_secs(20))
        .await?;
    desk.text("Last Data Backup").await?;
    desk.wait_for(
        Locator::XPath("//span[@data-reason][contains(@data-reason,'cannot be reached')][.//button[normalize-space(.)='Backup Now']]"),
        "Backup Now disabled because the cluster is offline",
    )
    .await?;
    desk.screenshot(&out.join("backup-page-offline.png")).await?;

    // Back: the desk finds it by itself (no button for that) and says so.
    sandbox_fault(desk, "sandbox-sh", "Bring back online").await?;
    desk.wait_text_within("sandbox-sh is back online", Duration::from_secs(120))
        .await?;
    open_audit(desk).await?;
    desk.wait_for(
        Locator::XPath("//button[normalize-space(.)='Backup Now'][not(@disabled)]"),
        "Backup Now enabled again",
    )
    .await?;

    // No strategy is needed to recover: the cluster's own configuration backs audit up.

    // Two recoveries that will fail: one to retry, one to clean up.
    sandbox_fault(desk, "sandbox-sh", "Fail the next recovery").await?;
    open_audit(desk).await?;
    recover_audit_to(desk, "audit_retry").await?;
    sandbox_fault(desk, "sandbox-sh", "Fail the next recovery").await?;
    open_audit(desk).await?;
    recover_audit_to(desk, "audit_clean").await?;
    desk.click_text("Recovery Tasks").await?;
    wait_row(desk, "audit_retry", "Failed", Duration::from_secs(240)).await?;
    wait_row(desk, "audit_clean", "Failed", Duration::from_secs(240)).await?;
    desk.screenshot(&out.join("recovery-failed.png")).await?;

    desk.close_toasts().await?;
    desk.click(
        Locator::XPath(&recovery_row("audit_retry", "Retry")),
        "Retry on audit_retry",
    )
    .await?;
    desk.confirm_ok().await?;
    desk.wait_text_within("Recovery retry started: job", Duration::from_secs(60))
        .await?;
    desk.close_toasts().await?;
    desk.click(
        Locator::XPath(&recovery_row("audit_clean", "Clean Up")),
        "Clean Up on audit_clean",
    )
    .await?;
    desk.confirm_ok().await?;
    desk.wait_text_within("Recovery clean-up took effect", Duration::from_secs(60))
        .await?;

    // The retried recovery runs to its end, and the desk says so.
    desk.wait_text_within(
        "Recovery of tenant audit_retry on sandbox-sh completed",
        Duration::from_secs(300),
    )
    .await?;
    wait_row(desk, "audit_retry", "Completed", Duration::from_secs(60)).await?;
    desk.screenshot(&out.join("recovery-retried-completed.png")).await?;
    Ok(())
}

/// An administrator's day with the sandbox off: their own cluster (ob-emulator, a process
/// of its own) is added through Clusters -> Add Cluster; a strategy due in a minute or two
/// runs by itself; the app is killed (SIGKILL) while that backup runs and started again;
/// the journal is settled and the backup was sent once (the emulator's own log counts).
#[tokio::test(flavor = "multi_thread")]
async fn a_day_with_the_sandbox_off_on_a_cluster_of_ones_own() -> Result<(), Error> {
    use desk_e2e::{kill_app, Emulated};
    use std::time::Duration;

    let data = tempfile::tempdir()?;
    let out = artifacts();
    // The sandbox off and times in UTC, as an administrator with real clusters keeps them.
    let app_dir = data.path().join("com.obbackupdesk.app");
    std::fs::create_dir_all(&app_dir)?;
    std::fs::write(
        app_dir.join("settings.json"),
        r#"{"sandbox": false, "timeZone": "UTC"}"#,
    )?;
    // A 4.2.1 cluster with one tenant backing up to its own destinations; large enough
    // that a full backup runs for minutes.
    let emulator = Emulated::start(
        &[
            "--release",
            "4.2.1-ce",
            "--password",
            "s3cret",
            "--cluster",
            "prod-hz",
            "--tenant",
            "trade:1002:400:archive",
            "--history-days",
            "2",
        ],
        &data.path().join("statements.log"),
    )
    .await?;
    let driver = Driver::start(data.path(), &out.join("tauri-driver-day.log")).await?;
    let desk = driver.launch().await?;

    desk.click_text("Clusters").await?;
    desk.click_button("Add Cluster").await?;
    desk.dialog("Add Cluster").await?;
    desk.type_into("Cluster Name", "prod-hz").await?;
    desk.type_into("Host", "127.0.0.1").await?;
    desk.type_into("Port", &emulator.port.to_string()).await?;
    desk.type_into("Password", "s3cret").await?;
    desk.click_button("Test").await?;
    desk.wait_text_within("Connected", Duration::from_secs(30)).await?;
    desk.wait_page_contains("V4.2.1").await?;
    desk.screenshot(&out.join("day-add-cluster.png")).await?;
    desk.click_button("Add").await?;
    desk.wait_text_within("127.0.0.1:", Duration::from_secs(30)).await?;
    assert!(!desk.page_text().await?.contains("sandbox-hz"), "the sandbox is off");

    // Its tenant, synced in the background.
    desk.click_text("Tenants").await?;
    desk.wait_text_within("trade", Duration::from_secs(60)).await?;
    desk.click_text("trade").await?;
    desk.click_text("Backup and Recovery").await?;
    desk.click_text("Backup Strategy").await?;
    desk.click_button("Add Backup Strategy for This Tenant").await?;
    desk.dialog("Add Backup Strategy").await?;
    // Due at the start of the minute after next (UTC, every day of the week by default).
    let due = chrono::Utc::now() + chrono::Duration::seconds(120);
    let at = due.format("%H:%M").to_string();
    desk.type_into("Start Time", &at).await?;
    desk.wait_page_contains(&format!("{} {at}", due.format("%Y-%m-%d")))
        .await?;
    desk.screenshot(&out.join("day-strategy.png")).await?;
    desk.click_button("Save and Apply").await?;
    desk.wait_text_within("Scheduling enabled", Duration::from_secs(60))
        .await?;

    // It runs by itself, once it is due.
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    while emulator.statements_with("ALTER SYSTEM BACKUP").is_empty() {
        if std::time::Instant::now() > deadline {
            return Err(format!("the strategy due at {at} UTC did not run within 5 minutes").into());
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    desk.click_text("Data Backup Tasks").await?;
    desk.wait_text_within("Scheduled", Duration::from_secs(90)).await?;
    desk.screenshot(&out.join("day-scheduled-backup.png")).await?;

    // A crash while the backup runs, then the app again.
    kill_app().await?;
    drop(desk);
    let desk = driver.launch().await?;
    desk.click_text("trade").await?;
    desk.click_text("Backup and Recovery").await?;
    desk.click_text("Data Backup Tasks").await?;
    desk.wait_text_within("Scheduled", Duration::from_secs(90)).await?;
    desk.screenshot(&out.join("day-after-restart.png")).await?;
    // Give the restarted scheduler and reconciliation time to (wrongly) act again.
    tokio::time::sleep(Duration::from_secs(20)).await;
    let sent = emulator.statements_with("ALTER SYSTEM BACKUP");
    assert_eq!(sent.len(), 1, "sent once: {sent:?}");

    // The journal, read by the CLI from the same cache: every action settled.
    let journal = tokio::process::Command::new(desk_e2e::app_binary().with_file_name("desk"))
        .arg("--data-dir")
        .arg(&app_dir)
        .args(["--json", "journal", "--cluster", "prod-hz"])
        .output()
        .await?;
    assert!(journal.status.success(), "{}", String::from_utf8_lossy(&journal.stderr));
    let entries: serde_json::Value = serde_json::from_slice(&journal.stdout)?;
    let entries = entries["journal"].as_array().ok_or("no journal")?;
    assert!(
        entries.iter().any(|e| e["action"] == "BACKUP_TENANT" && e["actor"].as_str().is_some_and(|a| a.starts_with("scheduler:"))),
        "{entries:?}"
    );
    for e in entries {
        assert!(
            matches!(
                e["state"].as_str(),
                Some("CONFIRMED") | Some("NOT_APPLIED") | Some("FAILED")
            ),
            "not settled: {e}"
        );
    }

    // A script pauses the strategy with the CLI while the app is open: the page says so
    // by itself (the app hears another process's commit), no click, no restart.
    desk.click_text("Backup Strategy").await?;
    desk.wait_text_within("Scheduling enabled", Duration::from_secs(30))
        .await?;
    let cli = |args: &[&str]| {
        let mut c = tokio::process::Command::new(desk_e2e::app_binary().with_file_name("desk"));
        c.arg("--data-dir").arg(&app_dir).args(args);
        c
    };
    let listed = cli(&["--json", "strategy", "list", "--cluster", "prod-hz"])
        .output()
        .await?;
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout)?;
    let id = listed["strategies"][0]["id"].as_i64().ok_or("no strategy listed")?;
    let paused = cli(&["strategy", "pause", "--id", &id.to_string()]).output().await?;
    assert!(paused.status.success(), "{}", String::from_utf8_lossy(&paused.stderr));
    desk.wait_text_within("Scheduling paused", Duration::from_secs(15))
        .await?;
    desk.screenshot(&out.join("day-paused-by-the-cli.png")).await?;
    desk.quit().await?;
    driver.stop().await;
    emulator.stop().await;
    Ok(())
}

/// A tenant backing up to object storage (the sandbox's `media`, on emulated OSS), in
/// 简体中文: the desk holds no key for it (no strategy of the desk's wrote those backups),
/// so Initiate Recovery asks for the AccessKey, sends it with that request only, and the
/// cluster's own refusal of a wrong key is shown as the cluster said it.
#[tokio::test(flavor = "multi_thread")]
async fn a_recovery_from_object_storage_asks_for_the_key_it_does_not_hold() -> Result<(), Error> {
    use std::time::Duration;
    let data = tempfile::tempdir()?;
    let app_dir = data.path().join("com.obbackupdesk.app");
    std::fs::create_dir_all(&app_dir)?;
    std::fs::write(app_dir.join("settings.json"), r#"{"language": "zh-CN"}"#)?;
    let out = artifacts();
    let driver = Driver::start(data.path(), &out.join("tauri-driver-oss.log")).await?;
    let desk = driver.launch().await?;

    desk.click_text("media").await?;
    // The tenant's page first: until it shows, the console's own 备份恢复 (the task
    // center) is the one on screen.
    desk.text("基本信息").await?;
    desk.click_text("备份恢复").await?;
    // The destination, redacted as the views show it.
    desk.wait_page_contains("oss://sandbox-bucket/sandbox-hz/media/data")
        .await?;
    assert!(!desk.page_text().await?.contains("sandbox-oss-secret"));
    desk.click_button("发起恢复").await?;
    desk.dialog("发起恢复：media").await?;
    desk.type_into("新租户名", "media_drill").await?;
    let send = Locator::XPath("//div[contains(@class,'ant-modal-footer')]//button[normalize-space(.)='发起恢复']");
    desk.click(send, "the dialog's 发起恢复").await?;
    desk.wait_text_within("需要其存储的 AccessKey", Duration::from_secs(60))
        .await?;
    desk.screenshot(&out.join("oss-keys-asked-zh.png")).await?;
    // engine::sandbox::SANDBOX_OSS_ACCESS_ID and a key the bucket does not take.
    desk.type_into("AccessKey ID", "SANDBOXAKID").await?;
    desk.type_into("AccessKey Secret", "not-the-key").await?;
    desk.click(send, "the dialog's 发起恢复").await?;
    desk.wait_text_within("错误 9116", Duration::from_secs(60)).await?;
    desk.screenshot(&out.join("oss-key-refused-zh.png")).await?;
    desk.type_into("AccessKey Secret", "sandbox-oss-secret").await?;
    desk.click(send, "the dialog's 发起恢复").await?;
    desk.wait_text_within("恢复已启动", Duration::from_secs(60)).await?;
    desk.click_text("恢复任务").await?;
    desk.wait_text_within("media_drill", Duration::from_secs(60)).await?;
    desk.screenshot(&out.join("oss-recovery-started-zh.png")).await?;
    assert!(
        !desk.page_text().await?.contains("sandbox-oss-secret"),
        "the key is shown nowhere"
    );
    desk.quit().await?;
    driver.stop().await;
    Ok(())
}

/// A data folder that cannot be created (a file stands where it would go): the window
/// still opens and says why, instead of the app ending at start.
#[tokio::test(flavor = "multi_thread")]
async fn an_unusable_data_folder_opens_the_window_saying_why() -> Result<(), Error> {
    let data = tempfile::tempdir()?;
    let blocker = data.path().join("not-a-folder");
    std::fs::write(&blocker, b"a file where the data folder's parent should be")?;
    let out = artifacts();
    let driver = Driver::start(&blocker, &out.join("tauri-driver-unusable.log")).await?;
    let desk = driver.launch().await?;
    desk.text("Cache unavailable").await?;
    desk.wait_page_contains("The local cache could not be opened.").await?;
    desk.wait_page_contains("cannot be created").await?;
    desk.screenshot(&out.join("unusable-data-folder.png")).await?;
    desk.quit().await?;
    driver.stop().await;
    Ok(())
}

/// What the walk reads and clicks, in one language.
struct Words {
    lang: &'static str,
    tenants: &'static str,
    clusters: &'static str,
    task_center: &'static str,
    settings: &'static str,
    tenant_overview: &'static str,
    basic_information: &'static str,
    /// The tenant's navigation entry and its page's title.
    backup: &'static str,
    backup_overview: &'static str,
    recoverable_period: &'static str,
    cluster_page: &'static str,
    /// Data Backup Tasks, Log Backup Tasks, Recovery Tasks, Backup Strategy.
    tabs: [&'static str; 4],
    status: &'static str,
    actions: &'static str,
    sync: &'static str,
    offline: &'static str,
    log_intro: &'static str,
    no_strategy: &'static str,
    /// A failed recovery's actions: View Cause, Retry, Clean Up.
    failed_actions: [&'static str; 3],
    /// Why Retry and Clean Up cannot act on a drill whose tenant and pool are gone.
    retry_reason: &'static str,
    clean_up_reason: &'static str,
    /// The Recovery Tasks columns a row shows when expanded, and one of their values.
    row_details: [&'static str; 6],
    /// The column chooser, and a column it brings into the row (sortable).
    columns: &'static str,
    recovery_time: &'static str,
    time_zone: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    tenants: "Tenants",
    clusters: "Clusters",
    task_center: "Backup & Recovery",
    settings: "Settings",
    tenant_overview: "Tenant Overview",
    basic_information: "Basic Information",
    backup: "Backup and Recovery",
    backup_overview: "Backup Overview",
    recoverable_period: "Recoverable Period",
    cluster_page: "Backup and Recovery: sandbox-sh",
    tabs: [
        "Data Backup Tasks",
        "Log Backup Tasks",
        "Recovery Tasks",
        "Backup Strategy",
    ],
    status: "Status",
    actions: "Actions",
    sync: "Sync",
    offline: "Offline, last refreshed",
    log_intro: "The archive pieces the clusters reported, newest first.",
    no_strategy: "No backup strategy for this tenant or its cluster.",
    failed_actions: ["View Cause", "Retry", "Clean Up"],
    retry_reason: "no longer exists and the desk did not create it",
    clean_up_reason: "left nothing behind",
    row_details: [
        "Backup Cluster",
        "Target Cluster",
        "Backup Method",
        "Recovery Time",
        "Storage Directory",
        "Physical Backup",
    ],
    columns: "Columns",
    recovery_time: "Recovery Time",
    time_zone: "Display time zone",
};

const CHINESE: Words = Words {
    lang: "zh",
    tenants: "租户",
    clusters: "集群",
    task_center: "备份恢复",
    settings: "设置",
    tenant_overview: "租户总览",
    basic_information: "基本信息",
    backup: "备份恢复",
    backup_overview: "备份概览",
    recoverable_period: "可恢复时间区间",
    cluster_page: "备份恢复：sandbox-sh",
    tabs: ["数据备份任务", "日志备份任务", "恢复任务", "备份策略"],
    status: "状态",
    actions: "操作",
    sync: "同步",
    offline: "离线，最近刷新于",
    log_intro: "集群上报的归档 Piece，最新的在前。",
    no_strategy: "该租户及其集群暂无备份策略。",
    failed_actions: ["查看原因", "重试", "清理"],
    retry_reason: "已不存在，且不是由桌面端创建的",
    clean_up_reason: "没有遗留任何对象",
    row_details: ["备份集群", "目标集群", "备份方式", "恢复时间点", "存储目录", "物理备份"],
    columns: "列设置",
    recovery_time: "恢复时间点",
    time_zone: "显示时区",
};

/// The walk's measurements and findings, per page, language and window size.
struct Walk<'a> {
    desk: &'a Desk,
    out: PathBuf,
    sizes: Vec<(u32, u32)>,
    report: Vec<String>,
    problems: Vec<String>,
}

impl Walk<'_> {
    /// Checks the page as it shows now, at every window size, with a screenshot each:
    /// each table's `status` and `actions` columns (if it has them) and every button
    /// within what shows, nothing needing a horizontal scrollbar.
    async fn look(&mut self, w: &Words, page: &str, status: &str, actions: Option<&str>) -> Result<(), Error> {
        let sizes = self.sizes.clone();
        for (i, &(width, height)) in sizes.iter().enumerate() {
            if sizes.len() > 1 {
                self.desk.set_window(width, height).await?;
            }
            let at = format!("{} {width}x{height} {page}", w.lang);
            // A live refresh can replace an element between two looks: look again.
            let mut attempt = 0;
            let (report, problems) = loop {
                attempt += 1;
                match self.measure(&at, status, actions).await {
                    Ok(found) => break found,
                    Err(e) if attempt < 3 => {
                        println!("{at}: measuring again after {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                    }
                    Err(e) => return Err(e),
                }
            };
            for line in report.iter().chain(&problems) {
                println!("{line}");
            }
            self.report.extend(report);
            self.problems.extend(problems);
            // The picture shows the table, from its card's top, when the page has one.
            self.desk
                .client
                .execute(
                    "const t = [...document.querySelectorAll('.ant-table-wrapper')].find((e) => e.offsetParent !== null);\
                     if (t) (t.closest('.ant-card') || t).scrollIntoView({ block: 'start' });",
                    vec![],
                )
                .await?;
            self.desk
                .screenshot(&self.out.join(format!("walk-{}-{width}x{height}-{page}.png", w.lang)))
                .await?;
            if i + 1 == sizes.len() && sizes.len() > 1 {
                let (width, height) = sizes[0];
                self.desk.set_window(width, height).await?;
            }
        }
        Ok(())
    }

    async fn measure(
        &self,
        at: &str,
        status: &str,
        actions: Option<&str>,
    ) -> Result<(Vec<String>, Vec<String>), Error> {
        let mut problems = Vec::new();
        let mut report = Vec::new();
        let buttons = self.desk.check_buttons(&mut problems).await?;
        for cut in self.desk.cut_text().await? {
            problems.push(format!("text cut to an ellipsis: {cut}"));
        }
        let tables = self.desk.shown_tables().await?;
        if status.is_empty() {
            report.push(format!("{at}: {buttons} buttons, no table"));
        } else if tables.is_empty() {
            problems.push("no table on screen".into());
        }
        for (i, table) in tables.iter().enumerate() {
            let fit = self.desk.check_table(table, status, actions, &mut problems).await?;
            report.push(format!("{at}: table {}: {fit}", i + 1));
        }
        Ok((report, problems.into_iter().map(|p| format!("{at}: {p}")).collect()))
    }
}

/// Chooses a language in Settings, as a person does, and saves it.
async fn choose_language(desk: &Desk, label: &str) -> Result<(), Error> {
    let chosen = format!("//span[contains(@class,'ant-select-selection-item') and @title='{label}']");
    let field =
        "//input[@aria-label='Language' or @aria-label='语言']/ancestor::div[contains(@class,'ant-select-selector')]";
    for _ in 0..3 {
        if desk.present_xpath(&chosen).await {
            break;
        }
        desk.click(Locator::XPath(field), "the language field").await?;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        // Only the open list: one opened before stays in the page, hidden.
        let _ = desk
            .click(
                Locator::XPath(&format!(
                    "//div[contains(@class,'ant-select-dropdown') and not(contains(@class,'ant-select-dropdown-hidden'))]\
                     //div[contains(@class,'ant-select-item-option') and @title='{label}']"
                )),
                label,
            )
            .await;
    }
    desk.wait_for(Locator::XPath(&chosen), label).await?;
    Ok(())
}

/// A page title's glyphs are drawn: CJK text as wide as half its height per character at
/// least (a machine without a CJK font draws it zero wide).
async fn heading_drawn(desk: &Desk, title: &str) -> Result<(), Error> {
    let heading = desk
        .wait_for(
            Locator::XPath(&format!(
                "//div[contains(@class,'page-header')]//h4[normalize-space(.)='{title}']"
            )),
            title,
        )
        .await?;
    let (_, _, width, height) = heading.rectangle().await?;
    let chars = title.chars().filter(|c| !c.is_ascii()).count() as f64;
    if height > 0.0 && width > 0.0 && width >= chars * height / 2.0 {
        Ok(())
    } else {
        Err(format!("the heading {title:?} is drawn {width} x {height} px").into())
    }
}

/// One language's walk: every page, each tab, checked by its visible text and its geometry.
async fn walk_in(walk: &mut Walk<'_>, w: &Words) -> Result<(), Error> {
    let desk = walk.desk;
    let active = |text: &str| in_active_pane(text);

    desk.click_text(w.tenants).await?;
    heading_drawn(desk, w.tenants).await?;
    desk.text("audit").await?;
    desk.text("sandbox-legacy").await?;
    desk.wait_table_rows("the tenants").await?;
    walk.look(w, "tenants", w.status, None).await?;

    desk.click_text("audit").await?;
    heading_drawn(desk, w.tenant_overview).await?;
    desk.text(w.basic_information).await?;
    desk.text("sandbox-sh").await?;
    walk.look(w, "tenant-overview", "", None).await?;

    desk.click_text(w.backup).await?;
    heading_drawn(desk, w.backup).await?;
    desk.text(w.backup_overview).await?;
    desk.text(w.recoverable_period).await?;
    desk.wait_for(Locator::Css(".period-range"), "the recoverable ranges")
        .await?;
    tenant_or_cluster_tabs(walk, w, "tenant").await?;

    // The offline tag of sandbox-legacy, taken offline at the start, in full.
    desk.click_text(w.tenants).await?;
    desk.click_text(w.clusters).await?;
    heading_drawn(desk, w.clusters).await?;
    for name in [
        "sandbox-hz",
        "sandbox-sh",
        "sandbox-legacy",
        "4.3.5.6",
        "4.2.1.1",
        "3.1.5",
    ] {
        desk.text(name).await?;
    }
    desk.wait_text_within(w.offline, std::time::Duration::from_secs(90))
        .await?;
    walk.look(w, "clusters", w.sync, Some(w.actions)).await?;

    desk.click(Locator::XPath("//a[normalize-space(.)='sandbox-sh']"), "sandbox-sh")
        .await?;
    heading_drawn(desk, w.cluster_page).await?;
    desk.text(w.backup_overview).await?;
    desk.wait_for(Locator::Css(".period-range"), "the recoverable ranges")
        .await?;
    tenant_or_cluster_tabs(walk, w, "cluster").await?;

    desk.click_text(w.task_center).await?;
    heading_drawn(desk, w.task_center).await?;
    desk.wait_page_contains("sandbox-hz").await?;
    desk.wait_table_rows("the data backup tasks").await?;
    walk.look(w, "task-center-data", w.status, Some(w.actions)).await?;
    // Every live cluster's log backup, each row with its cluster.
    desk.click(
        Locator::XPath(&format!(
            "//div[contains(@class,'ant-tabs-tab-btn')][normalize-space(.)='{}']",
            w.tabs[1]
        )),
        w.tabs[1],
    )
    .await?;
    desk.text(w.log_intro).await?;
    desk.wait_table_rows("every cluster's log backup pieces").await?;
    desk.wait_for(Locator::XPath(&active("sandbox-sh")), "a log piece of sandbox-sh")
        .await?;
    walk.look(w, "task-center-log", w.status, None).await?;
    desk.click(
        Locator::XPath(&format!(
            "//div[contains(@class,'ant-tabs-tab-btn')][normalize-space(.)='{}']",
            w.tabs[2]
        )),
        w.tabs[2],
    )
    .await?;
    desk.wait_for(Locator::XPath(&active("audit_drill_4")), "audit_drill_4")
        .await?;
    walk.look(w, "task-center-recovery", w.status, Some(w.actions)).await?;

    desk.click_text(w.settings).await?;
    heading_drawn(desk, w.settings).await?;
    desk.text(w.time_zone).await?;
    walk.look(w, "settings", "", None).await?;
    Ok(())
}

/// The Backup and Recovery tabs of a tenant (`tenant`) or a cluster page.
async fn tenant_or_cluster_tabs(walk: &mut Walk<'_>, w: &Words, page: &str) -> Result<(), Error> {
    let desk = walk.desk;
    let tab = |label: &str| format!("//div[contains(@class,'ant-tabs-tab-btn')][normalize-space(.)='{label}']");
    for label in w.tabs {
        desk.text(label).await?;
    }
    desk.wait_table_rows("the data backup tasks").await?;
    walk.look(w, &format!("{page}-data"), w.status, Some(w.actions)).await?;

    desk.click(Locator::XPath(&tab(w.tabs[1])), w.tabs[1]).await?;
    desk.text(w.log_intro).await?;
    desk.wait_table_rows("the log backup pieces").await?;
    walk.look(w, &format!("{page}-log"), w.status, None).await?;

    desk.click(Locator::XPath(&tab(w.tabs[2])), w.tabs[2]).await?;
    desk.wait_for(Locator::XPath(&in_active_pane("audit_drill_4")), "audit_drill_4")
        .await?;
    // A failed recovery offers all its actions, each whole.
    let failed = "//div[contains(@class,'ant-tabs-tabpane-active')]//tr[.//td[normalize-space(.)='audit_drill_4']]";
    for action in w.failed_actions {
        desk.wait_for(
            Locator::XPath(&format!("{failed}//button[normalize-space(.)='{action}']")),
            action,
        )
        .await?;
    }
    // The drill's tenant and pool were dropped long ago: Retry and Clean Up cannot act,
    // and say why (the cluster's answer to the same preparation, nothing sent).
    for (action, reason) in [
        (w.failed_actions[1], w.retry_reason),
        (w.failed_actions[2], w.clean_up_reason),
    ] {
        desk.wait_for(
            Locator::XPath(&format!(
                "{failed}//span[@data-reason][contains(@data-reason,'{reason}')]//button[normalize-space(.)='{action}'][@disabled]"
            )),
            &format!("{action} disabled: {reason}"),
        )
        .await?;
    }
    walk.look(w, &format!("{page}-recovery"), w.status, Some(w.actions))
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    // The columns that collapse into the row show when it is expanded (@oceanbase/design
    // draws the expand button as a caret).
    desk.click(
        Locator::XPath(&format!(
            "{failed}//td[contains(@class,'ant-table-row-expand-icon-cell')]//*[@role='img']"
        )),
        "the row's expand button",
    )
    .await?;
    let details = "//div[contains(@class,'ant-tabs-tabpane-active')]//tr[contains(@class,'ant-table-expanded-row')]";
    for label in w.row_details {
        desk.wait_for(
            Locator::XPath(&format!("{details}//*[normalize-space(text())='{label}']")),
            label,
        )
        .await?;
    }
    walk.look(w, &format!("{page}-recovery-expanded"), w.status, Some(w.actions))
        .await?;
    if page == "tenant" {
        choose_a_column_to_sort_by(walk, w).await?;
    }

    desk.click(Locator::XPath(&tab(w.tabs[3])), w.tabs[3]).await?;
    if page == "tenant" {
        desk.text(w.no_strategy).await?;
    }
    walk.look(w, &format!("{page}-strategy"), "", None).await?;
    desk.click(Locator::XPath(&tab(w.tabs[0])), w.tabs[0]).await?;
    Ok(())
}

/// Ticks (or unticks) a checkbox by its label, again if a click landed while its popover
/// was still opening, as a person would.
async fn tick(desk: &Desk, label: &str, checked: bool) -> Result<(), Error> {
    let ticked = format!("{label}[contains(@class,'ant-checkbox-wrapper-checked')]");
    for _ in 0..5 {
        if desk.present_xpath(&ticked).await == checked {
            return Ok(());
        }
        desk.click(Locator::XPath(label), label).await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let state = if checked { "ticked" } else { "unticked" };
    Err(format!("{label} did not become {state}").into())
}

/// Recovery Time, from the rows' expansion into the row by the column chooser, sorts the
/// list by its header, and goes back.
async fn choose_a_column_to_sort_by(walk: &mut Walk<'_>, w: &Words) -> Result<(), Error> {
    let desk = walk.desk;
    let pane = "//div[contains(@class,'ant-tabs-tabpane-active')]";
    let chooser = format!("{pane}//button[normalize-space(.)='{}']", w.columns);
    // The chooser's popover: antd keeps a closed one in the page, so it is "open" when
    // WebDriver says it is displayed.
    let popover = "//div[contains(@class,'column-chooser')]";
    let option = format!("{popover}//label[normalize-space(.)='{}']", w.recovery_time);
    let header = format!("{pane}//th[normalize-space(.)='{}']", w.recovery_time);
    let shown = || async {
        for e in desk.client.find_all(Locator::XPath(popover)).await.unwrap_or_default() {
            if e.is_displayed().await.unwrap_or(false) {
                return true;
            }
        }
        false
    };
    // Opened by its button, closed by a click beside it (the page's title), each tried
    // again until it shows as wanted: a click during a re-render may not reach it.
    let chooser_open = |open: bool| {
        let chooser = chooser.clone();
        async move {
            for _ in 0..5 {
                if shown().await == open {
                    return Ok::<(), Error>(());
                }
                if open {
                    desk.click(Locator::XPath(&chooser), w.columns).await?;
                } else {
                    desk.click(Locator::Css(".page-header h4"), "the page title").await?;
                }
                tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            }
            Err(format!("the column chooser did not {}", if open { "open" } else { "close" }).into())
        }
    };
    chooser_open(true).await?;
    tick(desk, &option, true).await?;
    desk.wait_for(Locator::XPath(&header), "the Recovery Time column")
        .await?;
    let shot = format!("walk-{}-tenant-recovery-chosen-column.png", w.lang);
    desk.screenshot(&walk.out.join(shot)).await?;
    // Closed, then a click on the header sorts by it.
    chooser_open(false).await?;
    desk.click(Locator::XPath(&header), w.recovery_time).await?;
    desk.wait_for(
        Locator::XPath(&format!("{header}[@aria-sort]")),
        "the list sorted by Recovery Time",
    )
    .await?;
    chooser_open(true).await?;
    tick(desk, &option, false).await?;
    chooser_open(false).await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while desk.present_xpath(&header).await {
        if std::time::Instant::now() > deadline {
            return Err("Recovery Time stayed in the row after it was unticked".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}

/// Every page, in English and then in 简体中文 (switched in Settings), by visible text,
/// at 1280x800 and at 1440x900: each table's Status and Actions columns and every button
/// whole inside the window with no horizontal scrolling, and a screenshot of each.
#[tokio::test(flavor = "multi_thread")]
async fn every_page_fits_the_window_in_both_languages() -> Result<(), Error> {
    let data = tempfile::tempdir()?;
    let out = artifacts();
    let driver = Driver::start(data.path(), &out.join("tauri-driver-walk.log")).await?;
    let desk = driver.launch().await?;
    let result = walk_both_languages(&desk, &out).await;
    if result.is_err() {
        let _ = desk.screenshot(&out.join("walk-failure.png")).await;
    }
    desk.quit().await?;
    driver.stop().await;
    result
}

async fn walk_both_languages(desk: &Desk, out: &std::path::Path) -> Result<(), Error> {
    // Errors, not panics, from here: the caller then still closes the app and its driver.
    let (width, height) = desk.set_window(1280, 800).await?;
    if (width, height) != (1280.0, 800.0) {
        return Err(format!("a 1280x800 window was asked for and {width}x{height} given").into());
    }
    let mut sizes = vec![(1280, 800)];
    let wider = desk.set_window(1440, 900).await?;
    if wider == (1440.0, 900.0) {
        sizes.push((1440, 900));
    } else {
        println!("a 1440x900 window was asked for and {wider:?} given: measuring at 1280x800 only");
    }
    desk.set_window(1280, 800).await?;
    // A cluster offline shows its longest sync state; its own pages are not visited.
    sandbox_fault(desk, "sandbox-legacy", "Take offline").await?;
    let mut walk = Walk {
        desk,
        out: out.to_owned(),
        sizes,
        report: Vec::new(),
        problems: Vec::new(),
    };
    walk_in(&mut walk, &ENGLISH).await?;
    choose_language(desk, "简体中文").await?;
    desk.click_button("Save").await?;
    desk.wait_text_within("设置已保存", std::time::Duration::from_secs(20))
        .await?;
    walk_in(&mut walk, &CHINESE).await?;

    let report = walk.report.join("\n");
    std::fs::write(out.join("walk-geometry.txt"), &report)?;
    if walk.problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} problems:\n{}", walk.problems.len(), walk.problems.join("\n")).into())
    }
}
