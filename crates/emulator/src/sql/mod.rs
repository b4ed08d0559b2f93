//! The SQL the emulator understands: a tokenizer, a statement parser, and SELECT analysis.

pub mod lexer;
pub mod select;
pub mod statement;

pub use select::{ItemExpr, Select, SelectItem, ViewQuery};
pub use statement::{Assignment, BackupRequest, PoolSpec, Restore3Request, RestoreRequest, Statement, UnitSpec, Until};

use crate::errors::SqlResult;
use crate::release::Release;
use lexer::TokenKind;

/// Parses one statement in the grammar of `release` (3.x and 4.x differ: see
/// [`statement::parse`]).
pub fn parse(sql: &str, release: Release) -> SqlResult<Statement> {
    let tokens = lexer::tokenize(sql).map_err(|e| statement::syntax_error_at(sql, e.position))?;
    statement::parse(sql, tokens, release)
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

    fn parse4(sql: &str) -> SqlResult<Statement> {
        parse(sql, Release::V4_3_5_CE)
    }

    #[test]
    fn quote_breaking_literal_stays_one_statement() {
        let statement =
            parse4(r"ALTER SYSTEM SET DATA_BACKUP_DEST = 'a\' ; DROP TENANT t1 -- ' TENANT = t1").expect("parses");
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
        let err = parse4("SELECT 1; DROP TENANT t1").expect_err("refused");
        assert_eq!(err.code, 1064);
        assert!(err.message.contains("near 'DROP TENANT t1'"), "{}", err.message);
    }

    #[test]
    fn backup_restore_and_resources_parse() {
        assert_eq!(
            parse4("alter system backup incremental tenant = t1, `t2` plus archivelog").expect("ok"),
            Statement::Backup(BackupRequest {
                incremental: true,
                tenants: Some(vec!["t1".into(), "t2".into()]),
                plus_archivelog: true,
                description: None,
                to: None,
            })
        );
        let restore = parse4(
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
        let pool = parse4("CREATE RESOURCE POOL p1 UNIT = 'u1', UNIT_NUM = 1, ZONE_LIST = ('z1','z2')").expect("ok");
        assert!(matches!(pool, Statement::CreatePool(PoolSpec { zones: Some(ref z), .. }) if z.len() == 2));
    }

    /// What a line does not have is a syntax error there, as on the release itself.
    #[test]
    fn each_line_has_its_own_backup_grammar() {
        let v3 = |sql: &str, r: Release| parse(sql, r).map_err(|e| e.code);
        assert!(v3("ALTER SYSTEM BACKUP DATABASE", Release::V3_1_5_CE).is_ok());
        assert_eq!(v3("ALTER SYSTEM BACKUP TENANT = t1", Release::V3_1_5_CE), Err(1064));
        assert_eq!(
            v3("ALTER SYSTEM BACKUP TENANT t1 TO 'file:///b'", Release::V3_1_5_CE),
            Err(1064)
        );
        assert!(matches!(
            v3("ALTER SYSTEM BACKUP TENANT t1 TO 'file:///b'", Release::V3_2_4_EE),
            Ok(Statement::Backup(BackupRequest { to: Some(_), .. }))
        ));
        assert_eq!(v3("ALTER SYSTEM ARCHIVELOG TENANT = t1", Release::V3_1_5_CE), Err(1064));
        assert_eq!(v3("ALTER SYSTEM CANCEL RESTORE r1", Release::V3_1_5_CE), Err(1064));
        assert!(matches!(
            v3(
                "ALTER SYSTEM RESTORE r1 FROM t1 AT 'file:///b' UNTIL '2024-01-01 00:00:00' WITH 'pool_list=p'",
                Release::V3_1_5_CE
            ),
            Ok(Statement::Restore3(_))
        ));
        // UNTIL is mandatory on 3.1, optional from 3.2.1.
        assert_eq!(
            v3("ALTER SYSTEM RESTORE r1 FROM t1 WITH 'pool_list=p'", Release::V3_1_5_CE),
            Err(1064)
        );
        assert!(v3("ALTER SYSTEM RESTORE r1 FROM t1 WITH 'pool_list=p'", Release::V3_2_4_EE).is_ok());
        // 4.x has no 3.x restore; UNTIL SCN only where the release documents it.
        assert_eq!(
            v3("ALTER SYSTEM RESTORE r1 FROM t1 WITH 'pool_list=p'", Release::V4_3_5_CE),
            Err(1064)
        );
        assert!(v3(
            "ALTER SYSTEM RESTORE r1 FROM 'file:///d' UNTIL SCN = 5 WITH 'pool_list=p'",
            Release::V4_1_0_CE
        )
        .is_ok());
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
