//! Which columns each view has on the server at hand, learned from the server.
//!
//! OceanBase adds view columns release by release (for example
//! `CDB_OB_BACKUP_TASKS.DATA_PROGRESS`, `CDB_OB_RESTORE_PROGRESS.TABLET_COUNT`,
//! `DBA_OB_TENANTS.UNIT_NUM`), and selecting a column a release lacks is error
//! 1054, which aborts the whole statement. So the desk never assumes a column:
//! `SELECT * FROM oceanbase.V WHERE 1 = 0` returns a view's column metadata and
//! no rows, and a reader selects only the columns it wants that the view has.
//!
//! A view's columns are kept for the process, per server and version comment:
//! a sync pass opens a new session every few seconds, and asking again each
//! time would double its statements. An upgrade changes the version comment,
//! and with it the key. A view the server lacks (1146) is remembered by the
//! session only, so one that appears later (created by an upgrade step) is
//! seen by the next session.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// One view as a reader wants it.
#[derive(Debug)]
pub(crate) struct View {
    pub name: &'static str,
    /// Some releases that the desk reads lack this view: absent, it reads as
    /// no rows. Otherwise its absence is an error naming it.
    pub may_be_absent: bool,
    /// Columns the reader cannot do without (its filters, ordering and keys):
    /// every release that has the view has them. A server without one is
    /// refused with the column named, rather than read wrongly.
    pub keys: &'static [&'static str],
    /// The rest, in the order they are selected: a release without one of
    /// them loses that figure (read as absent), never the statement.
    pub optional: &'static [&'static str],
}

/// The columns of one view on one server, upper case, in the server's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns(Vec<String>);

impl Columns {
    pub(crate) fn new(names: impl IntoIterator<Item = String>) -> Columns {
        Columns(names.into_iter().map(|n| n.to_ascii_uppercase()).collect())
    }

    pub(crate) fn has(&self, column: &str) -> bool {
        self.0.iter().any(|c| c.eq_ignore_ascii_case(column))
    }
}

/// The columns of the views one server has, as learned so far.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    views: Mutex<HashMap<&'static str, Arc<Columns>>>,
}

impl Catalog {
    pub(crate) fn get(&self, view: &str) -> Option<Arc<Columns>> {
        self.views.lock().unwrap_or_else(|p| p.into_inner()).get(view).cloned()
    }

    pub(crate) fn put(&self, view: &'static str, columns: Columns) -> Arc<Columns> {
        let columns = Arc::new(columns);
        self.views
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(view, Arc::clone(&columns));
        columns
    }
}

/// A server as the catalog knows it: host (lower case), port, version comment.
type ServerKey = (String, u16, String);

/// The catalog of the server at `host:port` that announced `version_comment`.
pub(crate) fn catalog_of(host: &str, port: u16, version_comment: &str) -> Arc<Catalog> {
    static KNOWN: LazyLock<Mutex<HashMap<ServerKey, Arc<Catalog>>>> = LazyLock::new(Default::default);
    let mut known = KNOWN.lock().unwrap_or_else(|p| p.into_inner());
    Arc::clone(
        known
            .entry((host.to_ascii_lowercase(), port, version_comment.to_owned()))
            .or_default(),
    )
}

/// The select list of `view` on a server whose view has `columns`: every key
/// (or the first missing key, as an error), then the optional columns it has.
pub(crate) fn select_list(view: &View, columns: &Columns) -> Result<String, &'static str> {
    if let Some(missing) = view.keys.iter().find(|k| !columns.has(k)) {
        return Err(missing);
    }
    let chosen: Vec<&str> = view
        .keys
        .iter()
        .chain(view.optional.iter().filter(|c| columns.has(c)))
        .copied()
        .collect();
    Ok(chosen.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASKS: View = View {
        name: "CDB_OB_BACKUP_TASKS",
        may_be_absent: false,
        keys: &["TENANT_ID", "TASK_ID"],
        optional: &["INPUT_BYTES", "DATA_PROGRESS", "LOG_PROGRESS"],
    };

    fn cols(names: &[&str]) -> Columns {
        Columns::new(names.iter().map(|n| n.to_string()))
    }

    #[test]
    fn selects_only_the_columns_the_view_has() {
        let on_421 = cols(&["tenant_id", "TASK_ID", "INPUT_BYTES"]);
        assert_eq!(
            select_list(&TASKS, &on_421),
            Ok("TENANT_ID, TASK_ID, INPUT_BYTES".into())
        );
        let on_431 = cols(&["TENANT_ID", "TASK_ID", "LOG_PROGRESS", "INPUT_BYTES", "DATA_PROGRESS"]);
        assert_eq!(
            select_list(&TASKS, &on_431),
            Ok("TENANT_ID, TASK_ID, INPUT_BYTES, DATA_PROGRESS, LOG_PROGRESS".into())
        );
    }

    #[test]
    fn a_missing_key_is_named() {
        assert_eq!(
            select_list(&TASKS, &cols(&["TENANT_ID", "INPUT_BYTES"])),
            Err("TASK_ID")
        );
    }

    #[test]
    fn each_server_and_banner_has_its_own_catalog() {
        let a = catalog_of("db1", 2881, "OceanBase_CE 4.2.1.1 (r1) (Built x)");
        a.put("CDB_OB_BACKUP_TASKS", cols(&["TENANT_ID"]));
        let same = catalog_of("DB1", 2881, "OceanBase_CE 4.2.1.1 (r1) (Built x)");
        assert!(same.get("CDB_OB_BACKUP_TASKS").is_some());
        let upgraded = catalog_of("db1", 2881, "OceanBase_CE 4.2.1.8 (r2) (Built y)");
        assert!(upgraded.get("CDB_OB_BACKUP_TASKS").is_none());
    }
}
