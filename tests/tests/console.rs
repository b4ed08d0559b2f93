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
    desk.wait_page_contains("4.3.5.3-103000012025052916").await?;
    desk.wait_page_contains("3.2.1-20211230101010").await?;
    desk.text("Sandbox").await?;
    desk.screenshot(&out.join("clusters.png")).await?;

    // A tenant has its own navigation: Overview and Backup and Recovery.
    desk.click_text("Tenants").await?;
    desk.text("legacy_app").await?;
    desk.click_text("billing").await?;
    desk.text("Tenant Overview").await?;
    desk.text("Basic Information").await?;
    desk.click_text("Backup and Recovery").await?;
    desk.text_containing("No backup or recovery data for billing").await?;
    desk.screenshot(&out.join("tenant-backup.png")).await?;

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
    desk.quit().await?;
    driver.stop().await;

    let settings = std::fs::read_to_string(cache_path(data.path()).with_file_name("settings.json"))?;
    assert!(settings.contains("Asia/Kolkata"), "{settings}");

    let starts = startup_ms(&out.join("tauri-driver.log"));
    println!("cold start to first render (ms), per launch: {starts:?}");
    assert_eq!(starts.len(), 2, "each launch logs its first-render time");
    Ok(())
}
