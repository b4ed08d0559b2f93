//! Whether a page fits its window, measured as a person sees it: WebDriver's
//! element rectangles against the viewport and each table's scroll container,
//! not only the text the page holds.

use fantoccini::elements::Element;
use fantoccini::Locator;

use crate::{Desk, Error};

/// Half a pixel: layout rounds fractional widths either way.
const SLACK: f64 = 0.5;

/// An element's box as WebDriver reports it (CSS pixels from the page's top left).
#[derive(Clone, Copy, Debug)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Whether `self` lies horizontally within `left..right`.
    fn within(&self, left: f64, right: f64) -> bool {
        self.x >= left - SLACK && self.right() <= right + SLACK
    }
}

pub async fn rect(e: &Element) -> Result<Rect, Error> {
    let (x, y, width, height) = e.rectangle().await?;
    Ok(Rect { x, y, width, height })
}

/// An element's box, or `None` with a problem said when it has none. WebKit's
/// WebDriver answers "not interactable" for an element that takes no pointer events
/// (the label of a disabled button): its box is then read from the page.
async fn rect_of(e: &Element, what: &str, problems: &mut Vec<String>) -> Result<Option<Rect>, Error> {
    use fantoccini::error::{CmdError, ErrorStatus};
    match e.rectangle().await {
        Ok((x, y, width, height)) => Ok(Some(Rect { x, y, width, height })),
        Err(CmdError::Standard(w)) if w.error == ErrorStatus::ElementNotInteractable => {
            let b = e
                .clone()
                .client()
                .execute(
                    "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height];",
                    vec![serde_json::to_value(e)?],
                )
                .await?;
            let n = |i: usize| b[i].as_f64().unwrap_or(0.0);
            if n(2) > 0.0 && n(3) > 0.0 {
                Ok(Some(Rect {
                    x: n(0),
                    y: n(1),
                    width: n(2),
                    height: n(3),
                }))
            } else {
                problems.push(format!("{what} has no box on screen"));
                Ok(None)
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// What one table measured, for the report.
#[derive(Debug, Default)]
pub struct TableFit {
    /// The column titles, left to right.
    pub columns: Vec<String>,
    /// The table's scroll container: the width of its content and of what shows of it.
    pub scroll_width: f64,
    pub client_width: f64,
    pub status_width: Option<f64>,
    pub actions_width: Option<f64>,
    /// Buttons in its rows that were measured.
    pub buttons: usize,
    /// Times in its rows, and the most lines one of them takes.
    pub times: usize,
    pub time_lines: u64,
}

impl std::fmt::Display for TableFit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let w = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.0}"));
        write!(
            f,
            "scrollWidth {:.0} / clientWidth {:.0}, Status {} px, Actions {} px, {} buttons, {} times (at most {} lines); columns: {}",
            self.scroll_width,
            self.client_width,
            w(self.status_width),
            w(self.actions_width),
            self.buttons,
            self.times,
            self.time_lines,
            self.columns.join(" | ")
        )
    }
}

/// Tables in a hidden tab pane (a tab opened before) are not on screen.
const SHOWN_TABLES: &str = "//div[contains(concat(' ', normalize-space(@class), ' '), ' ant-table-wrapper ')]\
     [not(ancestor::div[contains(@class,'ant-tabs-tabpane') and not(contains(@class,'ant-tabs-tabpane-active'))])]";

impl Desk {
    /// Asks for a window of `width` x `height` and returns the viewport it gave (CSS pixels).
    pub async fn set_window(&self, width: u32, height: u32) -> Result<(f64, f64), Error> {
        self.client.set_window_rect(0, 0, width, height).await?;
        // The resize reaches the page after the command returns.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let (w, h) = self.viewport().await?;
            if (w - f64::from(width)).abs() < 1.0 || std::time::Instant::now() > deadline {
                // Let the layout settle (antd re-measures sticky columns on resize).
                tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                return Ok((w, h));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// The viewport's inner width and height.
    pub async fn viewport(&self) -> Result<(f64, f64), Error> {
        let v = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        Ok((v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0)))
    }

    /// The width of the viewport without a vertical scrollbar of its own.
    async fn visible_width(&self) -> Result<f64, Error> {
        let v = self
            .client
            .execute("return document.documentElement.clientWidth;", vec![])
            .await?;
        Ok(v.as_f64().unwrap_or(0.0))
    }

    /// `[scrollWidth, clientWidth]` of an element (not exposed as WebDriver properties).
    async fn scroll_and_client_width(&self, e: &Element) -> Result<(f64, f64), Error> {
        let v = self
            .client
            .execute(
                "return [arguments[0].scrollWidth, arguments[0].clientWidth];",
                vec![serde_json::to_value(e)?],
            )
            .await?;
        Ok((v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0)))
    }

    /// Where a click at the middle of `e` lands, brought into view vertically only (a
    /// sideways scroll would hide what this checks): `None` on `e` itself, or what covers it.
    async fn clickable(&self, e: &Element) -> Result<Option<String>, Error> {
        let v = self
            .client
            .execute(
                "const e = arguments[0];\
                 for (const box of [e.closest('.console-content'), document.scrollingElement]) {\
                   if (!box) continue;\
                   const page = box === document.scrollingElement;\
                   const top = page ? 0 : box.getBoundingClientRect().top;\
                   const height = page ? window.innerHeight : box.clientHeight;\
                   box.scrollTop += e.getBoundingClientRect().top - top - height / 2;\
                 }\
                 const r = e.getBoundingClientRect();\
                 const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);\
                 if (hit !== null && e.contains(hit)) return null;\
                 return hit === null ? 'nothing' : `${hit.tagName.toLowerCase()}.${hit.className} ${(hit.textContent || '').slice(0, 40)}`;",
                vec![serde_json::to_value(e)?],
            )
            .await?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// The tables on screen now.
    pub async fn shown_tables(&self) -> Result<Vec<Element>, Error> {
        let mut shown = Vec::new();
        for t in self.client.find_all(Locator::XPath(SHOWN_TABLES)).await? {
            if t.is_displayed().await? {
                shown.push(t);
            }
        }
        Ok(shown)
    }

    /// Waits until a table on screen lists a row.
    pub async fn wait_table_rows(&self, what: &str) -> Result<(), Error> {
        let rows = format!("{SHOWN_TABLES}//tbody/tr[contains(@class,'ant-table-row')]");
        self.wait_for(Locator::XPath(&rows), what).await?;
        Ok(())
    }

    /// Every button shown in the page's content (the header's actions, filters,
    /// pagers, rows) lies within the viewport with its label inside its box.
    pub async fn check_buttons(&self, problems: &mut Vec<String>) -> Result<usize, Error> {
        let vw = self.visible_width().await?;
        let mut n = 0;
        // A table's buttons are measured against their cells by `check_table`.
        let outside_tables = "//*[contains(@class,'console-content')]//button\
             [not(ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-table-wrapper ')])]";
        for b in self.client.find_all(Locator::XPath(outside_tables)).await? {
            if !b.is_displayed().await? {
                continue;
            }
            n += 1;
            let label = b.text().await?.trim().to_owned();
            let Some(r) = rect_of(&b, &format!("button {label:?}"), problems).await? else {
                continue;
            };
            if !r.within(0.0, vw) {
                problems.push(format!(
                    "button {label:?} spans {:.0}..{:.0}, outside the viewport 0..{vw:.0}",
                    r.x,
                    r.right()
                ));
            }
            self.check_label(&b, &label, r, problems).await?;
        }
        Ok(n)
    }

    /// Text on the page that @oceanbase/design cut to an ellipsis (its whole words only
    /// on hover), each as it reads in full.
    pub async fn cut_text(&self) -> Result<Vec<String>, Error> {
        let cut = self
            .client
            .execute(
                "return [...document.querySelectorAll('.console-content .ant-typography-ellipsis')]\
                   .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 0.5)\
                   .map((e) => `${e.textContent} (${e.scrollWidth} px of text in ${e.clientWidth} px)`);",
                vec![],
            )
            .await?;
        Ok(cut
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default())
    }

    /// A button's label is as wide as it needs and inside the button's box.
    async fn check_label(&self, b: &Element, label: &str, r: Rect, problems: &mut Vec<String>) -> Result<(), Error> {
        if label.is_empty() {
            return Ok(());
        }
        for span in b.find_all(Locator::XPath("./span[normalize-space(.)!='']")).await? {
            let Some(s) = rect_of(&span, &format!("the label {label:?}"), problems).await? else {
                continue;
            };
            if !s.within(r.x, r.right()) || s.width <= 0.0 {
                problems.push(format!(
                    "the label {label:?} spans {:.0}..{:.0}, its button {:.0}..{:.0}",
                    s.x,
                    s.right(),
                    r.x,
                    r.right()
                ));
            }
            let (sw, cw) = self.scroll_and_client_width(&span).await?;
            if sw > cw + SLACK && cw > 0.0 {
                problems.push(format!("the label {label:?} is cut: {sw} px of text in {cw} px"));
            }
        }
        Ok(())
    }

    /// Measures a table on screen, and says in `problems` what a person would find
    /// wrong: a column or a button outside what shows, a horizontal scrollbar needed,
    /// a label or a tag cut, a time over more than two lines, a button covered.
    /// `status` and `actions` are the titles of the columns that must show.
    pub async fn check_table(
        &self,
        table: &Element,
        status: &str,
        actions: Option<&str>,
        problems: &mut Vec<String>,
    ) -> Result<TableFit, Error> {
        let mut fit = TableFit::default();
        let vw = self.visible_width().await?;
        let scroller = table.find(Locator::Css(".ant-table-body, .ant-table-content")).await?;
        let c = rect(&scroller).await?;
        let (sw, cw) = self.scroll_and_client_width(&scroller).await?;
        fit.scroll_width = sw;
        fit.client_width = cw;
        if sw > cw {
            problems.push(format!(
                "the table needs horizontal scrolling: scrollWidth {sw} > clientWidth {cw}"
            ));
        }
        if !c.within(0.0, vw) {
            problems.push(format!(
                "the table spans {:.0}..{:.0}, outside the viewport 0..{vw:.0}",
                c.x,
                c.right()
            ));
        }
        let right = c.right().min(vw);
        for th in table.find_all(Locator::Css("thead th")).await? {
            let title = th.text().await?.trim().to_owned();
            let Some(r) = rect_of(&th, &format!("column {title:?}"), problems).await? else {
                continue;
            };
            if !r.within(c.x, right) {
                problems.push(format!(
                    "column {title:?} spans {:.0}..{:.0}, outside what shows {:.0}..{right:.0}",
                    r.x,
                    r.right(),
                    c.x
                ));
            }
            if title == status {
                fit.status_width = Some(r.width);
            }
            if Some(title.as_str()) == actions {
                fit.actions_width = Some(r.width);
            }
            if !title.is_empty() {
                fit.columns.push(title);
            }
        }
        if fit.status_width.is_none() {
            problems.push(format!("no {status:?} column"));
        }
        if let Some(actions) = actions {
            if fit.actions_width.is_none() {
                problems.push(format!("no {actions:?} column"));
            }
        }
        for b in table.find_all(Locator::Css("tbody button")).await? {
            if !b.is_displayed().await? {
                continue;
            }
            fit.buttons += 1;
            let label = b.text().await?.trim().to_owned();
            let Some(r) = rect_of(&b, &format!("button {label:?}"), problems).await? else {
                continue;
            };
            let cell = b.find(Locator::XPath("./ancestor::td[1]")).await?;
            let td = rect(&cell).await?;
            if !r.within(td.x, td.right()) {
                problems.push(format!(
                    "button {label:?} spans {:.0}..{:.0}, outside its cell {:.0}..{:.0}",
                    r.x,
                    r.right(),
                    td.x,
                    td.right()
                ));
            }
            if !r.within(c.x, right) {
                problems.push(format!(
                    "button {label:?} spans {:.0}..{:.0}, outside what shows {:.0}..{right:.0}",
                    r.x,
                    r.right(),
                    c.x
                ));
            }
            self.check_label(&b, &label, r, problems).await?;
            if let Some(hit) = self.clickable(&b).await? {
                problems.push(format!(
                    "button {label:?} is covered: a click at its middle lands on {hit}"
                ));
            }
        }
        // A row's expansion shows whole within what shows of the table.
        for details in table
            .find_all(Locator::Css("tbody tr.ant-table-expanded-row .task-details"))
            .await?
        {
            if !details.is_displayed().await? {
                continue;
            }
            if let Some(d) = rect_of(&details, "a row's expansion", problems).await? {
                if !d.within(c.x, right) {
                    problems.push(format!(
                        "a row's expansion spans {:.0}..{:.0}, outside what shows {:.0}..{right:.0}",
                        d.x,
                        d.right(),
                        c.x
                    ));
                }
            }
        }
        // A tag too narrow for its words shows them cut, with an ellipsis.
        for tag in table.find_all(Locator::Css("tbody .ant-tag")).await? {
            if !tag.is_displayed().await? {
                continue;
            }
            let words = tag.text().await?;
            let inner = tag.find_all(Locator::Css(".ant-typography")).await?;
            for e in std::iter::once(&tag).chain(inner.iter()) {
                let (sw, cw) = self.scroll_and_client_width(e).await?;
                if sw > cw + SLACK && cw > 0.0 {
                    problems.push(format!("the tag {words:?} is cut: {sw} px of text in {cw} px"));
                }
            }
        }
        // Times: on one line, or two (the offset under the time), never three.
        for time in table.find_all(Locator::Css("tbody .time-cell")).await? {
            // An inline box has one client rectangle per line it takes.
            let lines = self
                .client
                .execute(
                    "return arguments[0].getClientRects().length;",
                    vec![serde_json::to_value(&time)?],
                )
                .await?
                .as_u64()
                .unwrap_or(0);
            fit.times += 1;
            fit.time_lines = fit.time_lines.max(lines);
            if lines > 2 {
                problems.push(format!("a time takes {lines} lines: {:?}", time.text().await?));
            }
        }
        Ok(fit)
    }
}
