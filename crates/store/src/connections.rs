//! Connections the administrator added: address, sys-tenant user and TLS.
//! The password is never stored here (see the migration's note).

use desk_model::{words, ClusterId, Words};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Store, StoreError};

/// A connection as the form edits it (no password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub name: String,
    pub host: String,
    pub port: u16,
    /// e.g. `root@sys` or `root@sys#obcluster` through OBProxy.
    pub user: String,
    pub tls: bool,
}

fn invalid(field: &'static str, rule: Words) -> StoreError {
    StoreError::Invalid { field, rule }
}

impl Connection {
    /// The desk's rules for each field; nothing is written when one fails.
    pub fn validate(&self) -> Result<(), StoreError> {
        desk_model::names::check_cluster_name("name", &self.name)?;
        if self.name.starts_with("sandbox-") {
            return Err(invalid(
                "name",
                words!(
                    "names starting with \"sandbox-\" are kept for the built-in sandbox",
                    "以 \"sandbox-\" 开头的名称留给内置沙箱使用"
                ),
            ));
        }
        let host_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '[' | ']');
        if self.host.is_empty() || self.host.len() > 253 || !self.host.chars().all(host_ok) {
            return Err(invalid(
                "host",
                words!("a host name or an IP address", "须为主机名或 IP 地址"),
            ));
        }
        if self.port == 0 {
            return Err(invalid("port", words!("between 1 and 65535", "须在 1 到 65535 之间")));
        }
        let user_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '#' | '-' | '.' | ':');
        if self.user.is_empty() || self.user.len() > 128 || !self.user.chars().all(user_ok) {
            return Err(invalid(
                "user",
                words!(
                    "a user such as root@sys (letters, digits, '_', '@', '#', '-', '.', ':')",
                    "须为 root@sys 这样的用户（字母、数字、'_'、'@'、'#'、'-'、'.'、':'）"
                ),
            ));
        }
        Ok(())
    }
}

impl Store {
    /// Adds a connection; a name already in the cache is refused naming `name`.
    pub fn add_connection(&mut self, c: &Connection) -> Result<ClusterId, StoreError> {
        c.validate()?;
        let conn = self.writer()?;
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM clusters WHERE name = ?1)",
            [&c.name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(invalid(
                "name",
                words!("a cluster with this name is already in the desk", "本机中已有同名集群"),
            ));
        }
        conn.execute(
            "INSERT INTO clusters (name, host, port, sandbox, user, tls) VALUES (?1, ?2, ?3, 0, ?4, ?5)",
            params![c.name, c.host, c.port, c.user, c.tls],
        )?;
        Ok(ClusterId(conn.last_insert_rowid()))
    }

    pub fn update_connection(&mut self, id: ClusterId, c: &Connection) -> Result<(), StoreError> {
        c.validate()?;
        let n = self.writer()?.execute(
            "UPDATE clusters SET name = ?2, host = ?3, port = ?4, user = ?5, tls = ?6 WHERE id = ?1 AND sandbox = 0",
            params![id.0, c.name, c.host, c.port, c.user, c.tls],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "connection",
                id: id.0,
            });
        }
        Ok(())
    }

    /// The connection of an added cluster; `None` for a sandbox cluster.
    pub fn connection(&self, id: ClusterId) -> Result<Option<Connection>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, host, port, user, tls, sandbox FROM clusters WHERE id = ?1")?;
        let row = stmt
            .query_row([id.0], |r| {
                Ok((
                    Connection {
                        name: r.get(0)?,
                        host: r.get(1)?,
                        port: r.get(2)?,
                        user: r.get(3)?,
                        tls: r.get(4)?,
                    },
                    r.get::<_, bool>(5)?,
                ))
            })
            .optional()?;
        match row {
            None => Err(StoreError::NotFound {
                what: "cluster",
                id: id.0,
            }),
            Some((_, true)) => Ok(None),
            Some((c, false)) => Ok(Some(c)),
        }
    }

    /// Removes an added cluster and everything the desk cached about it.
    pub fn remove_connection(&mut self, id: ClusterId) -> Result<(), StoreError> {
        let n = self
            .writer()?
            .execute("DELETE FROM clusters WHERE id = ?1 AND sandbox = 0", [id.0])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "connection",
                id: id.0,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c() -> Connection {
        Connection {
            name: "ob-prod-hz".into(),
            host: "10.0.0.8".into(),
            port: 2881,
            user: "root@sys".into(),
            tls: true,
        }
    }

    #[test]
    fn a_connection_round_trips_and_its_name_is_unique() {
        let mut s = Store::open_in_memory().unwrap();
        let id = s.add_connection(&c()).unwrap();
        assert_eq!(s.connection(id).unwrap(), Some(c()));
        let err = s.add_connection(&c()).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: "name", .. }), "{err}");
        let moved = Connection { port: 2883, ..c() };
        s.update_connection(id, &moved).unwrap();
        assert_eq!(s.connection(id).unwrap().unwrap().port, 2883);
        s.remove_connection(id).unwrap();
        assert!(s.connection(id).is_err());
    }

    #[test]
    fn each_field_is_checked_before_anything_is_written() {
        let mut s = Store::open_in_memory().unwrap();
        for (bad, field) in [
            (Connection { name: "".into(), ..c() }, "name"),
            (
                Connection {
                    name: "sandbox-hz".into(),
                    ..c()
                },
                "name",
            ),
            (
                Connection {
                    host: "10.0.0.8; rm -rf".into(),
                    ..c()
                },
                "host",
            ),
            (Connection { port: 0, ..c() }, "port"),
            (
                Connection {
                    user: "root'--".into(),
                    ..c()
                },
                "user",
            ),
        ] {
            match s.add_connection(&bad) {
                Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        assert!(s.clusters().unwrap().is_empty());
    }
}
