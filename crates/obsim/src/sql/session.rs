//! The SQL session: who is logged on, in which tenant and mode, the current database, and the
//! session variables backup statements read (the SET ENCRYPTION digest, the SET DECRYPTION
//! digests). Invariant: a session always names an existing tenant, and its variables start
//! empty; only a new login (`Session::new`) resets them, as OceanBase forgets them per connection.

use crate::cluster::{SYS_TENANT_ID, Tenant};
use crate::compat::CompatMode;

/// A logged-on session: who, where, and the session variables backup statements read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub user: String,
    pub tenant_id: u64,
    pub tenant_name: String,
    pub mode: CompatMode,
    pub database: Option<String>,
    /// `__ob_backup_encryption_passwd__`: the digest set by SET ENCRYPTION ... ONLY.
    pub encryption: Option<String>,
    /// `__ob_backup_decryption_passwd_array__`: digests set by SET DECRYPTION.
    pub decryption: Vec<String>,
    pub connection_id: u64,
}

impl Session {
    /// A fresh session of `user` in tenant `t` (session variables start empty).
    pub fn new(user: &str, t: &Tenant, connection_id: u64) -> Session {
        let database = match t.mode {
            CompatMode::MySql => Some("oceanbase".to_string()),
            CompatMode::Oracle => Some(user.to_ascii_uppercase()),
        };
        Session {
            user: user.to_string(),
            tenant_id: t.id,
            tenant_name: t.name.clone(),
            mode: t.mode,
            database,
            encryption: None,
            decryption: Vec::new(),
            connection_id,
        }
    }

    pub fn is_sys(&self) -> bool {
        self.tenant_id == SYS_TENANT_ID
    }

    /// The schema name of system views in this mode.
    pub(crate) fn system_schema(&self) -> &'static str {
        match self.mode {
            CompatMode::MySql => "oceanbase",
            CompatMode::Oracle => "SYS",
        }
    }
}
