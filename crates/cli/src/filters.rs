//! From command-line words to cache queries: the cache file, cluster and tenant
//! names, times with offsets, statuses and cursors, each refused with its field and rule.

use std::path::PathBuf;

use chrono::DateTime;
use desk_engine::Desk;
use desk_model::{Cluster, ClusterId, UtcMicros};
use desk_store::{OpenReport, Store, CACHE_FILE_NAME};

use crate::args::{Cli, FilterArgs};
use crate::failure::{Failure, Kind};

/// The desktop app's data dir: Tauri's `app_data_dir` for its identifier.
const APP_IDENTIFIER: &str = "com.obbackupdesk.app";

pub fn data_dir(cli: &Cli) -> Result<PathBuf, Failure> {
    match &cli.data_dir {
        Some(d) => Ok(d.clone()),
        None => dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)).ok_or_else(|| {
            Failure::field(
                Kind::BadInput,
                "data-dir",
                "no default data dir on this system: give one",
            )
        }),
    }
}

/// Opens the cache; `create` makes a fresh one where there is none (only `sync` does).
pub fn open_cache(cli: &Cli, create: bool) -> Result<Store, Failure> {
    Ok(open_store(cli, create)?.0)
}

/// The desk the app runs, on this cache: its operator, strategies and journal, acting
/// as the OS user through the CLI.
pub fn open_desk(cli: &Cli, create: bool) -> Result<Desk, Failure> {
    let (store, report) = open_store(cli, create)?;
    Ok(Desk::over(
        store,
        &report,
        format!("{} (desk CLI)", desk_engine::os_user()),
    ))
}

fn open_store(cli: &Cli, create: bool) -> Result<(Store, OpenReport), Failure> {
    let dir = data_dir(cli)?;
    let path = dir.join(CACHE_FILE_NAME);
    if !path.exists() {
        if !create {
            return Err(Failure::new(
                Kind::NotFound,
                format!(
                    "no cache at {}: start the desk once, or run `desk sync --host ...`",
                    path.display()
                ),
            ));
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| Failure::field(Kind::Other, "data-dir", format!("cannot create {}: {e}", dir.display())))?;
    }
    let (store, report) = Store::open(&path)?;
    if let (true, Some(aside)) = (report.replaced_now, &report.set_aside) {
        // Never silent: said here, and kept in a note the app shows on its next start.
        eprintln!(
            "desk: the cache at {} was damaged ({}); it was kept at {} and a fresh, empty one \
             was created: run `desk sync` to fill it again",
            path.display(),
            report.damage.as_deref().unwrap_or("unknown damage"),
            aside.display()
        );
    }
    Ok((store, report))
}

/// The cached cluster called `name`.
pub fn cluster_named(store: &Store, name: &str) -> Result<Cluster, Failure> {
    store.clusters()?.into_iter().find(|c| c.name == name).ok_or_else(|| {
        Failure::field(
            Kind::NotFound,
            "cluster",
            format!("no cached cluster is named {name:?}"),
        )
    })
}

/// An RFC 3339 time with its offset, as UTC microseconds.
pub fn time(field: &'static str, text: &str) -> Result<UtcMicros, Failure> {
    let t = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| UtcMicros(t.timestamp_micros()))
        .map_err(|_| {
            Failure::field(
                Kind::BadInput,
                field,
                format!("{text:?} is not an RFC 3339 time with an offset (e.g. 2026-11-20T08:00:00+08:00)"),
            )
        })?;
    t.typed(field)
        .map_err(|e| Failure::field(Kind::BadInput, field, e.rule.en))
}

/// Statuses are OceanBase's words: upper case letters and underscores.
pub fn statuses(given: &[String]) -> Result<Vec<String>, Failure> {
    given
        .iter()
        .map(|s| {
            let up = s.trim().to_ascii_uppercase();
            if up.is_empty() || !up.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
                Err(Failure::field(
                    Kind::BadInput,
                    "status",
                    format!("{s:?} is not a status (letters and underscores, e.g. FAILED)"),
                ))
            } else {
                Ok(up)
            }
        })
        .collect()
}

/// A page cursor: the start (UTC microseconds) and job id of the last row shown.
pub fn cursor(text: &str) -> Result<(UtcMicros, i64), Failure> {
    let bad = || {
        Failure::field(
            Kind::BadInput,
            "after",
            format!("{text:?} is not a cursor (use the `next` value the previous page printed)"),
        )
    };
    let (start, job) = text.split_once(':').ok_or_else(bad)?;
    Ok((
        UtcMicros(start.parse().map_err(|_| bad())?),
        job.parse().map_err(|_| bad())?,
    ))
}

pub fn cursor_text(start: UtcMicros, job_id: i64) -> String {
    format!("{}:{job_id}", start.0)
}

/// The filters, checked and resolved against the cache.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Every cached cluster, by id (for names in the output).
    pub clusters: Vec<Cluster>,
    pub cluster: Option<ClusterId>,
    pub tenant: Option<String>,
    pub statuses: Vec<String>,
    pub from: Option<UtcMicros>,
    pub to: Option<UtcMicros>,
}

impl Resolved {
    pub fn cluster_name(&self, id: ClusterId) -> &str {
        self.clusters
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
            .unwrap_or("")
    }

    /// The clusters the filter covers.
    pub fn cluster_ids(&self) -> Vec<ClusterId> {
        match self.cluster {
            Some(id) => vec![id],
            None => self.clusters.iter().map(|c| c.id).collect(),
        }
    }
}

pub fn resolve(store: &Store, f: &FilterArgs) -> Result<Resolved, Failure> {
    let clusters = store.clusters()?;
    let cluster = match &f.cluster {
        Some(name) => Some(cluster_named(store, name)?.id),
        None => None,
    };
    let from = f.from.as_deref().map(|t| time("from", t)).transpose()?;
    let to = f.to.as_deref().map(|t| time("to", t)).transpose()?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(Failure::field(Kind::BadInput, "to", "must not be before --from"));
        }
    }
    Ok(Resolved {
        clusters,
        cluster,
        tenant: f.tenant.clone(),
        statuses: statuses(&f.statuses)?,
        from,
        to,
    })
}

/// The one (cluster, TENANT_ID) a tenant name means among the cached tenants.
pub fn tenant_key(store: &Store, r: &Resolved, name: &str) -> Result<(ClusterId, i64), Failure> {
    let matches: Vec<_> = store
        .tenants(r.cluster)?
        .into_iter()
        .filter(|t| t.record.name == name)
        .collect();
    match matches.as_slice() {
        [] => Err(Failure::field(
            Kind::NotFound,
            "tenant",
            format!("no cached tenant is named {name:?}"),
        )),
        [one] => Ok((one.cluster_id, one.record.ob_tenant_id)),
        many => Err(Failure::field(
            Kind::BadInput,
            "tenant",
            format!(
                "{name:?} exists in clusters {}: add --cluster",
                many.iter()
                    .map(|t| t.cluster_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}
