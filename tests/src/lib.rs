//! Drives the built OB Backup Desk as a person would: through tauri-driver
//! and WebKitWebDriver, finding things by their visible text.
//!
//! The app binary comes from `DESK_APP` (an absolute path to the
//! `tauri build --debug --no-bundle` output); `scripts/test` sets it.

pub mod geometry;
pub mod seed;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The app binary under test, or a message saying how to build it.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("DESK_APP").map(PathBuf::from).unwrap_or_else(|| {
        panic!("DESK_APP is not set: build the app with `tauri build --debug --no-bundle` and point DESK_APP at the binary (scripts/test does both)")
    });
    assert!(
        path.is_absolute() && path.exists(),
        "DESK_APP={} does not exist",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A tauri-driver process whose environment reaches every app it launches.
pub struct Driver {
    child: Child,
    port: u16,
    pub log: PathBuf,
}

impl Driver {
    /// Starts tauri-driver with the app's data under `data_home` and waits until it listens.
    pub async fn start(data_home: &Path, log: &Path) -> Result<Driver, Error> {
        let port = free_port();
        let native_port = free_port();
        let log_file = std::fs::File::create(log)?;
        let child = Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()))
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("XDG_DATA_HOME", data_home)
            .env("RUST_LOG", "info")
            .stdout(Stdio::from(log_file.try_clone()?))
            .stderr(Stdio::from(log_file))
            .kill_on_drop(true)
            .spawn()?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if Instant::now() > deadline {
                return Err("tauri-driver did not start listening within 20 s".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(Driver {
            child,
            port,
            log: log.to_owned(),
        })
    }

    /// Launches the app (a new WebDriver session).
    pub async fn launch(&self) -> Result<Desk, Error> {
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() },
        });
        let caps = caps.as_object().unwrap().clone();
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await?;
        Ok(Desk { client })
    }

    /// Stops with SIGTERM so tauri-driver also stops its WebKitWebDriver (a
    /// SIGKILL leaves it behind, answering the next run with the old environment).
    pub async fn stop(mut self) {
        if let Some(pid) = self.child.id() {
            let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status().await;
            let _ = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await;
        }
    }
}

/// `ob-emulator` in a process of its own: the cluster an administrator adds.
pub struct Emulated {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl Emulated {
    /// Starts the emulator built beside the app (`DESK_EMULATOR` overrides) with `args`,
    /// its statements appended to `log`, and waits until it says where it listens.
    pub async fn start(args: &[&str], log: &Path) -> Result<Emulated, Error> {
        use tokio::io::AsyncBufReadExt;
        let binary = std::env::var_os("DESK_EMULATOR")
            .map(PathBuf::from)
            .unwrap_or_else(|| app_binary().with_file_name("ob-emulator"));
        let mut child = Command::new(&binary)
            .args(args)
            .arg("--statement-log")
            .arg(log)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e} (cargo build -p ob-emulator)", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut first = String::new();
        tokio::time::timeout(
            Duration::from_secs(20),
            tokio::io::BufReader::new(stdout).read_line(&mut first),
        )
        .await??;
        let port = first
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("ob-emulator said {first:?}"))?;
        Ok(Emulated {
            child,
            port,
            log: log.to_owned(),
        })
    }

    /// The statements it has executed so far that contain `needle` (case-insensitive).
    pub fn statements_with(&self, needle: &str) -> Vec<String> {
        let needle = needle.to_ascii_uppercase();
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.to_ascii_uppercase().contains(&needle))
            .map(str::to_owned)
            .collect()
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// Kills the running app with SIGKILL, as a crash or a power cut would.
pub async fn kill_app() -> Result<(), Error> {
    let status = Command::new("pkill")
        .args(["-9", "-f", &app_binary().display().to_string()])
        .status()
        .await?;
    if !status.success() {
        return Err("no running app to kill".into());
    }
    Ok(())
}

/// The running app, seen through its window.
pub struct Desk {
    pub client: Client,
}

/// An XPath literal for `text` (WebDriver XPath 1.0 has no escapes).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

impl Desk {
    /// Waits for an element whose own visible text is exactly `text`.
    pub async fn text(&self, text: &str) -> Result<Element, Error> {
        let xpath = format!("//*[normalize-space(text())={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), text).await
    }

    /// Waits for an element whose visible text contains `text`.
    pub async fn text_containing(&self, text: &str) -> Result<Element, Error> {
        let xpath = format!("//*[contains(normalize-space(text()), {})]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), text).await
    }

    pub async fn click_text(&self, text: &str) -> Result<(), Error> {
        let xpath = format!("//*[normalize-space(text())={}]", xpath_literal(text));
        self.click(Locator::XPath(&xpath), text).await
    }

    /// Waits for the dialog titled `title` (its title's text starts so) and for its
    /// opening zoom to end: a click while it grows lands where the dialog is not yet,
    /// on the mask, and closes it, as it would under a person's hand.
    pub async fn dialog(&self, title: &str) -> Result<(), Error> {
        let xpath = format!(
            "//div[contains(@class,'ant-modal-title')][starts-with(normalize-space(.), {})]",
            xpath_literal(title)
        );
        self.wait_for(Locator::XPath(&xpath), title).await?;
        let moving =
            "//div[contains(concat(' ', normalize-space(@class), ' '), ' ant-modal ')][contains(@class, 'ant-zoom-')]";
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.present_xpath(moving).await {
            if Instant::now() > deadline {
                return Err(format!("the dialog {title:?} was still opening after 20 s").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Rests the mouse over what `locator` finds, as a person pointing at it
    /// (a disabled action shows its reason so).
    pub async fn hover(&self, locator: Locator<'_>, what: &str) -> Result<(), Error> {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let element = self.wait_for(locator, what).await?;
        let point = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        self.client.perform_actions(point).await?;
        Ok(())
    }

    /// Waits for a button with this label and clicks it.
    pub async fn click_button(&self, label: &str) -> Result<(), Error> {
        let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(label));
        self.click(Locator::XPath(&xpath), label).await
    }

    /// Answers OK in the confirmation dialog on top: the last one opened (one closing
    /// before it stays in the page for its animation), clicked again while it stays open.
    pub async fn confirm_ok(&self) -> Result<(), Error> {
        let open = "//div[contains(@class,'ant-modal-confirm')][not(ancestor::div[contains(@style,'display: none')])]";
        // The confirming button is the primary one; it is named for its action ("Retry").
        let ok = format!("({open}//button[contains(@class,'ant-btn-primary')])[last()]");
        for _ in 0..3 {
            self.click(Locator::XPath(&ok), "the confirming button").await?;
            // Longer than the dialog's closing animation, so a closing one is not clicked twice.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            if !self.present_xpath(&ok).await {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Clicks what `locator` finds once it is visible and nothing covers it
    /// (a person waits for an animation or a closing popup too).
    pub async fn click(&self, locator: Locator<'_>, what: &str) -> Result<(), Error> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let element = self.wait_for(locator, what).await?;
            match element.click().await {
                Ok(_) => return Ok(()),
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => return Err(format!("could not click {what:?}: {e}").into()),
            }
        }
    }

    pub async fn wait_for(&self, locator: Locator<'_>, what: &str) -> Result<Element, Error> {
        self.find_within(locator, what, Duration::from_secs(20)).await
    }

    /// Looks for `locator` until `limit`. Any failure is looked again: besides "not there
    /// yet", WebKitWebDriver answers "stale element" when React replaces the node while it
    /// is being found (a page re-reading the cache does so).
    async fn find_within(&self, locator: Locator<'_>, what: &str, limit: Duration) -> Result<Element, Error> {
        let deadline = Instant::now() + limit;
        loop {
            match self.client.find(locator).await {
                Ok(element) => return Ok(element),
                Err(e) if Instant::now() > deadline => {
                    return Err(format!("waited {limit:?} for {what:?}: {e}").into());
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Whether `css` matches something now (no waiting).
    pub async fn present(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Whether `xpath` matches something now (no waiting).
    pub async fn present_xpath(&self, xpath: &str) -> bool {
        self.client.find(Locator::XPath(xpath)).await.is_ok()
    }

    /// Closes every notification toast, so none covers what is clicked next.
    pub async fn close_toasts(&self) -> Result<(), Error> {
        for close in self
            .client
            .find_all(Locator::Css(".ant-notification-notice-close"))
            .await?
        {
            // A toast can close by itself between finding and clicking.
            let _ = close.click().await;
        }
        Ok(())
    }

    /// The whole visible text of the page.
    pub async fn page_text(&self) -> Result<String, Error> {
        Ok(self.client.find(Locator::Css("body")).await?.text().await?)
    }

    /// Waits until the page's visible text contains `text`.
    pub async fn wait_page_contains(&self, text: &str) -> Result<(), Error> {
        self.wait_page_contains_within(text, Duration::from_secs(20)).await
    }

    /// Clears the input labelled `label` and types `text` into it, as a person would.
    /// A re-render can replace the input under the cursor: then it is found again.
    pub async fn type_into(&self, label: &str, text: &str) -> Result<(), Error> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let input = self
                .wait_for(Locator::Css(&format!("input[aria-label={label:?}]")), label)
                .await?;
            // React keeps its own copy of an input's value: select all and type over it, as a person does.
            let typed = async {
                input.click().await?;
                input.send_keys("\u{E009}a\u{E000}").await?;
                input.send_keys(text).await
            }
            .await;
            match typed {
                Ok(()) => {
                    // Keys can still be arriving when send_keys returns: wait until the field holds them all.
                    let settle = Instant::now() + Duration::from_secs(10);
                    while Instant::now() < settle {
                        if input.prop("value").await.ok().flatten().as_deref() == Some(text) {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    return Ok(());
                }
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(250)).await,
                Err(e) => return Err(format!("could not type into {label:?}: {e}").into()),
            }
        }
    }

    /// Waits up to `limit` (a backup or a restore takes a while) for an element whose
    /// own text contains `text` (reads text nodes, so it sees inside dialogs too).
    pub async fn wait_text_within(&self, text: &str, limit: Duration) -> Result<Element, Error> {
        let xpath = format!("//*[contains(normalize-space(text()), {})]", xpath_literal(text));
        self.find_within(Locator::XPath(&xpath), text, limit).await
    }

    /// Waits up to `limit` (a backup or a restore takes a while) for `text` on the page.
    pub async fn wait_page_contains_within(&self, text: &str, limit: Duration) -> Result<(), Error> {
        let deadline = Instant::now() + limit;
        loop {
            let body = self.page_text().await?;
            if body.contains(text) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("page never showed {text:?}; it shows:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn screenshot(&self, path: &Path) -> Result<(), Error> {
        let png = self.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Ends the session; tauri-driver closes the app.
    pub async fn quit(self) -> Result<(), Error> {
        self.client.close().await?;
        Ok(())
    }
}

/// The cold-start figure the app logged ("first render N ms after process start").
pub fn startup_ms(log: &Path) -> Vec<u64> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let at = l.find("first render ")?;
            let rest = &l[at + "first render ".len()..];
            rest.split_whitespace().next()?.parse().ok()
        })
        .collect()
}
