//! Hints: what a console may show under a statement's output to a learner, beside what
//! OceanBase printed (never inside it). The engine decides *whether* a hint applies and with
//! which names; each console words it in its own language (the page's texts, the `obsim`
//! command's).
//!
//! Invariant: hints never change what a statement prints or does; they are computed from the
//! statement, its error and the cluster's state after it, so a replay gives the same hints.

use crate::archive::LogMode;
use crate::cluster::Cluster;
use crate::error::ObError;
use serde::{Deserialize, Serialize};

/// Something the console adds, as one dim line under the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hint {
    /// A backup could not start because these tenants' archive rounds are still on their way
    /// to DOING: simulated time has to pass.
    ArchivePending { tenants: Vec<String> },
    /// A backup could not start because log archiving is off for these tenants.
    ArchiveOff { tenants: Vec<String> },
    /// OceanBase rejects the order of clauses the docs print; this is the accepted form.
    AcceptedForm { statement: String },
    /// `exit` / `quit`: obclient would end here; a console that stays open says so.
    CannotExit,
}

/// The hint for a statement that failed with `error`, if any, given the cluster after it and the
/// tenant the session is logged on to.
pub fn after_error(c: &Cluster, tenant_id: u64, text: &str, error: &ObError) -> Option<Hint> {
    if error.errno == 1064 {
        return accepted_backup_form(text).map(|statement| Hint::AcceptedForm { statement });
    }
    let archive = error.errno == 9040
        && (error.message.contains("log archive status is not doing")
            || error
                .message
                .contains("no tenant meets the backup condition"));
    if !archive {
        return None;
    }
    let (mut pending, mut off) = (Vec::new(), Vec::new());
    for t in c.user_tenants() {
        if tenant_id != crate::cluster::SYS_TENANT_ID && t.id != tenant_id {
            continue;
        }
        let Some(a) = c.archive.get(&t.id) else {
            continue;
        };
        if a.log_mode == LogMode::ArchiveLog {
            if !a.is_doing() {
                pending.push(t.name.clone());
            }
        } else {
            off.push(t.name.clone());
        }
    }
    if !pending.is_empty() {
        Some(Hint::ArchivePending { tenants: pending })
    } else if !off.is_empty() {
        Some(Hint::ArchiveOff { tenants: off })
    } else {
        None
    }
}

/// Words and quoted strings of a statement (quotes kept), `,` and `=` on their own.
fn tokens(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '\'' || c == '"' {
            let mut s = String::from(c);
            chars.next();
            let mut closed = false;
            for d in chars.by_ref() {
                s.push(d);
                if d == c {
                    closed = true;
                    break;
                }
            }
            if !closed {
                return None;
            }
            out.push(s);
        } else if c == ',' || c == '=' {
            out.push(c.to_string());
            chars.next();
        } else {
            let mut s = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() || matches!(d, ',' | '=' | '\'' | '"') {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(s);
        }
    }
    Some(out)
}

/// `ALTER SYSTEM BACKUP ...` with its clauses in the one order OceanBase accepts, when the text
/// has every clause once but in another order (the English docs print `... PLUS ARCHIVELOG
/// TENANT = ...`, which is a 1064), and the reordered statement parses.
pub fn accepted_backup_form(text: &str) -> Option<String> {
    let t = tokens(text)?;
    let upper: Vec<String> = t.iter().map(|w| w.to_ascii_uppercase()).collect();
    let head = ["ALTER", "SYSTEM", "BACKUP"];
    if upper.len() < 4 || upper[..3] != head {
        return None;
    }
    let mut inc = false;
    let mut target: Option<String> = None;
    let mut to: Option<String> = None;
    let mut plus = false;
    let mut desc: Option<String> = None;
    let mut i = 3;
    // The value after an optional `=`.
    let value = |i: &mut usize| -> Option<String> {
        if upper.get(*i).map(String::as_str) == Some("=") {
            *i += 1;
        }
        let v = t.get(*i)?.clone();
        *i += 1;
        Some(v)
    };
    while i < t.len() {
        match upper[i].as_str() {
            "INCREMENTAL" if !inc => {
                inc = true;
                i += 1;
            }
            "DATABASE" if target.is_none() => {
                target = Some("DATABASE".into());
                i += 1;
            }
            "TENANT" if target.is_none() => {
                i += 1;
                let mut names = vec![value(&mut i)?];
                while upper.get(i).map(String::as_str) == Some(",") {
                    i += 1;
                    names.push(t.get(i)?.clone());
                    i += 1;
                }
                target = Some(format!("TENANT = {}", names.join(", ")));
            }
            "TO" if to.is_none() => {
                i += 1;
                to = Some(format!("TO = {}", value(&mut i)?));
            }
            "PLUS" if !plus && upper.get(i + 1).map(String::as_str) == Some("ARCHIVELOG") => {
                plus = true;
                i += 2;
            }
            "DESCRIPTION" if desc.is_none() => {
                i += 1;
                desc = Some(format!("DESCRIPTION = {}", value(&mut i)?));
            }
            _ => return None,
        }
    }
    let mut parts = vec!["ALTER SYSTEM BACKUP".to_string()];
    if inc {
        parts.push("INCREMENTAL".into());
    }
    parts.push(target?);
    parts.extend(to);
    if plus {
        parts.push("PLUS ARCHIVELOG".into());
    }
    parts.extend(desc);
    let statement = parts.join(" ");
    crate::sql::parser::parse_statement(&statement).ok()?;
    Some(format!("{statement};"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::Shell;

    #[test]
    fn the_docs_plus_archivelog_order_gets_the_accepted_form() {
        assert_eq!(
            accepted_backup_form("ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant")
                .as_deref(),
            Some("ALTER SYSTEM BACKUP TENANT = mysql_tenant PLUS ARCHIVELOG;")
        );
        assert_eq!(
            accepted_backup_form(
                "alter system backup incremental plus archivelog tenant = a,b description 'x y'"
            )
            .as_deref(),
            Some(
                "ALTER SYSTEM BACKUP INCREMENTAL TENANT = a, b PLUS ARCHIVELOG DESCRIPTION = 'x y';"
            )
        );
        assert_eq!(
            accepted_backup_form("ALTER SYSTEM BACKUP DATABASE INCREMENTAL").as_deref(),
            Some("ALTER SYSTEM BACKUP INCREMENTAL DATABASE;")
        );
        for no in [
            "ALTER SYSTEM BACKUP PLUS ARCHIVELOG",
            "ALTER SYSTEM BACKUP DATABASE DATABASE",
            "ALTER SYSTEM BACKUP FOO",
            "SELECT 1",
            "ALTER SYSTEM BACKUP TENANT = 'x",
        ] {
            assert_eq!(accepted_backup_form(no), None, "{no}");
        }
    }

    #[test]
    fn errors_keep_oceanbase_text_and_carry_the_hint_beside_it() {
        let mut sh = Shell::new(42);
        let (e, _) = sh.run("ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;\n");
        assert!(
            e[0].output.starts_with("ERROR 1064 (42000)"),
            "{}",
            e[0].output
        );
        assert!(!e[0].output.contains("PLUS ARCHIVELOG;"));
        assert_eq!(
            e[0].hint,
            Some(Hint::AcceptedForm {
                statement: "ALTER SYSTEM BACKUP TENANT = mysql_tenant PLUS ARCHIVELOG;".into()
            })
        );
        // Archiving off, then on but not DOING yet: two hints; DOING after a few seconds.
        let (e, _) = sh.run("ALTER SYSTEM BACKUP DATABASE;\n");
        assert!(e[0].output.starts_with("ERROR 9040"), "{}", e[0].output);
        sh.run(
            "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a' TENANT = mysql_tenant;\n\
             ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d' TENANT = mysql_tenant;\n",
        );
        let (e, _) = sh.run("ALTER SYSTEM BACKUP TENANT = mysql_tenant;\n");
        assert_eq!(
            e[0].output,
            "ERROR 9040 (HY000): backup can not start, because log archive status is not doing.\n"
        );
        assert_eq!(
            e[0].hint,
            Some(Hint::ArchiveOff {
                tenants: vec!["mysql_tenant".into(), "oracle_tenant".into()]
            })
        );
        sh.run("ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;\n");
        let (e, _) = sh.run("ALTER SYSTEM BACKUP TENANT = mysql_tenant;\n");
        assert_eq!(
            e[0].hint,
            Some(Hint::ArchivePending {
                tenants: vec!["mysql_tenant".into()]
            })
        );
        sh.cluster.advance(10_000_000);
        let (e, _) = sh.run("ALTER SYSTEM BACKUP TENANT = mysql_tenant;\n");
        assert!(e[0].output.starts_with("Query OK"), "{}", e[0].output);
        assert_eq!(e[0].hint, None);
        // A replay gives the same hints.
        let (_, again) = crate::replay::replay(&sh.log()).unwrap();
        assert_eq!(again.len(), 8);
    }
}
