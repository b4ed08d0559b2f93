//! SELECT statements: either a list of items the emulator answers itself (`SELECT
//! @@version_comment`, `SELECT version()`), or a query on the views that SQLite runs after
//! the tokens are written back out in SQLite's dialect.

use super::lexer::{Token, TokenKind};
use super::statement::{strip_scope, syntax_error_at, Parser};
use crate::errors::SqlResult;

#[derive(Debug, Clone, PartialEq)]
pub enum Select {
    /// No FROM and nothing but items the emulator knows.
    Items(Vec<SelectItem>),
    Query(ViewQuery),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectItem {
    /// The column name: the alias, or the expression as written.
    pub label: String,
    pub expr: ItemExpr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemExpr {
    /// A system variable, lowercase, without scope.
    SysVar(String),
    UserVar(String),
    /// A function without arguments (`version()`), lowercase.
    Function(String),
    Number(String),
    Str(String),
    Null,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewQuery {
    /// The statement in SQLite's dialect.
    pub sqlite: String,
    pub tables: Vec<TableRef>,
    pub placeholders: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRef {
    pub schema: Option<String>,
    pub name: String,
}

const KNOWN_FUNCTIONS: [&str; 12] = [
    "version",
    "database",
    "schema",
    "user",
    "current_user",
    "session_user",
    "system_user",
    "connection_id",
    "now",
    "current_timestamp",
    "utc_timestamp",
    "sysdate",
];

pub fn parse(p: &mut Parser<'_>) -> SqlResult<Select> {
    let sql = p.sql();
    p.next_token(); // SELECT
    let mut tokens = p.rest();
    // One statement per query: whatever follows a `;` is refused, never run.
    if let Some(i) = tokens.iter().position(|t| t.is_symbol(";")) {
        let at = tokens.get(i + 1).map_or(tokens[i].start, |t| t.start);
        return Err(syntax_error_at(sql, at));
    }
    strip_from_dual(&mut tokens);
    let has_from = top_level(&tokens).any(|t| t.is_word("FROM"));
    if !has_from {
        // `select @@version_comment limit 1`, as the mysql client sends on connect.
        let items_end = match tokens.as_slice() {
            [.., limit, n] if limit.is_word("LIMIT") && n.kind == TokenKind::Number => tokens.len() - 2,
            _ => tokens.len(),
        };
        if let Some(items) = known_items(sql, &tokens[..items_end]) {
            return Ok(Select::Items(items));
        }
    }
    let mut all = vec![Token {
        kind: TokenKind::Word,
        text: "SELECT".into(),
        start: 0,
        end: 0,
    }];
    all.extend(tokens);
    Ok(Select::Query(view_query(sql, &all)?))
}

/// `SELECT 1 FROM DUAL` means `SELECT 1`; SQLite has no DUAL.
fn strip_from_dual(tokens: &mut Vec<Token>) {
    if let Some(i) = tokens.iter().position(|t| t.is_word("FROM")) {
        if tokens.get(i + 1).is_some_and(|t| t.is_word("DUAL")) {
            tokens.drain(i..i + 2);
        }
    }
}

/// Tokens outside parentheses.
fn top_level(tokens: &[Token]) -> impl Iterator<Item = &Token> {
    let mut depth = 0i32;
    tokens.iter().filter(move |t| {
        if t.is_symbol("(") {
            depth += 1;
        } else if t.is_symbol(")") {
            depth -= 1;
        }
        depth == 0
    })
}

fn split_items(tokens: &[Token]) -> Vec<&[Token]> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if t.is_symbol("(") {
            depth += 1;
        } else if t.is_symbol(")") {
            depth -= 1;
        } else if depth == 0 && t.is_symbol(",") {
            items.push(&tokens[start..i]);
            start = i + 1;
        }
    }
    items.push(&tokens[start..]);
    items
}

fn known_items(sql: &str, tokens: &[Token]) -> Option<Vec<SelectItem>> {
    if tokens.is_empty() {
        return None;
    }
    split_items(tokens)
        .into_iter()
        .map(|item| known_item(sql, item))
        .collect()
}

fn known_item(sql: &str, item: &[Token]) -> Option<SelectItem> {
    let n = item.len();
    let (expr_tokens, alias) = if n >= 3 && item[n - 2].is_word("AS") && is_alias(&item[n - 1]) {
        (&item[..n - 2], Some(item[n - 1].text.clone()))
    } else if n >= 2 && is_alias(&item[n - 1]) && known_expr(&item[..n - 1]).is_some() {
        (&item[..n - 1], Some(item[n - 1].text.clone()))
    } else {
        (item, None)
    };
    let expr = known_expr(expr_tokens)?;
    let label = alias.unwrap_or_else(|| {
        let start = expr_tokens.first().map(|t| t.start).unwrap_or(0);
        let end = expr_tokens.last().map(|t| t.end).unwrap_or(start);
        sql[start..end].to_string()
    });
    Some(SelectItem { label, expr })
}

fn is_alias(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::QuotedIdent | TokenKind::Str)
}

fn known_expr(tokens: &[Token]) -> Option<ItemExpr> {
    match tokens {
        [t] if t.kind == TokenKind::SysVar => Some(ItemExpr::SysVar(strip_scope(&t.text).to_ascii_lowercase())),
        [t] if t.kind == TokenKind::UserVar => Some(ItemExpr::UserVar(t.text.to_ascii_lowercase())),
        [t] if t.kind == TokenKind::Number => Some(ItemExpr::Number(t.text.clone())),
        [minus, t] if minus.is_symbol("-") && t.kind == TokenKind::Number => {
            Some(ItemExpr::Number(format!("-{}", t.text)))
        }
        [t] if t.kind == TokenKind::Str => Some(ItemExpr::Str(t.text.clone())),
        [t] if t.is_word("NULL") => Some(ItemExpr::Null),
        [t] if t.is_word("CURRENT_TIMESTAMP") || t.is_word("CURRENT_USER") => {
            Some(ItemExpr::Function(t.text.to_ascii_lowercase()))
        }
        [f, open, close] if f.kind == TokenKind::Word && open.is_symbol("(") && close.is_symbol(")") => {
            let name = f.text.to_ascii_lowercase();
            KNOWN_FUNCTIONS
                .contains(&name.as_str())
                .then_some(ItemExpr::Function(name))
        }
        _ => None,
    }
}

/// Writes the tokens back out for SQLite and collects the tables named after FROM/JOIN.
fn view_query(sql: &str, tokens: &[Token]) -> SqlResult<ViewQuery> {
    let mut out = String::new();
    let mut tables = Vec::new();
    let mut placeholders = 0;
    let mut previous: Option<&Token> = None;
    for (i, t) in tokens.iter().enumerate() {
        let piece = match t.kind {
            TokenKind::Word | TokenKind::Number => t.text.clone(),
            TokenKind::QuotedIdent => format!("\"{}\"", t.text.replace('"', "\"\"")),
            TokenKind::Str => format!("'{}'", t.text.replace('\'', "''")),
            TokenKind::Symbol => match t.text.as_str() {
                "||" => "OR".to_string(),
                "&&" => "AND".to_string(),
                "<=>" => "IS".to_string(),
                other => other.to_string(),
            },
            TokenKind::Placeholder => {
                placeholders += 1;
                "?".to_string()
            }
            // Variables only make sense in the emulator's own items, not inside a query.
            TokenKind::SysVar | TokenKind::UserVar => return Err(syntax_error_at(sql, t.start)),
        };
        let glued = t.is_symbol(".") || previous.is_some_and(|p| p.is_symbol("."));
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(&piece);
        previous = Some(t);
        if t.is_word("FROM") || t.is_word("JOIN") {
            collect_tables(&tokens[i + 1..], &mut tables);
        }
    }
    Ok(ViewQuery {
        sqlite: out,
        tables,
        placeholders,
    })
}

/// Reads `name[.name] [[AS] alias] {, ...}` after FROM or JOIN.
fn collect_tables(tokens: &[Token], tables: &mut Vec<TableRef>) {
    let mut i = 0;
    loop {
        let Some(first) = tokens.get(i) else { return };
        if !first.is_name() {
            return;
        }
        let qualified =
            tokens.get(i + 1).is_some_and(|t| t.is_symbol(".")) && tokens.get(i + 2).is_some_and(Token::is_name);
        if qualified {
            tables.push(TableRef {
                schema: Some(first.text.clone()),
                name: tokens[i + 2].text.clone(),
            });
            i += 3;
        } else {
            tables.push(TableRef {
                schema: None,
                name: first.text.clone(),
            });
            i += 1;
        }
        if tokens.get(i).is_some_and(|t| t.is_word("AS")) {
            i += 2;
        } else if tokens.get(i).is_some_and(|t| t.is_name() && !is_clause_word(t)) {
            i += 1;
        }
        if tokens.get(i).is_some_and(|t| t.is_symbol(",")) {
            i += 1;
        } else {
            return;
        }
    }
}

fn is_clause_word(t: &Token) -> bool {
    [
        "WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "ON", "USING",
        "UNION", "FOR", "NATURAL", "OUTER",
    ]
    .iter()
    .any(|w| t.is_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::lexer::tokenize;

    fn select(sql: &str) -> Select {
        let mut p = Parser::new(sql, tokenize(sql).expect("tokenizes"));
        parse(&mut p).expect("parses")
    }

    #[test]
    fn variables_and_functions_are_items() {
        let Select::Items(items) = select("SELECT @@session.max_allowed_packet, version() AS v, 1") else {
            panic!("expected items");
        };
        assert_eq!(items[0].label, "@@session.max_allowed_packet");
        assert_eq!(items[0].expr, ItemExpr::SysVar("max_allowed_packet".into()));
        assert_eq!(items[1].label, "v");
        assert_eq!(items[2].expr, ItemExpr::Number("1".into()));
        let Select::Items(items) = select("select @@version_comment limit 1") else {
            panic!("expected items");
        };
        assert_eq!(items[0].label, "@@version_comment");
    }

    #[test]
    fn queries_are_rewritten_for_sqlite_with_their_tables() {
        let Select::Query(q) =
            select(r"SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOBS j WHERE STATUS = 'it\'s' LIMIT 1")
        else {
            panic!("expected a query");
        };
        assert_eq!(
            q.sqlite,
            "SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOBS j WHERE STATUS = 'it''s' LIMIT 1"
        );
        assert_eq!(
            q.tables,
            vec![TableRef {
                schema: Some("oceanbase".into()),
                name: "CDB_OB_BACKUP_JOBS".into()
            }]
        );
    }
}
