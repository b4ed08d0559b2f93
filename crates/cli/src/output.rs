//! Rows as scripts and people read them: JSON on stdout, or aligned text columns;
//! times in UTC with an explicit offset.

use chrono::DateTime;
use desk_model::storage::redact;
use desk_model::UtcMicros;
use serde::Serialize;

use crate::failure::{Failure, Kind};

/// The offset every time the CLI prints carries.
pub const OFFSET: &str = "+00:00";

/// `2026-11-20T02:00:00.000000+00:00`, or empty for no time.
pub fn utc(t: Option<UtcMicros>) -> String {
    t.and_then(|t| DateTime::from_timestamp_micros(t.0))
        .map(|d| d.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string())
        .unwrap_or_default()
}

/// Text that may hold a storage URI: redacted again on the way out, whatever the cache holds.
pub fn clean(text: &str) -> String {
    redact(text)
}

pub fn json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::new(Kind::Other, e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Prints rows as left-aligned columns under a header.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let text: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}", w = *w))
            .collect();
        println!("{}", text.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
