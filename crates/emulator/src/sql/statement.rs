//! Parses one statement into what the emulator can execute.

use super::lexer::{Token, TokenKind};
use super::select::{self, Select};
use crate::errors::{self, SqlError, SqlResult};
use crate::release::{Line, Release};

#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Select(Select),
    Set(Vec<Assignment>),
    Use(String),
    /// BEGIN, COMMIT, ROLLBACK: accepted; views are read-only so there is nothing to do.
    Transaction,
    /// `ALTER SYSTEM SET name = value [TENANT = t]`; the name is lowercase.
    SetParameter {
        name: String,
        value: String,
        tenant: Option<String>,
    },
    Archivelog {
        enable: bool,
        tenants: Vec<String>,
    },
    Backup(BackupRequest),
    CancelBackup {
        tenant: Option<String>,
    },
    AddDeletePolicy {
        name: String,
        recovery_window: String,
        tenant: Option<String>,
    },
    DropDeletePolicy {
        name: String,
        tenant: Option<String>,
    },
    CreateUnit(UnitSpec),
    DropUnit {
        name: String,
        if_exists: bool,
    },
    CreatePool(PoolSpec),
    DropPool {
        name: String,
        if_exists: bool,
    },
    Restore(RestoreRequest),
    /// 3.x: `RESTORE dest FROM src [AT 'uri'] [UNTIL 'ts'] WITH '...'`.
    Restore3(Restore3Request),
    CancelRestore {
        tenant: String,
    },
    ActivateStandby {
        tenant: Option<String>,
    },
    DropTenant {
        name: String,
        if_exists: bool,
    },
}

/// One `name = value` of a `SET`; names are lowercase without scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub name: String,
    pub value: Option<String>,
    pub user_variable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRequest {
    pub incremental: bool,
    /// `None` for `BACKUP DATABASE` (every user tenant).
    pub tenants: Option<Vec<String>>,
    pub plus_archivelog: bool,
    pub description: Option<String>,
    /// 3.2: `BACKUP TENANT t TO 'uri'`.
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSpec {
    pub name: String,
    pub if_not_exists: bool,
    /// Option names uppercase, values as written (strings decoded).
    pub options: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSpec {
    pub name: String,
    pub if_not_exists: bool,
    pub unit: Option<String>,
    pub unit_num: Option<String>,
    pub zones: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Until {
    Time(String),
    Scn(String),
}

/// A 3.x restore (V3.1.5 SQL reference `1700.restore.md`; grammar of v3.1.5_CE
/// `sql_parser_mysql_mode.y`: `RESTORE relation_name FROM relation_name opt_backup_dest
/// UNTIL STRING_VALUE WITH STRING_VALUE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restore3Request {
    pub tenant: String,
    pub source_tenant: String,
    pub uri: Option<String>,
    /// Mandatory on 3.1; 3.2.1 Enterprise restores to the latest without it.
    pub until: Option<String>,
    pub options: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreRequest {
    pub tenant: String,
    pub uris: String,
    pub until: Option<Until>,
    pub options: String,
    pub description: Option<String>,
}

/// A cursor over the tokens of one statement.
pub struct Parser<'a> {
    sql: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

impl<'a> Parser<'a> {
    pub fn new(sql: &'a str, tokens: Vec<Token>) -> Self {
        Self { sql, tokens, pos: 0 }
    }

    pub fn sql(&self) -> &'a str {
        self.sql
    }

    pub fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.pos + ahead)
    }

    pub fn next_token(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    pub fn accept_word(&mut self, keyword: &str) -> bool {
        if self.peek().is_some_and(|t| t.is_word(keyword)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn accept_words(&mut self, keywords: &[&str]) -> bool {
        let matches = keywords
            .iter()
            .enumerate()
            .all(|(i, k)| self.peek_at(i).is_some_and(|t| t.is_word(k)));
        if matches {
            self.pos += keywords.len();
        }
        matches
    }

    pub fn expect_word(&mut self, keyword: &str) -> SqlResult<()> {
        if self.accept_word(keyword) {
            Ok(())
        } else {
            Err(self.error_here())
        }
    }

    pub fn accept_symbol(&mut self, symbol: &str) -> bool {
        if self.peek().is_some_and(|t| t.is_symbol(symbol)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn expect_symbol(&mut self, symbol: &str) -> SqlResult<()> {
        if self.accept_symbol(symbol) {
            Ok(())
        } else {
            Err(self.error_here())
        }
    }

    /// An identifier: plain or backquoted.
    pub fn name(&mut self) -> SqlResult<String> {
        match self.peek() {
            Some(t) if t.is_name() => {
                let text = t.text.clone();
                self.pos += 1;
                Ok(text)
            }
            _ => Err(self.error_here()),
        }
    }

    pub fn string(&mut self) -> SqlResult<String> {
        match self.peek() {
            Some(t) if t.kind == TokenKind::Str => {
                let text = t.text.clone();
                self.pos += 1;
                Ok(text)
            }
            _ => Err(self.error_here()),
        }
    }

    /// A value written as a string, a number or a bare word.
    pub fn value(&mut self) -> SqlResult<String> {
        let negative = self.accept_symbol("-");
        match self.peek() {
            Some(t) if matches!(t.kind, TokenKind::Str | TokenKind::Number | TokenKind::Word) => {
                let text = if negative {
                    format!("-{}", t.text)
                } else {
                    t.text.clone()
                };
                self.pos += 1;
                Ok(text)
            }
            _ => Err(self.error_here()),
        }
    }

    /// Ends the statement: an optional `;`, then nothing.
    pub fn finish(&mut self) -> SqlResult<()> {
        self.accept_symbol(";");
        if self.pos < self.tokens.len() {
            Err(self.error_here())
        } else {
            Ok(())
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.tokens.len() || (self.pos + 1 == self.tokens.len() && self.tokens[self.pos].is_symbol(";"))
    }

    /// A 1064 pointing at the current token (or the end of the statement).
    pub fn error_here(&self) -> SqlError {
        let at = self.peek().map(|t| t.start).unwrap_or(self.sql.len());
        syntax_error_at(self.sql, at)
    }

    /// Tokens from the current position to the end (without a trailing `;`).
    pub fn rest(&mut self) -> Vec<Token> {
        let mut rest: Vec<Token> = self.tokens[self.pos..].to_vec();
        if rest.last().is_some_and(|t| t.is_symbol(";")) {
            rest.pop();
        }
        self.pos = self.tokens.len();
        rest
    }
}

/// A 1064 for `sql` at byte offset `at`, quoting the rest of the statement as MySQL does.
pub fn syntax_error_at(sql: &str, at: usize) -> SqlError {
    let at = at.min(sql.len());
    let mut near: String = sql[at..].chars().take(80).collect();
    if near.trim().is_empty() {
        near.clear();
    }
    let line = sql[..at].matches('\n').count() + 1;
    errors::parse_error(&near, line)
}

/// One statement. The backup statements are those of the release's line: 3.x backs up the
/// cluster (`ARCHIVELOG`, `BACKUP DATABASE`, `CANCEL BACKUP` without TENANT; `BACKUP
/// TENANT ... TO` only where the release has it) and restores with its own syntax; 4.x
/// names tenants and has delete policies, `CANCEL RESTORE` and `ACTIVATE STANDBY`. What
/// a line does not have is a syntax error there, as on the release.
pub fn parse(sql: &str, tokens: Vec<Token>, release: Release) -> SqlResult<Statement> {
    let mut p = Parser::new(sql, tokens);
    let Some(first) = p.peek().cloned() else {
        return Err(errors::parse_error("", 1));
    };
    let statement = if first.is_word("SELECT") {
        Statement::Select(select::parse(&mut p)?)
    } else if first.is_word("SET") {
        p.next_token();
        let assignments = parse_set(&mut p);
        // SET accepts any tail, but never a second statement.
        let rest = p.rest();
        if let Some(i) = rest.iter().position(|t| t.is_symbol(";")) {
            if let Some(next) = rest.get(i + 1) {
                return Err(syntax_error_at(sql, next.start));
            }
        }
        return Ok(Statement::Set(assignments));
    } else if first.is_word("USE") {
        p.next_token();
        Statement::Use(p.name()?)
    } else if first.is_word("BEGIN") || first.is_word("COMMIT") || first.is_word("ROLLBACK") {
        p.next_token();
        p.accept_word("WORK");
        Statement::Transaction
    } else if p.accept_words(&["START", "TRANSACTION"]) {
        Statement::Transaction
    } else if p.accept_words(&["ALTER", "SYSTEM"]) {
        parse_alter_system(&mut p, release)?
    } else if p.accept_words(&["CREATE", "RESOURCE"]) {
        parse_create_resource(&mut p)?
    } else if p.accept_words(&["DROP", "RESOURCE"]) {
        let unit = if p.accept_word("UNIT") {
            true
        } else {
            p.expect_word("POOL")?;
            false
        };
        let if_exists = p.accept_words(&["IF", "EXISTS"]);
        let name = p.name()?;
        if unit {
            Statement::DropUnit { name, if_exists }
        } else {
            Statement::DropPool { name, if_exists }
        }
    } else if p.accept_words(&["DROP", "TENANT"]) {
        let if_exists = p.accept_words(&["IF", "EXISTS"]);
        let name = p.name()?;
        // FORCE skips the recycle bin; PURGE is its older spelling. Either way the tenant
        // is gone at once here.
        let _ = p.accept_word("FORCE") || p.accept_word("PURGE");
        Statement::DropTenant { name, if_exists }
    } else {
        return Err(p.error_here());
    };
    p.finish()?;
    Ok(statement)
}

/// `SET` accepts whatever follows (`SET NAMES`, `SET ENCRYPTION ...`): only plain
/// assignments are remembered.
fn parse_set(p: &mut Parser<'_>) -> Vec<Assignment> {
    let mut assignments = Vec::new();
    while let Some(assignment) = parse_assignment(p) {
        assignments.push(assignment);
        if !p.accept_symbol(",") {
            break;
        }
    }
    assignments
}

fn parse_assignment(p: &mut Parser<'_>) -> Option<Assignment> {
    let _ = p.accept_word("SESSION") || p.accept_word("LOCAL") || p.accept_word("GLOBAL");
    let token = p.next_token()?;
    let (name, user_variable) = match token.kind {
        TokenKind::SysVar => (strip_scope(&token.text).to_ascii_lowercase(), false),
        TokenKind::UserVar => (token.text.to_ascii_lowercase(), true),
        TokenKind::Word | TokenKind::QuotedIdent => (token.text.to_ascii_lowercase(), false),
        _ => return None,
    };
    if !(p.accept_symbol("=") || p.accept_symbol(":=")) {
        return None;
    }
    let value = match p.next_token()? {
        t if t.is_word("NULL") => None,
        t if matches!(t.kind, TokenKind::Str | TokenKind::Number | TokenKind::Word) => Some(t.text),
        t if t.is_symbol("-") => {
            let number = p.next_token()?;
            Some(format!("-{}", number.text))
        }
        _ => return None,
    };
    Some(Assignment {
        name,
        value,
        user_variable,
    })
}

/// `session.time_zone` -> `time_zone`.
pub fn strip_scope(name: &str) -> &str {
    for scope in ["session.", "global.", "local."] {
        if name.len() > scope.len() && name[..scope.len()].eq_ignore_ascii_case(scope) {
            return &name[scope.len()..];
        }
    }
    name
}

/// `TENANT [=] name`, if present.
fn tenant_clause(p: &mut Parser<'_>) -> SqlResult<Option<String>> {
    if p.accept_word("TENANT") {
        p.accept_symbol("=");
        Ok(Some(p.name()?))
    } else {
        Ok(None)
    }
}

fn tenant_list_clause(p: &mut Parser<'_>) -> SqlResult<Vec<String>> {
    let mut tenants = Vec::new();
    if p.accept_word("TENANT") {
        p.accept_symbol("=");
        tenants.push(p.name()?);
        while p.accept_symbol(",") {
            tenants.push(p.name()?);
        }
    }
    Ok(tenants)
}

fn parse_alter_system(p: &mut Parser<'_>, release: Release) -> SqlResult<Statement> {
    let v3 = release.line == Line::V3;
    if v3 {
        return parse_alter_system_v3(p, release);
    }
    if p.accept_word("SET") {
        let name = p.name()?.to_ascii_lowercase();
        p.expect_symbol("=")?;
        let value = p.value()?;
        let tenant = tenant_clause(p)?;
        return Ok(Statement::SetParameter { name, value, tenant });
    }
    if p.accept_word("ARCHIVELOG") {
        return Ok(Statement::Archivelog {
            enable: true,
            tenants: tenant_list_clause(p)?,
        });
    }
    if p.accept_word("NOARCHIVELOG") {
        return Ok(Statement::Archivelog {
            enable: false,
            tenants: tenant_list_clause(p)?,
        });
    }
    if p.accept_word("BACKUP") {
        return parse_backup(p);
    }
    if p.accept_words(&["CANCEL", "BACKUP"]) {
        return Ok(Statement::CancelBackup {
            tenant: tenant_clause(p)?,
        });
    }
    if p.accept_words(&["CANCEL", "RESTORE"]) {
        return Ok(Statement::CancelRestore { tenant: p.name()? });
    }
    if p.accept_words(&["ADD", "DELETE", "BACKUP", "POLICY"]) {
        let name = p.string()?;
        p.expect_word("RECOVERY_WINDOW")?;
        p.accept_symbol("=");
        let recovery_window = p.string()?;
        return Ok(Statement::AddDeletePolicy {
            name,
            recovery_window,
            tenant: tenant_clause(p)?,
        });
    }
    if p.accept_words(&["DROP", "DELETE", "BACKUP", "POLICY"]) {
        let name = p.string()?;
        return Ok(Statement::DropDeletePolicy {
            name,
            tenant: tenant_clause(p)?,
        });
    }
    if p.accept_word("RESTORE") {
        return parse_restore(p, release);
    }
    if p.accept_words(&["ACTIVATE", "STANDBY"]) {
        let tenant = if p.accept_word("TENANT") || !p.at_end() {
            p.accept_symbol("=");
            Some(p.name()?)
        } else {
            None
        };
        return Ok(Statement::ActivateStandby { tenant });
    }
    Err(p.error_here())
}

/// `ALTER SYSTEM ...` on 3.x (V3.1.5 SQL reference `600.alter-system/100.backup.md`,
/// `1700.restore.md`).
fn parse_alter_system_v3(p: &mut Parser<'_>, release: Release) -> SqlResult<Statement> {
    if p.accept_word("SET") {
        let name = p.name()?.to_ascii_lowercase();
        p.expect_symbol("=")?;
        let value = p.value()?;
        return Ok(Statement::SetParameter {
            name,
            value,
            tenant: None,
        });
    }
    if p.accept_word("ARCHIVELOG") {
        return Ok(Statement::Archivelog {
            enable: true,
            tenants: Vec::new(),
        });
    }
    if p.accept_word("NOARCHIVELOG") {
        return Ok(Statement::Archivelog {
            enable: false,
            tenants: Vec::new(),
        });
    }
    if p.accept_word("BACKUP") {
        let incremental = p.accept_word("INCREMENTAL");
        if p.accept_word("DATABASE") {
            return Ok(Statement::Backup(BackupRequest {
                incremental,
                tenants: None,
                plus_archivelog: false,
                description: None,
                to: None,
            }));
        }
        // 3.2.1 Enterprise: `BACKUP TENANT t1,t2 TO 'uri'`, a full snapshot of those tenants.
        if release.tenant_backup && !incremental && p.accept_word("TENANT") {
            let mut tenants = vec![p.name()?];
            while p.accept_symbol(",") {
                tenants.push(p.name()?);
            }
            p.expect_word("TO")?;
            let to = Some(p.string()?);
            return Ok(Statement::Backup(BackupRequest {
                incremental: false,
                tenants: Some(tenants),
                plus_archivelog: false,
                description: None,
                to,
            }));
        }
        return Err(p.error_here());
    }
    if p.accept_words(&["CANCEL", "BACKUP"]) {
        return Ok(Statement::CancelBackup { tenant: None });
    }
    if p.accept_word("RESTORE") {
        let tenant = p.name()?;
        p.expect_word("FROM")?;
        let source_tenant = p.name()?;
        let uri = if p.accept_word("AT") { Some(p.string()?) } else { None };
        let until = if p.accept_word("UNTIL") {
            Some(p.string()?)
        } else if release.tenant_backup {
            None
        } else {
            return Err(p.error_here());
        };
        p.expect_word("WITH")?;
        let options = p.string()?;
        let _ = p.accept_word("PREVIEW");
        return Ok(Statement::Restore3(Restore3Request {
            tenant,
            source_tenant,
            uri,
            until,
            options,
        }));
    }
    Err(p.error_here())
}

fn parse_backup(p: &mut Parser<'_>) -> SqlResult<Statement> {
    let incremental = p.accept_word("INCREMENTAL");
    let tenants = if p.accept_word("DATABASE") {
        None
    } else if p.peek().is_some_and(|t| t.is_word("TENANT")) {
        Some(tenant_list_clause(p)?)
    } else {
        return Err(p.error_here());
    };
    let mut plus_archivelog = false;
    let mut description = None;
    loop {
        if p.accept_words(&["PLUS", "ARCHIVELOG"]) {
            plus_archivelog = true;
        } else if p.accept_word("DESCRIPTION") {
            p.accept_symbol("=");
            description = Some(p.string()?);
        } else {
            break;
        }
    }
    Ok(Statement::Backup(BackupRequest {
        incremental,
        tenants,
        plus_archivelog,
        description,
        to: None,
    }))
}

fn parse_restore(p: &mut Parser<'_>, release: Release) -> SqlResult<Statement> {
    let tenant = p.name()?;
    p.expect_word("FROM")?;
    let uris = p.string()?;
    let until = if p.accept_word("UNTIL") {
        if p.accept_word("TIME") {
            p.accept_symbol("=");
            Some(Until::Time(p.string()?))
        } else if release.until_scn && p.accept_word("SCN") {
            p.accept_symbol("=");
            Some(Until::Scn(p.value()?))
        } else {
            return Err(p.error_here());
        }
    } else {
        None
    };
    p.expect_word("WITH")?;
    let options = p.string()?;
    let description = if p.accept_word("DESCRIPTION") {
        p.accept_symbol("=");
        Some(p.string()?)
    } else {
        None
    };
    Ok(Statement::Restore(RestoreRequest {
        tenant,
        uris,
        until,
        options,
        description,
    }))
}

fn parse_create_resource(p: &mut Parser<'_>) -> SqlResult<Statement> {
    let unit = if p.accept_word("UNIT") {
        true
    } else {
        p.expect_word("POOL")?;
        false
    };
    let if_not_exists = p.accept_words(&["IF", "NOT", "EXISTS"]);
    let name = p.name()?;
    if unit {
        let mut options = Vec::new();
        while !p.at_end() {
            let key = p.name()?.to_ascii_uppercase();
            p.accept_symbol("=");
            options.push((key, p.value()?));
            p.accept_symbol(",");
        }
        return Ok(Statement::CreateUnit(UnitSpec {
            name,
            if_not_exists,
            options,
        }));
    }
    let mut spec = PoolSpec {
        name,
        if_not_exists,
        unit: None,
        unit_num: None,
        zones: None,
    };
    while !p.at_end() {
        let key = p.name()?.to_ascii_uppercase();
        p.accept_symbol("=");
        match key.as_str() {
            "UNIT" => spec.unit = Some(p.value()?),
            "UNIT_NUM" => spec.unit_num = Some(p.value()?),
            "ZONE_LIST" => {
                p.expect_symbol("(")?;
                let mut zones = vec![p.value()?];
                while p.accept_symbol(",") {
                    zones.push(p.value()?);
                }
                p.expect_symbol(")")?;
                spec.zones = Some(zones);
            }
            // Accepted and ignored: every replica here is FULL.
            "REPLICA_TYPE" => {
                p.value()?;
            }
            _ => return Err(errors::invalid_argument(&key)),
        }
        p.accept_symbol(",");
    }
    Ok(Statement::CreatePool(spec))
}
