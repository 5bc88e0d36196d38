//! The statements the dashboard buttons type into the console. Which form is valid depends on
//! who is connected: root@sys names the tenant (`TENANT = name`), a user tenant acts on itself,
//! and nobody else may act on a tenant.

use obsim::sql::session::Authority;

/// Shown on actions the current session may not run.
pub const NEEDS_SESSION: &str = "connect as root@sys or to this tenant";

/// Statement builder for one tenant as seen from the current session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt {
    pub actor: Authority,
    pub tenant: String,
}

impl Stmt {
    /// `head TENANT = name;` from sys, `head own_tail;` from the tenant itself.
    fn scoped(&self, head: &str, own_tail: &str) -> Option<String> {
        match self.actor {
            Authority::Sys => Some(format!("{head} TENANT = {};", self.tenant)),
            Authority::Own => Some(format!("{head}{own_tail};")),
            Authority::None => None,
        }
    }

    pub fn full_backup(&self) -> Option<String> {
        self.scoped("ALTER SYSTEM BACKUP", " DATABASE")
    }

    pub fn inc_backup(&self) -> Option<String> {
        self.scoped("ALTER SYSTEM BACKUP INCREMENTAL", " DATABASE")
    }

    pub fn cancel(&self) -> Option<String> {
        self.scoped("ALTER SYSTEM CANCEL BACKUP", "")
    }

    pub fn archive(&self, on: bool) -> Option<String> {
        let head = if on {
            "ALTER SYSTEM ARCHIVELOG"
        } else {
            "ALTER SYSTEM NOARCHIVELOG"
        };
        self.scoped(head, "")
    }

    /// `ALTER SYSTEM SET name = value [TENANT = t];` (`value` is already SQL).
    pub fn set(&self, name: &str, value: &str) -> Option<String> {
        self.scoped(&format!("ALTER SYSTEM SET {name} = {value}"), "")
    }

    pub fn data_dest(&self, uri: &str) -> Option<String> {
        self.set("DATA_BACKUP_DEST", &quote(uri))
    }

    pub fn archive_dest(&self, uri: &str) -> Option<String> {
        self.set("LOG_ARCHIVE_DEST", &quote(&format!("LOCATION={uri}")))
    }

    /// `ALTER SYSTEM ACTIVATE STANDBY TENANT name;` from sys, `ALTER SYSTEM ACTIVATE STANDBY;`
    /// from the standby itself (R§10.2).
    pub fn activate(&self) -> Option<String> {
        match self.actor {
            Authority::Sys => Some(format!(
                "ALTER SYSTEM ACTIVATE STANDBY TENANT {};",
                self.tenant
            )),
            Authority::Own => Some("ALTER SYSTEM ACTIVATE STANDBY;".into()),
            Authority::None => None,
        }
    }

    pub fn thread_score(&self, score: u8) -> Option<String> {
        self.set("ha_low_thread_score", &score.to_string())
    }
}

/// A SQL string literal: `'...'` with quotes doubled.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub fn default_data_dest(tenant: &str) -> String {
    format!("file:///data/nfs/backup/{tenant}/data")
}

pub fn default_archive_dest(tenant: &str) -> String {
    format!("file:///data/nfs/backup/{tenant}/archive")
}

/// A thread score typed into the number input, if it is one (0–100).
pub fn parse_score(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|s| *s <= 100)
}
