//! Tokenizer for the MySQL dialect OceanBase speaks.
//!
//! Keywords are not distinguished from identifiers here: the parser compares words
//! case-insensitively. String literals are decoded with MySQL's escapes, so a quote
//! escaped inside a literal can never end it early.

/// What a token is; its decoded text is in [`Token::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A keyword or a plain identifier.
    Word,
    /// An identifier written in backquotes (text is unquoted).
    QuotedIdent,
    /// A string literal in single or double quotes (text is decoded).
    Str,
    /// A numeric literal (text as written).
    Number,
    /// Punctuation or an operator.
    Symbol,
    /// `@@[scope.]name` (text is what follows `@@`).
    SysVar,
    /// `@name` (text is what follows `@`).
    UserVar,
    /// `?`, a prepared-statement parameter.
    Placeholder,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
    /// Byte offsets of the token in the statement text, for error messages.
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// True for a word equal to `keyword`, ignoring case.
    pub fn is_word(&self, keyword: &str) -> bool {
        self.kind == TokenKind::Word && self.text.eq_ignore_ascii_case(keyword)
    }

    pub fn is_symbol(&self, symbol: &str) -> bool {
        self.kind == TokenKind::Symbol && self.text == symbol
    }

    /// A name: a plain word or a backquoted identifier.
    pub fn is_name(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::QuotedIdent)
    }
}

/// Where tokenizing stopped: the byte offset of the offending text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexError {
    pub position: usize,
}

const MULTI_CHAR_SYMBOLS: [&str; 8] = ["<=>", "<=", ">=", "<>", "!=", ":=", "||", "&&"];

pub fn tokenize(sql: &str) -> Result<Vec<Token>, LexError> {
    let bytes = sql.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // Comments: `-- ` (MySQL requires whitespace after the dashes), `#`, `/* */`.
        let dash_comment =
            c == b'-' && bytes.get(i + 1) == Some(&b'-') && bytes.get(i + 2).is_none_or(|b| b.is_ascii_whitespace());
        if dash_comment || c == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            match sql[i + 2..].find("*/") {
                Some(end) => i = i + 2 + end + 2,
                None => return Err(LexError { position: i }),
            }
            continue;
        }
        let start = i;
        let token = match c {
            b'\'' | b'"' => {
                let (text, end) = string_literal(sql, i)?;
                i = end;
                Token {
                    kind: TokenKind::Str,
                    text,
                    start,
                    end,
                }
            }
            b'`' => {
                let (text, end) = quoted_identifier(sql, i)?;
                i = end;
                Token {
                    kind: TokenKind::QuotedIdent,
                    text,
                    start,
                    end,
                }
            }
            b'@' => {
                let system = bytes.get(i + 1) == Some(&b'@');
                let name_start = if system { i + 2 } else { i + 1 };
                let (text, end) = if bytes.get(name_start) == Some(&b'`') {
                    quoted_identifier(sql, name_start)?
                } else if !system && matches!(bytes.get(name_start), Some(b'\'' | b'"')) {
                    string_literal(sql, name_start)?
                } else {
                    let end = scan_while(bytes, name_start, |b| is_word_byte(b) || b == b'.');
                    if end == name_start {
                        return Err(LexError { position: i });
                    }
                    (sql[name_start..end].to_string(), end)
                };
                i = end;
                Token {
                    kind: if system { TokenKind::SysVar } else { TokenKind::UserVar },
                    text,
                    start,
                    end,
                }
            }
            b'?' => {
                i += 1;
                Token {
                    kind: TokenKind::Placeholder,
                    text: "?".to_string(),
                    start,
                    end: i,
                }
            }
            b'0'..=b'9' => {
                let end = number_end(bytes, i);
                // MySQL allows identifiers that start with digits (`1abc`).
                let end = if bytes.get(end).is_some_and(|&b| is_word_byte(b)) {
                    let word_end = scan_while(bytes, end, is_word_byte);
                    i = word_end;
                    tokens.push(Token {
                        kind: TokenKind::Word,
                        text: sql[start..word_end].to_string(),
                        start,
                        end: word_end,
                    });
                    continue;
                } else {
                    end
                };
                i = end;
                Token {
                    kind: TokenKind::Number,
                    text: sql[start..end].to_string(),
                    start,
                    end,
                }
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) && !tokens.last().is_some_and(Token::is_name) => {
                let end = number_end(bytes, i);
                i = end;
                Token {
                    kind: TokenKind::Number,
                    text: sql[start..end].to_string(),
                    start,
                    end,
                }
            }
            _ if is_word_byte(c) => {
                let end = scan_while(bytes, i, is_word_byte);
                i = end;
                Token {
                    kind: TokenKind::Word,
                    text: sql[start..end].to_string(),
                    start,
                    end,
                }
            }
            _ => {
                let symbol = MULTI_CHAR_SYMBOLS
                    .iter()
                    .find(|s| sql[i..].starts_with(**s))
                    .map(|s| s.len())
                    .unwrap_or(1);
                if !c.is_ascii() || !b"(),;=<>+-*/%.!~&|^:".contains(&c) {
                    return Err(LexError { position: i });
                }
                i += symbol;
                Token {
                    kind: TokenKind::Symbol,
                    text: sql[start..i].to_string(),
                    start,
                    end: i,
                }
            }
        };
        tokens.push(token);
    }
    Ok(tokens)
}

/// Letters, digits, `_`, `$` and any non-ASCII byte (identifiers may be UTF-8).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn scan_while(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

fn number_end(bytes: &[u8], from: usize) -> usize {
    let mut i = scan_while(bytes, from, |b| b.is_ascii_digit());
    if bytes.get(i) == Some(&b'.') {
        i = scan_while(bytes, i + 1, |b| b.is_ascii_digit());
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            i = scan_while(bytes, j, |b| b.is_ascii_digit());
        }
    }
    i
}

/// Decodes a quoted string starting at `start` (the opening quote). Returns the text and
/// the offset just past the closing quote.
fn string_literal(sql: &str, start: usize) -> Result<(String, usize), LexError> {
    let quote = sql.as_bytes()[start] as char;
    let mut text = String::new();
    let mut chars = sql[start + 1..].char_indices();
    while let Some((offset, c)) = chars.next() {
        let at = start + 1 + offset;
        if c == '\\' {
            let Some((_, escaped)) = chars.next() else {
                return Err(LexError { position: start });
            };
            match escaped {
                '0' => text.push('\0'),
                'b' => text.push('\u{8}'),
                'n' => text.push('\n'),
                'r' => text.push('\r'),
                't' => text.push('\t'),
                'Z' => text.push('\u{1a}'),
                // MySQL keeps the backslash before % and _ so LIKE patterns still work.
                '%' | '_' => {
                    text.push('\\');
                    text.push(escaped);
                }
                other => text.push(other),
            }
        } else if c == quote {
            if sql[at + 1..].starts_with(quote) {
                text.push(quote);
                chars.next();
            } else {
                return Ok((text, at + 1));
            }
        } else {
            text.push(c);
        }
    }
    Err(LexError { position: start })
}

fn quoted_identifier(sql: &str, start: usize) -> Result<(String, usize), LexError> {
    let mut text = String::new();
    let mut chars = sql[start + 1..].char_indices();
    while let Some((offset, c)) = chars.next() {
        let at = start + 1 + offset;
        if c == '`' {
            if sql[at + 1..].starts_with('`') {
                text.push('`');
                chars.next();
            } else {
                return Ok((text, at + 1));
            }
        } else {
            text.push(c);
        }
    }
    Err(LexError { position: start })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str) -> Vec<(TokenKind, String)> {
        tokenize(sql)
            .expect("tokenizes")
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn an_escaped_quote_does_not_end_the_literal() {
        let tokens = kinds(r"SET x = 'a\' ; DROP TENANT t1 -- '");
        assert_eq!(tokens.len(), 4);
        assert_eq!(tokens[3], (TokenKind::Str, "a' ; DROP TENANT t1 -- ".to_string()));
    }

    #[test]
    fn mysql_escapes_and_doubled_quotes_are_decoded() {
        let tokens = kinds(r"'it''s' 'a\\b' '\n\0\r\t\Z' '\%'");
        let texts: Vec<_> = tokens.into_iter().map(|t| t.1).collect();
        assert_eq!(texts, ["it's", r"a\b", "\n\0\r\t\u{1a}", r"\%"]);
    }

    #[test]
    fn comments_are_skipped_and_symbols_split() {
        let tokens = kinds("SELECT a<=b -- note\n, `x``y` # more\n /* c */ FROM t");
        let texts: Vec<_> = tokens.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(texts, ["SELECT", "a", "<=", "b", ",", "x`y", "FROM", "t"]);
    }

    #[test]
    fn variables_and_placeholders() {
        let tokens = kinds("SELECT @@session.time_zone, @a, ?");
        assert_eq!(tokens[1], (TokenKind::SysVar, "session.time_zone".into()));
        assert_eq!(tokens[3], (TokenKind::UserVar, "a".into()));
        assert_eq!(tokens[5].0, TokenKind::Placeholder);
    }

    #[test]
    fn unterminated_literal_is_an_error_at_its_quote() {
        assert_eq!(tokenize("SELECT 'abc"), Err(LexError { position: 7 }));
        assert_eq!(tokenize(r"SELECT 'abc\'"), Err(LexError { position: 7 }));
    }
}
