//! The SQL session: who is logged on, in which tenant and mode, the current database, and the
//! session variables backup and restore statements read (the SET ENCRYPTION digest, the SET
//! DECRYPTION digests, the RESTORE PREVIEW request, the ADD RESTORE SOURCE list). Invariant: a
//! session always names an existing tenant, and its variables start empty; only a new login
//! (`Session::new`) resets them, as OceanBase forgets them per connection.

use crate::cluster::{SYS_TENANT_ID, Tenant};
use crate::compat::CompatMode;
use crate::restore::RestoreTarget;

/// How a session stands to a tenant, for the backup statements (§1.2, §1.10): root@sys acts on
/// any tenant by naming it (`TENANT = name`), a user tenant acts on itself with the forms that
/// name no tenant, and no session acts on another user tenant. The executor's checks and the
/// dashboards' buttons both read it here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Authority {
    /// root@sys: the `TENANT = name` forms.
    Sys,
    /// Connected to the tenant itself: the forms without a tenant list.
    Own,
    /// Another user tenant: no statement can act on this one.
    #[default]
    None,
}

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
    /// `__ob_restore_preview_backup_dest__` and `__ob_restore_preview_scn__` /
    /// `__ob_restore_preview_timestamp__`: what ALTER SYSTEM RESTORE … PREVIEW stored for the
    /// next SHOW RESTORE PREVIEW.
    #[serde(default)]
    pub restore_preview: Option<RestorePreview>,
    /// `__ob_restore_source_name__`: the paths ADD RESTORE SOURCE listed so far.
    #[serde(default)]
    pub restore_source: Vec<String>,
    pub connection_id: u64,
}

/// The request a RESTORE … PREVIEW stored: the FROM list as typed and the target.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RestorePreview {
    pub dest: String,
    pub until: RestoreTarget,
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
            restore_preview: None,
            restore_source: Vec::new(),
            connection_id,
        }
    }

    pub fn is_sys(&self) -> bool {
        self.tenant_id == SYS_TENANT_ID
    }

    /// How this session stands to tenant `tenant_id` (see [`Authority`]).
    pub fn authority_over(&self, tenant_id: u64) -> Authority {
        if self.is_sys() {
            Authority::Sys
        } else if self.tenant_id == tenant_id {
            Authority::Own
        } else {
            Authority::None
        }
    }

    /// The schema name of system views in this mode.
    pub(crate) fn system_schema(&self) -> &'static str {
        match self.mode {
            CompatMode::MySql => "oceanbase",
            CompatMode::Oracle => "SYS",
        }
    }
}
