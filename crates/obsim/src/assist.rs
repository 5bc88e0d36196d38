//! Console assistance, independent of any UI: syntax highlighting spans and Tab completion of
//! keywords, tenant names, view and column names and parameter names.

use crate::cluster::{Cluster, TenantType};
use crate::params::PARAMS;
use crate::sql::exec::Session;
use crate::sql::lexer::{TokenKind, tokenize};
use crate::sql::views;

/// What a span of input is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanClass {
    Keyword,
    Identifier,
    String,
    Number,
    Operator,
    Comment,
    Plain,
}

impl SpanClass {
    pub fn css(self) -> &'static str {
        match self {
            SpanClass::Keyword => "kw",
            SpanClass::Identifier => "id",
            SpanClass::String => "str",
            SpanClass::Number => "num",
            SpanClass::Operator => "op",
            SpanClass::Comment => "com",
            SpanClass::Plain => "",
        }
    }
}

/// Words coloured as keywords and offered by completion.
pub const KEYWORDS: &[&str] = &[
    "ACTIVATE",
    "ADD",
    "ALL",
    "ALTER",
    "AND",
    "ARCHIVELOG",
    "AS",
    "ASC",
    "BACKUP",
    "BETWEEN",
    "BY",
    "CANCEL",
    "CLEAR",
    "CREATE",
    "DATABASE",
    "DATABASES",
    "DECRYPTION",
    "DELETE",
    "DESC",
    "DESCRIBE",
    "DESCRIPTION",
    "DISTINCT",
    "DROP",
    "ENCRYPTION",
    "EXISTS",
    "FROM",
    "GROUP",
    "HAVING",
    "IDENTIFIED",
    "IF",
    "IN",
    "INCREMENTAL",
    "INSERT",
    "INTO",
    "IS",
    "KEY",
    "LIKE",
    "LIMIT",
    "LOG_DISK_SIZE",
    "MAX_CPU",
    "MAX_IOPS",
    "MEMORY_SIZE",
    "MIN_CPU",
    "MIN_IOPS",
    "NOARCHIVELOG",
    "NOT",
    "NULL",
    "OFFSET",
    "ON",
    "ONLY",
    "OR",
    "ORDER",
    "PARAMETERS",
    "PLUS",
    "POLICY",
    "POOL",
    "PREVIEW",
    "PRIMARY",
    "RECOVER",
    "RECOVERY_WINDOW",
    "RESOURCE",
    "RESTORE",
    "SCN",
    "SELECT",
    "SET",
    "SHOW",
    "SOURCE",
    "STANDBY",
    "SYSTEM",
    "TABLE",
    "TABLES",
    "TENANT",
    "TENANTS",
    "TIME",
    "TRUNCATE",
    "UNIT",
    "UNIT_NUM",
    "UNLIMITED",
    "UNTIL",
    "UPDATE",
    "USE",
    "VALUES",
    "VERIFY",
    "WHERE",
    "WITH",
    "ZONE_LIST",
    "DATA_BACKUP_DEST",
    "LOG_ARCHIVE_DEST",
    "LOG_ARCHIVE_DEST_STATE",
    "LOG_RESTORE_SOURCE",
];

/// Coloured spans covering `text` exactly, in order (byte ranges).
pub fn highlight(text: &str) -> Vec<(std::ops::Range<usize>, SpanClass)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let gap = |out: &mut Vec<(std::ops::Range<usize>, SpanClass)>, from: usize, to: usize| {
        if from < to {
            let slice = text.get(from..to).unwrap_or("");
            let class = if slice.trim().is_empty() {
                SpanClass::Plain
            } else {
                SpanClass::Comment
            };
            out.push((from..to, class));
        }
    };
    for tok in tokenize(text) {
        let (start, end) = (tok.start.min(text.len()), tok.end.min(text.len()));
        if start < pos || end < start {
            continue;
        }
        gap(&mut out, pos, start);
        let class = match &tok.kind {
            TokenKind::Word(w) if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(w)) => {
                SpanClass::Keyword
            }
            TokenKind::Word(_) | TokenKind::QuotedIdent(_) => SpanClass::Identifier,
            TokenKind::String(_) => SpanClass::String,
            TokenKind::Number(_) => SpanClass::Number,
            TokenKind::Symbol(_) => SpanClass::Operator,
            TokenKind::Invalid => SpanClass::Plain,
        };
        out.push((start..end, class));
        pos = end;
    }
    gap(&mut out, pos, text.len());
    out
}

/// The result of Tab: replace `text[from..caret]` by one of `candidates` (sorted); `common` is
/// their longest common prefix (what a single Tab inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub from: usize,
    pub candidates: Vec<String>,
    pub common: String,
}

/// Completes the word that ends at `caret` (a byte offset on a char boundary).
pub fn complete(text: &str, caret: usize, cluster: &Cluster, session: &Session) -> Completion {
    let caret = (0..=caret.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..caret];
    let from = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '$')
        .last()
        .map_or(caret, |(i, _)| i);
    let prefix = &text[from..caret];
    if prefix.is_empty() {
        return Completion {
            from,
            candidates: Vec::new(),
            common: String::new(),
        };
    }
    let upper = prefix.to_ascii_uppercase();
    let lower_case = prefix.chars().all(|c| !c.is_ascii_uppercase());
    let mut words: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
    words.extend(
        cluster
            .tenants
            .iter()
            .filter(|t| t.tenant_type != TenantType::Meta)
            .map(|t| t.name.clone()),
    );
    words.extend(views::names(session.is_sys()));
    for v in views::names(session.is_sys()) {
        if let Some(r) = views::resolve(&v, session.is_sys()) {
            words.extend(r.column_defs().into_iter().map(|c| c.name.to_string()));
        }
    }
    words.extend(PARAMS.iter().map(|p| p.name.to_string()));
    let mut candidates: Vec<String> = words
        .into_iter()
        .filter(|w| w.to_ascii_uppercase().starts_with(&upper) && w.len() > prefix.len())
        .map(|w| {
            // Keywords and view names follow the case the user types; tenant and parameter
            // names keep their own.
            if lower_case && w.chars().all(|c| !c.is_ascii_lowercase()) {
                w.to_ascii_lowercase()
            } else {
                w
            }
        })
        .collect();
    crate::order::sort(&mut candidates);
    candidates.dedup();
    let common = match candidates.split_first() {
        None => String::new(),
        Some((first, rest)) => {
            let mut n = first.len();
            for c in rest {
                n = n.min(
                    first
                        .bytes()
                        .zip(c.bytes())
                        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
                        .count(),
                );
            }
            while !first.is_char_boundary(n) {
                n -= 1;
            }
            first[..n].to_string()
        }
    };
    Completion {
        from,
        candidates,
        common,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::Shell;

    #[test]
    fn highlight_covers_the_text_and_classifies_tokens() {
        let text = "SELECT job_id, 'x' FROM t -- c\nWHERE a = 1";
        let spans = highlight(text);
        let mut pos = 0;
        for (r, _) in &spans {
            assert_eq!(r.start, pos);
            pos = r.end;
        }
        assert_eq!(pos, text.len());
        let class_of = |s: &str| {
            spans
                .iter()
                .find(|(r, _)| &text[r.clone()] == s)
                .map(|x| x.1)
        };
        assert_eq!(class_of("SELECT"), Some(SpanClass::Keyword));
        assert_eq!(class_of("job_id"), Some(SpanClass::Identifier));
        assert_eq!(class_of("'x'"), Some(SpanClass::String));
        assert_eq!(class_of("1"), Some(SpanClass::Number));
        assert!(
            spans
                .iter()
                .any(|(r, c)| *c == SpanClass::Comment && text[r.clone()].contains("-- c"))
        );
    }

    #[test]
    fn highlight_survives_unterminated_and_multibyte_input() {
        for t in ["'abc", "/* x", "é ü 'ñ", "`q", ""] {
            let spans = highlight(t);
            assert_eq!(spans.last().map_or(0, |s| s.0.end), t.len());
        }
    }

    #[test]
    fn completion_offers_keywords_tenants_views_columns_and_parameters() {
        let sh = Shell::new(1);
        let c = |t: &str| complete(t, t.len(), &sh.cluster, &sh.session);
        assert_eq!(c("ALTER SYSTEM ARCHIVEL").candidates, ["ARCHIVELOG"]);
        assert_eq!(
            c("ALTER SYSTEM ARCH").candidates,
            ["ARCHIVELOG", "archive_lag_target"]
        );
        assert_eq!(c("alter system archivel").candidates, ["archivelog"]);
        assert!(
            c("BACKUP TENANT = mysql_")
                .candidates
                .contains(&"mysql_tenant".to_string())
        );
        let views = c("SELECT * FROM CDB_OB_BACKUP_J");
        assert_eq!(
            views.candidates,
            ["CDB_OB_BACKUP_JOBS", "CDB_OB_BACKUP_JOB_HISTORY"]
        );
        assert_eq!(views.common, "CDB_OB_BACKUP_JOB");
        assert!(
            c("SELECT MACRO_BL")
                .candidates
                .contains(&"MACRO_BLOCK_COUNT".to_string())
        );
        assert_eq!(c("SET ha_low").candidates, ["ha_low_thread_score"]);
        assert!(c("SELECT ").candidates.is_empty());
        assert_eq!(c("x é").from, 2);
    }
}
