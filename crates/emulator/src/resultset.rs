//! Running a client's SELECT on the SQLite store and shaping the answer as MySQL columns:
//! declared types become MySQL column types, times are shown in the session time zone.

use std::io::{self, Write};

use opensrv_mysql::{Column, ColumnFlags, ColumnType, ToMysqlValue};
use rusqlite::types::{Value, ValueRef};

use crate::errors::{self, SqlError, SqlResult};
use crate::timestamp::{parse_wall_time, shift_stored_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    UInt,
    Double,
    /// DECIMAL with this many digits after the point.
    Decimal(usize),
    Text,
    Blob,
    Timestamp,
    Datetime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    UInt(u64),
    Double(f64),
    Text(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultSet {
    pub columns: Vec<ColumnInfo>,
    pub rows: Vec<Vec<Cell>>,
}

/// A SELECT's answer already in the text protocol (COM_QUERY): every cell as it
/// goes on the wire, back to back, so a year of history is sent without a value
/// allocated per cell. The bytes are those [`Cell::to_mysql_text`] writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextRows {
    pub columns: Vec<ColumnInfo>,
    bytes: Vec<u8>,
    /// Where each cell ends in `bytes`, row after row.
    ends: Vec<usize>,
}

impl TextRows {
    /// Each row's cells, encoded.
    pub fn rows(&self) -> impl Iterator<Item = impl Iterator<Item = Encoded<'_>>> {
        let width = self.columns.len().max(1);
        self.ends.chunks(width).enumerate().map(move |(r, ends)| {
            let mut start = if r == 0 { 0 } else { self.ends[r * width - 1] };
            ends.iter().map(move |&end| {
                let cell = Encoded(&self.bytes[start..end]);
                start = end;
                cell
            })
        })
    }

    fn from_result_set(rs: ResultSet) -> io::Result<TextRows> {
        let mut out = TextRows {
            columns: rs.columns,
            ..Default::default()
        };
        for row in &rs.rows {
            for cell in row {
                cell.to_mysql_text(&mut out.bytes)?;
                out.ends.push(out.bytes.len());
            }
        }
        Ok(out)
    }
}

/// One cell of [`TextRows`]: its text-protocol bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoded<'a>(&'a [u8]);

impl ToMysqlValue for Encoded<'_> {
    fn to_mysql_text<W: Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(self.0)
    }

    fn to_mysql_bin<W: Write>(&self, _: &mut W, c: &Column) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a text-protocol cell cannot be sent as binary {:?}", c.coltype),
        ))
    }

    fn is_null(&self) -> bool {
        self.0 == [0xFB]
    }
}

impl ColumnInfo {
    pub fn new(name: impl Into<String>, kind: Kind) -> Self {
        Self {
            name: name.into(),
            kind,
        }
    }

    /// Shown in the session time zone: time types, and the text times OceanBase renders
    /// (`*_TIMESTAMP` varchars, `*_DISPLAY`).
    fn follows_time_zone(&self) -> bool {
        let name = self.name.to_ascii_uppercase();
        matches!(self.kind, Kind::Timestamp | Kind::Datetime)
            || name.ends_with("_TIMESTAMP")
            || name.ends_with("_DISPLAY")
            || name == "CREATE_TIME"
            || name == "MODIFY_TIME"
    }

    pub fn to_column(&self) -> Column {
        let (coltype, colflags) = match self.kind {
            Kind::Int => (ColumnType::MYSQL_TYPE_LONGLONG, ColumnFlags::empty()),
            Kind::UInt => (ColumnType::MYSQL_TYPE_LONGLONG, ColumnFlags::UNSIGNED_FLAG),
            Kind::Double => (ColumnType::MYSQL_TYPE_DOUBLE, ColumnFlags::empty()),
            Kind::Decimal(_) => (ColumnType::MYSQL_TYPE_NEWDECIMAL, ColumnFlags::empty()),
            Kind::Text => (ColumnType::MYSQL_TYPE_VAR_STRING, ColumnFlags::empty()),
            Kind::Blob => (ColumnType::MYSQL_TYPE_BLOB, ColumnFlags::empty()),
            Kind::Timestamp => (ColumnType::MYSQL_TYPE_TIMESTAMP, ColumnFlags::empty()),
            Kind::Datetime => (ColumnType::MYSQL_TYPE_DATETIME, ColumnFlags::empty()),
        };
        Column {
            table: String::new(),
            column: self.name.clone(),
            coltype,
            colflags,
        }
    }
}

/// The MySQL kind of a declared SQLite column type (the DDL of the views).
pub fn kind_of(declared: &str) -> Kind {
    let upper = declared.to_ascii_uppercase();
    let word = upper.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    match word {
        "BIGINT" | "INT" | "INTEGER" | "SMALLINT" | "TINYINT" | "MEDIUMINT" => {
            if upper.contains("UNSIGNED") {
                Kind::UInt
            } else {
                Kind::Int
            }
        }
        "DOUBLE" | "FLOAT" | "REAL" => Kind::Double,
        "DECIMAL" | "NUMERIC" => {
            let scale = upper
                .split_once(',')
                .and_then(|(_, rest)| rest.trim_end_matches(')').trim().parse().ok())
                .unwrap_or(0);
            Kind::Decimal(scale)
        }
        "TIMESTAMP" => Kind::Timestamp,
        "DATETIME" => Kind::Datetime,
        "TEXT" | "LONGTEXT" | "MEDIUMTEXT" | "TINYTEXT" => Kind::Blob,
        _ => Kind::Text,
    }
}

/// SQLite's complaints in MySQL's words.
fn sqlite_error(e: rusqlite::Error, sql: &str) -> SqlError {
    let message = e.to_string();
    if let Some(table) = message.strip_prefix("no such table: ") {
        let (database, table) = table.split_once('.').unwrap_or(("oceanbase", table));
        return errors::table_not_exist(database, table);
    }
    if let Some(column) = message.strip_prefix("no such column: ") {
        return errors::unknown_column(column);
    }
    if let Some(function) = message.strip_prefix("no such function: ") {
        return errors::unknown_function(function);
    }
    tracing::debug!("sqlite refused {sql:?}: {message}");
    let near = message
        .split_once("near \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(token, _)| sql.find(token))
        .unwrap_or(sql.len());
    crate::sql::statement::syntax_error_at(sql, near)
}

pub fn describe(db: &rusqlite::Connection, sql: &str) -> SqlResult<Vec<ColumnInfo>> {
    let statement = db.prepare(sql).map_err(|e| sqlite_error(e, sql))?;
    Ok(statement
        .columns()
        .iter()
        .map(|c| ColumnInfo::new(c.name(), c.decl_type().map(kind_of).unwrap_or(Kind::Text)))
        .collect())
}

/// Runs a SELECT read-only and renders times at `tz_offset`.
pub fn run(db: &rusqlite::Connection, sql: &str, tz_offset: i32) -> SqlResult<ResultSet> {
    db.pragma_update(None, "query_only", true)
        .map_err(|e| errors::internal(e.to_string()))?;
    let result = run_read_only(db, sql, tz_offset);
    db.pragma_update(None, "query_only", false)
        .map_err(|e| errors::internal(e.to_string()))?;
    result
}

/// [`run`] for a text-protocol client: the same answer, encoded as it is read.
pub fn run_text(db: &rusqlite::Connection, sql: &str, tz_offset: i32) -> SqlResult<TextRows> {
    db.pragma_update(None, "query_only", true)
        .map_err(|e| errors::internal(e.to_string()))?;
    let result = encode_read_only(db, sql, tz_offset);
    db.pragma_update(None, "query_only", false)
        .map_err(|e| errors::internal(e.to_string()))?;
    match result? {
        Some(rows) => Ok(rows),
        // Undeclared column types or text that is not UTF-8: the general way.
        None => TextRows::from_result_set(run(db, sql, tz_offset)?).map_err(|e| errors::internal(e.to_string())),
    }
}

/// Encodes each value as [`cell`] then [`Cell::to_mysql_text`] would, without the
/// `Cell`; `None` when a column has no declared type (its kind comes from the first
/// value, which [`run_read_only`] finds) or a text is not UTF-8 (its error too).
fn encode_read_only(db: &rusqlite::Connection, sql: &str, tz_offset: i32) -> SqlResult<Option<TextRows>> {
    let mut statement = db.prepare(sql).map_err(|e| sqlite_error(e, sql))?;
    let declared: Option<Vec<ColumnInfo>> = statement
        .columns()
        .iter()
        .map(|c| c.decl_type().map(|t| ColumnInfo::new(c.name(), kind_of(t))))
        .collect();
    let Some(columns) = declared else {
        return Ok(None);
    };
    let zoned: Vec<bool> = columns
        .iter()
        .map(|c| tz_offset != 0 && c.follows_time_zone())
        .collect();
    let mut out = TextRows {
        columns,
        ..Default::default()
    };
    let mut rows = statement.query([]).map_err(|e| sqlite_error(e, sql))?;
    let io = |e: io::Error| errors::internal(e.to_string());
    while let Some(row) = rows.next().map_err(|e| sqlite_error(e, sql))? {
        for (i, column) in out.columns.iter().enumerate() {
            match row.get_ref(i).map_err(|e| sqlite_error(e, sql))? {
                ValueRef::Text(bytes) => {
                    let Ok(text) = std::str::from_utf8(bytes) else {
                        return Ok(None);
                    };
                    match zoned[i].then(|| shift_stored_text(text, tz_offset)).flatten() {
                        Some(shifted) => shifted.as_bytes().to_mysql_text(&mut out.bytes).map_err(io)?,
                        None => bytes.to_mysql_text(&mut out.bytes).map_err(io)?,
                    }
                }
                other => {
                    let value = Value::try_from(other).map_err(|e| errors::internal(e.to_string()))?;
                    cell(value, column, tz_offset)
                        .to_mysql_text(&mut out.bytes)
                        .map_err(io)?;
                }
            }
            out.ends.push(out.bytes.len());
        }
    }
    Ok(Some(out))
}

fn run_read_only(db: &rusqlite::Connection, sql: &str, tz_offset: i32) -> SqlResult<ResultSet> {
    let mut statement = db.prepare(sql).map_err(|e| sqlite_error(e, sql))?;
    let declared: Vec<(String, Option<Kind>)> = statement
        .columns()
        .iter()
        .map(|c| (c.name().to_string(), c.decl_type().map(kind_of)))
        .collect();
    let width = declared.len();
    let mut raw_rows: Vec<Vec<Value>> = Vec::new();
    let mut rows = statement.query([]).map_err(|e| sqlite_error(e, sql))?;
    while let Some(row) = rows.next().map_err(|e| sqlite_error(e, sql))? {
        let mut values = Vec::with_capacity(width);
        for i in 0..width {
            values.push(row.get::<_, Value>(i).map_err(|e| sqlite_error(e, sql))?);
        }
        raw_rows.push(values);
    }
    // Expressions have no declared type: take it from the first value.
    let columns: Vec<ColumnInfo> = declared
        .into_iter()
        .enumerate()
        .map(|(i, (name, kind))| {
            let kind =
                kind.unwrap_or_else(
                    || match raw_rows.iter().map(|r| &r[i]).find(|v| !matches!(v, Value::Null)) {
                        Some(Value::Integer(_)) => Kind::Int,
                        Some(Value::Real(_)) => Kind::Double,
                        _ => Kind::Text,
                    },
                );
            ColumnInfo::new(name, kind)
        })
        .collect();
    let rows = raw_rows
        .into_iter()
        .map(|values| {
            values
                .into_iter()
                .zip(&columns)
                .map(|(value, column)| cell(value, column, tz_offset))
                .collect()
        })
        .collect();
    Ok(ResultSet { columns, rows })
}

fn cell(value: Value, column: &ColumnInfo, tz_offset: i32) -> Cell {
    match (value, column.kind) {
        (Value::Null, _) => Cell::Null,
        (Value::Integer(v), Kind::UInt) if v >= 0 => Cell::UInt(v as u64),
        (Value::Integer(v), Kind::Decimal(scale)) => Cell::Text(format!("{:.*}", scale, v as f64)),
        (Value::Integer(v), Kind::Double) => Cell::Double(v as f64),
        (Value::Integer(v), _) => Cell::Int(v),
        (Value::Real(v), Kind::Decimal(scale)) => Cell::Text(format!("{v:.scale$}")),
        (Value::Real(v), Kind::Int | Kind::UInt) => Cell::Int(v as i64),
        (Value::Real(v), _) => Cell::Double(v),
        (Value::Text(text), _) => {
            let shifted = if tz_offset != 0 && column.follows_time_zone() {
                shift_stored_text(&text, tz_offset)
            } else {
                None
            };
            Cell::Text(shifted.unwrap_or(text))
        }
        (Value::Blob(bytes), _) => Cell::Text(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

impl Cell {
    fn text_form(&self) -> Option<String> {
        match self {
            Cell::Null => None,
            Cell::Int(v) => Some(v.to_string()),
            Cell::UInt(v) => Some(v.to_string()),
            Cell::Double(v) => Some(v.to_string()),
            Cell::Text(s) => Some(s.clone()),
        }
    }
}

/// An integer's decimal digits (as `to_string` writes them) as a length-encoded string.
fn decimal<W: Write>(negative: bool, mut n: u64, w: &mut W) -> io::Result<()> {
    let mut buf = [0u8; 21];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        at -= 1;
        buf[at] = b'-';
    }
    buf[at..].to_mysql_text(w)
}

fn bad(cell: &Cell, column: &Column) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("cannot send {cell:?} as {:?}", column.coltype),
    )
}

impl ToMysqlValue for Cell {
    /// The text protocol: each value as a length-encoded string (NULL as 0xFB),
    /// written without building a `String` for it.
    fn to_mysql_text<W: Write>(&self, w: &mut W) -> io::Result<()> {
        match self {
            Cell::Null => w.write_all(&[0xFB]),
            Cell::Int(v) => decimal(*v < 0, v.unsigned_abs(), w),
            Cell::UInt(v) => decimal(false, *v, w),
            Cell::Text(s) => s.as_bytes().to_mysql_text(w),
            Cell::Double(_) => self.text_form().unwrap_or_default().as_bytes().to_mysql_text(w),
        }
    }

    /// The binary protocol (prepared statements) wants each value in its column's type.
    fn to_mysql_bin<W: Write>(&self, w: &mut W, c: &Column) -> io::Result<()> {
        let unsigned = c.colflags.contains(ColumnFlags::UNSIGNED_FLAG);
        match c.coltype {
            ColumnType::MYSQL_TYPE_LONGLONG => {
                let signed: i64 = match self {
                    Cell::Int(v) => *v,
                    Cell::UInt(v) => i64::try_from(*v).unwrap_or(i64::MAX),
                    Cell::Double(v) => *v as i64,
                    Cell::Text(s) => s.trim().parse().map_err(|_| bad(self, c))?,
                    Cell::Null => return Err(bad(self, c)),
                };
                if unsigned {
                    match self {
                        Cell::UInt(v) => v.to_mysql_bin(w, c),
                        _ => u64::try_from(signed).unwrap_or(0).to_mysql_bin(w, c),
                    }
                } else {
                    signed.to_mysql_bin(w, c)
                }
            }
            ColumnType::MYSQL_TYPE_DOUBLE => {
                let v = match self {
                    Cell::Int(v) => *v as f64,
                    Cell::UInt(v) => *v as f64,
                    Cell::Double(v) => *v,
                    Cell::Text(s) => s.trim().parse().map_err(|_| bad(self, c))?,
                    Cell::Null => return Err(bad(self, c)),
                };
                v.to_mysql_bin(w, c)
            }
            ColumnType::MYSQL_TYPE_TIMESTAMP | ColumnType::MYSQL_TYPE_DATETIME => {
                let text = self.text_form().ok_or_else(|| bad(self, c))?;
                let micros = parse_wall_time(&text).ok_or_else(|| bad(self, c))?;
                let time = chrono::DateTime::from_timestamp_micros(micros)
                    .ok_or_else(|| bad(self, c))?
                    .naive_utc();
                time.to_mysql_bin(w, c)
            }
            _ => {
                let text = self.text_form().ok_or_else(|| bad(self, c))?;
                text.as_bytes().to_mysql_bin(w, c)
            }
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Cell::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_go_out_as_their_text_form() {
        let cells = [
            Cell::Null,
            Cell::Int(0),
            Cell::Int(-1),
            Cell::Int(i64::MIN),
            Cell::Int(i64::MAX),
            Cell::UInt(u64::MAX),
            Cell::UInt(7),
            Cell::Double(1.5),
            Cell::Text(String::new()),
            Cell::Text("x".repeat(300)),
        ];
        for cell in cells {
            let mut fast = Vec::new();
            cell.to_mysql_text(&mut fast).unwrap();
            let mut plain = Vec::new();
            match cell.text_form() {
                None => plain.push(0xFB),
                Some(text) => text.as_bytes().to_mysql_text(&mut plain).unwrap(),
            }
            assert_eq!(fast, plain, "{cell:?}");
        }
    }

    #[test]
    fn text_rows_are_the_cells_as_the_text_protocol_writes_them() {
        let db = rusqlite::Connection::open_in_memory().expect("sqlite");
        db.execute_batch(
            "ATTACH ':memory:' AS oceanbase;
             CREATE TABLE oceanbase.T (A TIMESTAMP(6), B VARCHAR(10), C DECIMAL(6,2), D BIGINT UNSIGNED,
                E BIGINT, F DOUBLE, G LONGTEXT, H VARCHAR(30), END_TIMESTAMP VARCHAR(30));
             INSERT INTO oceanbase.T VALUES
                ('2025-01-01 00:00:00.000000', '2025-01-01 00:00:00', 1.5, 7, -3, 2, 'long', NULL, '2025-01-01 00:00:00'),
                (NULL, '', 2, -1, 9223372036854775807, 0.25, x'6869', 'x', NULL),
                ('2025-06-30 23:59:59.999999', 'caf\u{e9}', NULL, 0, -9223372036854775808, NULL, '', '', '2025-01-01');",
        )
        .expect("setup");
        for sql in [
            "SELECT * FROM oceanbase.T",
            "SELECT A, B, C + 0, COUNT(*) FROM oceanbase.T GROUP BY A",
            "SELECT * FROM oceanbase.T WHERE 0",
        ] {
            for tz in [0, 8 * 3600, -5 * 3600] {
                let cells = run(&db, sql, tz).expect("runs");
                let text = run_text(&db, sql, tz).expect("runs");
                assert_eq!(text.columns, cells.columns, "{sql} at {tz}");
                let encoded: Vec<Vec<Vec<u8>>> = text.rows().map(|r| r.map(|c| c.0.to_vec()).collect()).collect();
                let expected: Vec<Vec<Vec<u8>>> = cells
                    .rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| {
                                let mut b = Vec::new();
                                c.to_mysql_text(&mut b).unwrap();
                                b
                            })
                            .collect()
                    })
                    .collect();
                assert_eq!(encoded, expected, "{sql} at {tz}");
            }
        }
        assert_eq!(run_text(&db, "SELECT * FROM oceanbase.NOPE", 0).unwrap_err().code, 1146);
    }

    #[test]
    fn declared_types_map_to_mysql_kinds() {
        assert_eq!(kind_of("BIGINT(20)"), Kind::Int);
        assert_eq!(kind_of("BIGINT UNSIGNED"), Kind::UInt);
        assert_eq!(kind_of("DECIMAL(26,2)"), Kind::Decimal(2));
        assert_eq!(kind_of("TIMESTAMP(6)"), Kind::Timestamp);
        assert_eq!(kind_of("VARCHAR(64)"), Kind::Text);
        assert_eq!(kind_of("LONGTEXT"), Kind::Blob);
    }

    #[test]
    fn times_follow_the_session_zone_and_errors_read_like_mysql() {
        let db = rusqlite::Connection::open_in_memory().expect("sqlite");
        db.execute_batch(
            "ATTACH ':memory:' AS oceanbase;
             CREATE TABLE oceanbase.T (A TIMESTAMP(6), B VARCHAR(10), C DECIMAL(6,2));
             INSERT INTO oceanbase.T VALUES ('2025-01-01 00:00:00.000000', '2025-01-01 00:00:00', 1.5);",
        )
        .expect("setup");
        let rs = run(&db, "SELECT A, B, C FROM oceanbase.T", 8 * 3600).expect("runs");
        assert_eq!(rs.rows[0][0], Cell::Text("2025-01-01 08:00:00.000000".into()));
        assert_eq!(
            rs.rows[0][1],
            Cell::Text("2025-01-01 00:00:00".into()),
            "plain text stays"
        );
        assert_eq!(rs.rows[0][2], Cell::Text("1.50".into()));
        let missing = run(&db, "SELECT * FROM oceanbase.NOPE", 0).expect_err("no table");
        assert_eq!(missing.code, 1146);
        assert_eq!(missing.message, "Table 'oceanbase.NOPE' doesn't exist");
        let written = run(&db, "DELETE FROM oceanbase.T", 0);
        assert!(written.is_err(), "the store is read-only to clients");
    }
}
