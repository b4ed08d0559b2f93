//! `desk export --format csv|json --kind backup|restore [filters] [--output FILE]`:
//! every matching row (not one page), times in UTC with an offset column, URIs redacted.

use std::io::Write;

use serde::Serialize;

use crate::args::{Cli, ExportArgs, Format, Kind as What};
use crate::commands::rows::{backup_page, restores, BackupRow, RestoreRow};
use crate::failure::{Failure, Kind};
use crate::filters::{open_cache, resolve};

/// Rows fetched per query while exporting (the store's page limit).
const CHUNK: u32 = 1000;

pub fn run(cli: &Cli, a: &ExportArgs) -> Result<(), Failure> {
    let store = open_cache(cli, false)?;
    let r = resolve(&store, &a.filter)?;
    let mut out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| {
            Failure::field(Kind::Other, "output", format!("cannot write {}: {e}", path.display()))
        })?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let count = match a.kind {
        What::Backup => {
            let mut rows = Vec::new();
            let mut before = None;
            loop {
                let page = backup_page(&store, &r, before, CHUNK)?;
                let last = page.last().and_then(|(_, j)| j.start.map(|s| (s, j.job_id)));
                let full = page.len() == CHUNK as usize;
                rows.extend(page.iter().map(|(c, j)| BackupRow::new(r.cluster_name(*c), j)));
                match last {
                    Some(l) if full => before = Some(l),
                    _ => break,
                }
            }
            write(&mut out, a.format, &rows)?
        }
        What::Restore => {
            let rows: Vec<RestoreRow> = restores(&store, &r, None, None)?
                .iter()
                .map(|(c, j)| RestoreRow::new(r.cluster_name(*c), j))
                .collect();
            write(&mut out, a.format, &rows)?
        }
    };
    out.flush()
        .map_err(|e| Failure::field(Kind::Other, "output", e.to_string()))?;
    if let Some(path) = &a.output {
        eprintln!("desk: {count} rows written to {}", path.display());
    }
    Ok(())
}

fn write<T: Serialize>(out: &mut dyn Write, format: Format, rows: &[T]) -> Result<usize, Failure> {
    let io = |e: String| Failure::field(Kind::Other, "output", e);
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows).map_err(|e| io(e.to_string()))?;
            writeln!(out).map_err(|e| io(e.to_string()))?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            for row in rows {
                w.serialize(row).map_err(|e| io(e.to_string()))?;
            }
            w.flush().map_err(|e| io(e.to_string()))?;
        }
    }
    Ok(rows.len())
}
