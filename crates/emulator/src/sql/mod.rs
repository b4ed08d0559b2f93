//! The SQL the emulator understands: a tokenizer, a statement parser, and SELECT analysis.

pub mod lexer;
pub mod select;
pub mod statement;

pub use select::{ItemExpr, Select, SelectItem, ViewQuery};
pub use statement::{Assignment, BackupRequest, PoolSpec, RestoreRequest, Statement, UnitSpec, Until};

use crate::errors::SqlResult;
use lexer::TokenKind;

pub fn parse(sql: &str) -> SqlResult<Statement> {
    let tokens = lexer::tokenize(sql).map_err(|e| statement::syntax_error_at(sql, e.position))?;
    statement::parse(sql, tokens)
}

/// How many `?` parameters a statement has, and where the first one is.
pub fn placeholders(sql: &str) -> SqlResult<(usize, Option<usize>)> {
    let tokens = lexer::tokenize(sql).map_err(|e| statement::syntax_error_at(sql, e.position))?;
    let mut positions = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Placeholder)
        .map(|t| t.start);
    let first = positions.next();
    Ok((first.map_or(0, |_| 1 + positions.count()), first))
}

/// A parameter of a prepared statement, already turned into SQL literal text.
pub fn literal(value: Option<&str>, numeric: bool) -> String {
    match value {
        None => "NULL".to_string(),
        Some(v) if numeric => v.to_string(),
        Some(v) => {
            let mut out = String::with_capacity(v.len() + 2);
            out.push('\'');
            for c in v.chars() {
                match c {
                    '\'' => out.push_str("''"),
                    '\\' => out.push_str("\\\\"),
                    '\0' => out.push_str("\\0"),
                    other => out.push(other),
                }
            }
            out.push('\'');
            out
        }
    }
}

/// Replaces each `?` with the matching literal.
pub fn bind(sql: &str, literals: &[String]) -> SqlResult<String> {
    let tokens = lexer::tokenize(sql).map_err(|e| statement::syntax_error_at(sql, e.position))?;
    let mut out = String::with_capacity(sql.len());
    let mut copied = 0;
    let mut next = literals.iter();
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Placeholder) {
        let Some(value) = next.next() else {
            return Err(statement::syntax_error_at(sql, t.start));
        };
        out.push_str(&sql[copied..t.start]);
        out.push_str(value);
        copied = t.end;
    }
    out.push_str(&sql[copied..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_breaking_literal_stays_one_statement() {
        let statement =
            parse(r"ALTER SYSTEM SET DATA_BACKUP_DEST = 'a\' ; DROP TENANT t1 -- ' TENANT = t1").expect("parses");
        assert_eq!(
            statement,
            Statement::SetParameter {
                name: "data_backup_dest".into(),
                value: "a' ; DROP TENANT t1 -- ".into(),
                tenant: Some("t1".into()),
            }
        );
    }

    #[test]
    fn two_statements_are_a_syntax_error() {
        let err = parse("SELECT 1; DROP TENANT t1").expect_err("refused");
        assert_eq!(err.code, 1064);
        assert!(err.message.contains("near 'DROP TENANT t1'"), "{}", err.message);
    }

    #[test]
    fn backup_restore_and_resources_parse() {
        assert_eq!(
            parse("alter system backup incremental tenant = t1, `t2` plus archivelog").expect("ok"),
            Statement::Backup(BackupRequest {
                incremental: true,
                tenants: Some(vec!["t1".into(), "t2".into()]),
                plus_archivelog: true,
                description: None,
            })
        );
        let restore = parse(
            "ALTER SYSTEM RESTORE r1 FROM 'file:///d,file:///a' UNTIL TIME='2024-01-01 00:00:00' WITH 'pool_list=p1'",
        )
        .expect("ok");
        assert!(matches!(
            restore,
            Statement::Restore(RestoreRequest {
                until: Some(Until::Time(_)),
                ..
            })
        ));
        let pool = parse("CREATE RESOURCE POOL p1 UNIT = 'u1', UNIT_NUM = 1, ZONE_LIST = ('z1','z2')").expect("ok");
        assert!(matches!(pool, Statement::CreatePool(PoolSpec { zones: Some(ref z), .. }) if z.len() == 2));
    }

    #[test]
    fn bind_replaces_placeholders_with_escaped_literals() {
        let sql = bind(
            "SELECT 1 FROM t WHERE a = ? AND b = ?",
            &[literal(Some("x'y"), false), literal(Some("3"), true)],
        )
        .expect("binds");
        assert_eq!(sql, "SELECT 1 FROM t WHERE a = 'x''y' AND b = 3");
    }
}
