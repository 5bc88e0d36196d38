//! The SQL lexer: turns one statement into tokens that remember where they were typed (byte
//! offsets for the 1064 `near '...'` text and the expression column headers, 1-based lines for
//! `at line n`).
//!
//! Lexing never fails. Anything that cannot start a token (an unterminated string, backquoted
//! identifier or comment, or a stray character such as `@`) becomes one final
//! [`TokenKind::Invalid`] token, so the parser reports the error where OceanBase's bison parser
//! would: only when it reaches that point, and not at all if the statement is already wrong
//! earlier.

/// One token and where it was typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// 1-based line of the first character.
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// An unquoted word, as typed: keywords are recognised by the parser, case-insensitively,
    /// because most of OceanBase's keywords are also valid identifiers.
    Word(String),
    /// A `` `backquoted` `` identifier, with doubled backquotes collapsed.
    QuotedIdent(String),
    /// A `'single'` or `"double"` quoted string, with escapes resolved.
    String(String),
    /// An unsigned integer or decimal exactly as typed (`5`, `1.50`, `.5`); a sign is a separate
    /// token.
    Number(String),
    Symbol(Symbol),
    /// Input that cannot be lexed; it runs to the end of the input and is always the last token.
    Invalid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Eq,
    /// `<>` or `!=`
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    Semicolon,
    /// `:` of RECOVER TABLE's REMAP items (`db.t:t2`).
    Colon,
}

/// Splits `sql` into tokens. Whitespace and comments (`-- `, `#`, `/* */`, including
/// `/*+ hints */`) are dropped.
pub fn tokenize(sql: &str) -> Vec<Token> {
    Lexer::new(sql).run()
}

/// Characters that may continue an unquoted identifier. MySQL allows any non-ASCII character
/// in identifiers, and OceanBase's own view names contain `$` (`GV$OB_PARAMETERS`).
fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

pub(crate) fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

struct Lexer<'a> {
    src: &'a str,
    /// Indexing characters rather than bytes keeps every slice on a character boundary.
    chars: Vec<(usize, char)>,
    index: usize,
    tokens: Vec<Token>,
    line: usize,
    /// Character index up to which newlines have been counted into `line`.
    line_counted_to: usize,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            chars: src.char_indices().collect(),
            index: 0,
            tokens: Vec::new(),
            line: 1,
            line_counted_to: 0,
        }
    }

    fn char_at(&self, index: usize) -> Option<char> {
        self.chars.get(index).map(|&(_, c)| c)
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.char_at(self.index.saturating_add(ahead))
    }

    fn byte_offset(&self, index: usize) -> usize {
        self.chars
            .get(index)
            .map_or(self.src.len(), |&(offset, _)| offset)
    }

    /// Line of the character at `index`; indices only grow, so counting is linear overall.
    fn line_at(&mut self, index: usize) -> usize {
        if index > self.line_counted_to {
            let newlines = self
                .chars
                .get(self.line_counted_to..index)
                .unwrap_or(&[])
                .iter()
                .filter(|&&(_, c)| c == '\n')
                .count();
            self.line += newlines;
            self.line_counted_to = index;
        }
        self.line
    }

    fn run(mut self) -> Vec<Token> {
        loop {
            if let Err(comment_start) = self.skip_blanks_and_comments() {
                self.push_invalid(comment_start);
                break;
            }
            let Some(c) = self.peek(0) else { break };
            let start = self.index;
            match self.lex_token(c) {
                Some(kind) => self.push(kind, start),
                None => {
                    self.push_invalid(start);
                    break;
                }
            }
        }
        self.tokens
    }

    fn push(&mut self, kind: TokenKind, start_index: usize) {
        let line = self.line_at(start_index);
        let start = self.byte_offset(start_index);
        let end = self.byte_offset(self.index);
        self.tokens.push(Token {
            kind,
            start,
            end,
            line,
        });
    }

    fn push_invalid(&mut self, start_index: usize) {
        self.index = self.chars.len();
        self.push(TokenKind::Invalid, start_index);
    }

    /// Skips whitespace and comments; `Err` holds the start of an unterminated block comment.
    fn skip_blanks_and_comments(&mut self) -> Result<(), usize> {
        loop {
            match (self.peek(0), self.peek(1), self.peek(2)) {
                (Some(c), _, _) if is_blank(c) => self.index += 1,
                (Some('#'), _, _) => self.skip_line(),
                // MySQL only starts a comment at `--` followed by a blank or control character,
                // so `1--1` stays arithmetic.
                (Some('-'), Some('-'), after)
                    if after.is_none_or(|c| c.is_ascii_control() || is_blank(c)) =>
                {
                    self.skip_line()
                }
                (Some('/'), Some('*'), _) => {
                    let start = self.index;
                    let mut index = start + 2;
                    loop {
                        match (self.char_at(index), self.char_at(index + 1)) {
                            (Some('*'), Some('/')) => break,
                            (Some(_), _) => index += 1,
                            (None, _) => return Err(start),
                        }
                    }
                    self.index = index + 2;
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            self.index += 1;
        }
    }

    /// Lexes the token starting at the current character; `None` when it cannot be lexed.
    fn lex_token(&mut self, c: char) -> Option<TokenKind> {
        match c {
            '\'' | '"' => self.lex_string(c).map(TokenKind::String),
            '`' => self.lex_backquoted().map(TokenKind::QuotedIdent),
            '0'..='9' => Some(self.lex_number_or_word()),
            '.' if self.peek(1).is_some_and(|c| c.is_ascii_digit()) && !self.follows_name() => {
                Some(self.lex_number_or_word())
            }
            c if is_identifier_char(c) => {
                let start = self.index;
                self.take_while(is_identifier_char);
                Some(TokenKind::Word(self.text_from(start)))
            }
            _ => self.lex_symbol(c).map(TokenKind::Symbol),
        }
    }

    /// After a name, `.5` is a qualifier dot followed by a name part, not the number 0.5.
    fn follows_name(&self) -> bool {
        let previous_end = self.tokens.last().map(|token| token.end);
        let here = self.byte_offset(self.index);
        matches!(
            self.tokens.last(),
            Some(Token {
                kind: TokenKind::Word(_) | TokenKind::QuotedIdent(_),
                ..
            })
        ) && previous_end == Some(here)
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) {
        while self.peek(0).is_some_and(&keep) {
            self.index += 1;
        }
    }

    fn text_from(&self, start_index: usize) -> String {
        let start = self.byte_offset(start_index);
        let end = self.byte_offset(self.index);
        self.src.get(start..end).unwrap_or_default().to_string()
    }

    fn lex_number_or_word(&mut self) -> TokenKind {
        let start = self.index;
        self.take_while(|c| c.is_ascii_digit());
        let has_fraction =
            self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit());
        if has_fraction {
            self.index += 1;
            self.take_while(|c| c.is_ascii_digit());
        }
        // An exponent (`1e3`, `1.5E-2`, `.5e+1`): a DOUBLE literal, as MySQL lexes it.
        let digit_at = |i: usize| self.peek(i).is_some_and(|c| c.is_ascii_digit());
        let exponent_digits = match (self.peek(0), self.peek(1)) {
            (Some('e' | 'E'), Some('+' | '-')) if digit_at(2) => Some(2),
            (Some('e' | 'E'), _) if digit_at(1) => Some(1),
            _ => None,
        };
        if let Some(skip) = exponent_digits {
            let at = self.index;
            self.index += skip;
            self.take_while(|c| c.is_ascii_digit());
            if !self.peek(0).is_some_and(is_identifier_char) || has_fraction {
                return TokenKind::Number(self.text_from(start));
            }
            // `1e3abc` is a name, as `1abc` is.
            self.index = at;
        }
        if !has_fraction && self.peek(0).is_some_and(is_identifier_char) {
            // MySQL: an identifier may begin with digits (`1abc`) as long as it is not all digits.
            self.take_while(is_identifier_char);
            return TokenKind::Word(self.text_from(start));
        }
        TokenKind::Number(self.text_from(start))
    }

    /// A quoted string with MySQL's escapes: `\n`, `\t`, ... and a doubled quote for the quote.
    fn lex_string(&mut self, quote: char) -> Option<String> {
        let mut value = String::new();
        let mut index = self.index + 1;
        loop {
            let c = self.char_at(index)?;
            if c == quote {
                if self.char_at(index + 1) == Some(quote) {
                    value.push(quote);
                    index += 2;
                    continue;
                }
                self.index = index + 1;
                return Some(value);
            }
            if c == '\\' {
                let escaped = self.char_at(index + 1)?;
                match escaped {
                    '0' => value.push('\0'),
                    'b' => value.push('\x08'),
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    't' => value.push('\t'),
                    'Z' => value.push('\x1a'),
                    // Kept escaped so that LIKE patterns can still tell a literal `%`/`_`.
                    '%' | '_' => {
                        value.push('\\');
                        value.push(escaped);
                    }
                    other => value.push(other),
                }
                index += 2;
                continue;
            }
            value.push(c);
            index += 1;
        }
    }

    fn lex_backquoted(&mut self) -> Option<String> {
        let mut value = String::new();
        let mut index = self.index + 1;
        loop {
            let c = self.char_at(index)?;
            if c == '`' {
                if self.char_at(index + 1) == Some('`') {
                    value.push('`');
                    index += 2;
                    continue;
                }
                self.index = index + 1;
                return Some(value);
            }
            value.push(c);
            index += 1;
        }
    }

    fn lex_symbol(&mut self, c: char) -> Option<Symbol> {
        let next = self.peek(1);
        let (symbol, length) = match (c, next) {
            ('<', Some('>')) => (Symbol::NotEq, 2),
            ('!', Some('=')) => (Symbol::NotEq, 2),
            ('<', Some('=')) => (Symbol::LtEq, 2),
            ('>', Some('=')) => (Symbol::GtEq, 2),
            ('<', _) => (Symbol::Lt, 1),
            ('>', _) => (Symbol::Gt, 1),
            ('=', _) => (Symbol::Eq, 1),
            ('+', _) => (Symbol::Plus, 1),
            ('-', _) => (Symbol::Minus, 1),
            ('*', _) => (Symbol::Star, 1),
            ('/', _) => (Symbol::Slash, 1),
            ('%', _) => (Symbol::Percent, 1),
            ('(', _) => (Symbol::LeftParen, 1),
            (')', _) => (Symbol::RightParen, 1),
            (',', _) => (Symbol::Comma, 1),
            ('.', _) => (Symbol::Dot, 1),
            (';', _) => (Symbol::Semicolon, 1),
            (':', _) => (Symbol::Colon, 1),
            _ => return None,
        };
        self.index += length;
        Some(symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str) -> Vec<TokenKind> {
        tokenize(sql).into_iter().map(|token| token.kind).collect()
    }

    fn word(text: &str) -> TokenKind {
        TokenKind::Word(text.to_string())
    }

    fn string(text: &str) -> TokenKind {
        TokenKind::String(text.to_string())
    }

    fn number(text: &str) -> TokenKind {
        TokenKind::Number(text.to_string())
    }

    #[test]
    fn words_keep_their_spelling_and_may_contain_dollar_and_underscores() {
        assert_eq!(
            kinds("select * From oceanbase.GV$OB_PARAMETERS, __all_virtual_x"),
            vec![
                word("select"),
                TokenKind::Symbol(Symbol::Star),
                word("From"),
                word("oceanbase"),
                TokenKind::Symbol(Symbol::Dot),
                word("GV$OB_PARAMETERS"),
                TokenKind::Symbol(Symbol::Comma),
                word("__all_virtual_x"),
            ]
        );
    }

    #[test]
    fn non_ascii_letters_belong_to_identifiers() {
        assert_eq!(kinds("租户1 x"), vec![word("租户1"), word("x")]);
    }

    #[test]
    fn backquoted_identifiers_collapse_doubled_backquotes() {
        assert_eq!(
            kinds("`a``b` `all`"),
            vec![
                TokenKind::QuotedIdent("a`b".to_string()),
                TokenKind::QuotedIdent("all".to_string())
            ]
        );
    }

    #[test]
    fn strings_resolve_escapes_and_doubled_quotes() {
        assert_eq!(
            kinds(r#"'it''s' "say ""hi""" 'a\'b' 'tab\there' 'x\\y' 'like\%' "q\"""#),
            vec![
                string("it's"),
                string("say \"hi\""),
                string("a'b"),
                string("tab\there"),
                string("x\\y"),
                string("like\\%"),
                string("q\""),
            ]
        );
    }

    #[test]
    fn a_double_quote_inside_single_quotes_is_plain_text() {
        assert_eq!(kinds(r#"'a"b'"#), vec![string("a\"b")]);
    }

    #[test]
    fn numbers_are_unsigned_and_kept_as_typed() {
        assert_eq!(
            kinds("5 -1 1.50 .5 007"),
            vec![
                number("5"),
                TokenKind::Symbol(Symbol::Minus),
                number("1"),
                number("1.50"),
                number(".5"),
                number("007"),
            ]
        );
    }

    #[test]
    fn digits_followed_by_letters_are_an_identifier() {
        assert_eq!(kinds("1abc"), vec![word("1abc")]);
        assert_eq!(kinds("1e3abc 1e"), vec![word("1e3abc"), word("1e")]);
    }

    #[test]
    fn exponents_make_double_literals() {
        assert_eq!(
            kinds("1e3 1.5E-2 .5e+1 2E0"),
            vec![
                number("1e3"),
                number("1.5E-2"),
                number(".5e+1"),
                number("2E0")
            ]
        );
        // A sign without digits after it is not part of the number.
        assert_eq!(
            kinds("1e+ x"),
            vec![word("1e"), TokenKind::Symbol(Symbol::Plus), word("x")]
        );
    }

    #[test]
    fn a_dot_after_a_name_is_a_qualifier_not_a_decimal_point() {
        assert_eq!(
            kinds("t.5"),
            vec![word("t"), TokenKind::Symbol(Symbol::Dot), number("5")]
        );
    }

    #[test]
    fn operators() {
        use Symbol::*;
        let symbols: Vec<TokenKind> = [
            Eq, NotEq, NotEq, Lt, LtEq, Gt, GtEq, Plus, Minus, Star, Slash, Percent, LeftParen,
            RightParen, Comma, Dot, Semicolon,
        ]
        .into_iter()
        .map(TokenKind::Symbol)
        .collect();
        assert_eq!(kinds("= <> != < <= > >= + - * / % ( ) , . ;"), symbols);
    }

    #[test]
    fn comments_are_skipped_including_hints() {
        assert_eq!(
            kinds("ALTER /*+ hint */ SYSTEM -- trailing\n# hash\n SET /* multi\nline */ x"),
            vec![word("ALTER"), word("SYSTEM"), word("SET"), word("x")]
        );
    }

    #[test]
    fn double_dash_without_a_blank_is_two_minus_signs() {
        assert_eq!(
            kinds("1--1"),
            vec![
                number("1"),
                TokenKind::Symbol(Symbol::Minus),
                TokenKind::Symbol(Symbol::Minus),
                number("1")
            ]
        );
        assert_eq!(kinds("1 --"), vec![number("1")]);
    }

    #[test]
    fn offsets_and_lines_point_at_the_token() {
        let tokens = tokenize("SELECT\n  'a\nb'\n, x");
        let positions: Vec<(usize, usize, usize)> =
            tokens.iter().map(|t| (t.start, t.end, t.line)).collect();
        assert_eq!(
            positions,
            vec![(0, 6, 1), (9, 14, 2), (15, 16, 4), (17, 18, 4)]
        );
    }

    #[test]
    fn unterminated_input_becomes_one_final_invalid_token() {
        for (sql, start) in [
            ("SELECT 'abc", 7),
            ("SELECT \"abc", 7),
            ("SELECT 'abc\\", 7),
            ("SELECT `abc", 7),
            ("SELECT /* abc", 7),
            ("SELECT @x, 1", 7),
            ("SELECT 1 ! 2", 9),
        ] {
            let tokens = tokenize(sql);
            let last = tokens.last().cloned();
            assert_eq!(
                last,
                Some(Token {
                    kind: TokenKind::Invalid,
                    start,
                    end: sql.len(),
                    line: 1
                }),
                "{sql}"
            );
        }
    }

    #[test]
    fn empty_and_blank_input_have_no_tokens() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \n\t -- only a comment").is_empty());
    }
}
